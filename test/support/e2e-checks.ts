// What the fixture's end-to-end specs check in the CLI's output and in the requests an emulator
// recorded: the two endpoint families' batch paths and upsert methods, the IPs of a batch, and the
// changed lines of a `--diff` display.

import * as assert from "node:assert/strict";
import type { RecordedRequest } from "../../emulator";
import { excerpt } from "./e2e-harness";

export type Family = "v1" | "v2";

export const BATCH_PATH: Record<Family, RegExp> = {
  v1: /^\/zones\/([0-9a-f]{32})\/cache\/origin_cloud_regions\/batch$/,
  v2: /^\/zones\/([0-9a-f]{32})\/origin\/cloud_regions\/batch$/,
};

export const UPSERT: Record<Family, string> = { v1: "PATCH", v2: "PUT" };

/** The families the lifecycle cases run on, in order, and the title of each one's describe block. */
export const LIFECYCLE_FAMILIES = ["v2", "v1"] as const;

export function otherFamily(family: Family): Family {
  return family === "v1" ? "v2" : "v1";
}

export function lifecycleTitle(family: Family): string {
  return `lifecycle on ${family} (the account answers "no route" on ${otherFamily(family)}; apiFamily auto)`;
}

/** Batch upsert items (IPs, v1 `ip` or v2 `origin_ip`) of a recorded request, or the IPs of a batch DELETE. */
export function bodyIps(request: RecordedRequest): string[] {
  const body = Array.isArray(request.body) ? (request.body as unknown[]) : [];
  return body
    .map((item) =>
      typeof item === "string"
        ? item
        : String((item as { ip?: unknown; origin_ip?: unknown }).ip ?? (item as { origin_ip?: unknown }).origin_ip),
    )
    .sort();
}

export function assertIncludes(output: string, needles: string[], context: string): void {
  for (const needle of needles) {
    assert.ok(output.includes(needle), `${context}: expected the output to mention ${JSON.stringify(needle)}\n${excerpt(output)}`);
  }
}

export const describeWrites = (writes: RecordedRequest[]): string => writes.map((w) => `${w.method} ${w.path}`).join(", ");

/** The lines of a `--diff` display that mark a change: `~`, `+` or `-` before a property or resource. */
export function changedLines(output: string): string {
  return output
    .split("\n")
    .filter((line) => /^\s*[~+-] /.test(line))
    .join("\n");
}
