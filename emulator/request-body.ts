// Reading a request's body for the server: the whole body up to a cap (past it, the rest is drained
// and discarded rather than buffered), then JSON.

import type { IncomingMessage } from "node:http";
import type { ParsedBody } from "./family";

/** Far above 100 batch items; only stops a runaway client from filling memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyRead = { kind: "ok"; text: string } | { kind: "too-large" } | { kind: "aborted" };

/** Reads the whole body. Past the cap the rest is drained and discarded rather than buffered. */
export function readBody(req: IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(size > MAX_BODY_BYTES ? { kind: "too-large" } : { kind: "ok", text: Buffer.concat(chunks).toString("utf8") }),
    );
    // A client that goes away mid-body is not an emulator error; resolve is a no-op after "end".
    req.on("error", () => resolve({ kind: "aborted" }));
    req.on("close", () => resolve({ kind: "aborted" }));
  });
}

export function parseBody(text: string): ParsedBody {
  if (text.trim() === "") return { kind: "none" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "invalid" };
  }
}
