// JSON persistence of the store, so `npm run emulator -- --data FILE` survives restarts and an
// end-to-end test can inspect state from outside the process.

import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { StoreSnapshot } from "./store";

/** The parsed file, or undefined when it does not exist yet. Invalid JSON throws: better than data loss. */
export function loadSnapshot(file: string): unknown {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`emulator data file ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * Writes to a temporary file in the same directory, then renames it over the target: a reader (or a
 * crash) never sees a half-written file, because rename within one filesystem is atomic.
 */
export function saveSnapshot(file: string, snapshot: StoreSnapshot): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(snapshot, null, 2)}\n`, "utf8");
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw err;
  }
}
