// Reading a request's body for the server: the whole body up to a cap (past it, the rest is drained
// and discarded rather than buffered), then JSON. A body announced above the cap by Content-Length is
// refused before a byte of it is read, and the body of a request whose credentials failed is drained
// without being kept.

import type { IncomingMessage } from "node:http";
import type { ParsedBody } from "./family";

/** Far above 100 batch items; only stops a runaway client from filling memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyRead = { kind: "ok"; text: string } | { kind: "too-large" } | { kind: "aborted" };

/** True when Content-Length announces more than the cap: answer 413 without reading. */
export function declaredTooLarge(req: IncomingMessage): boolean {
  const declared = req.headers["content-length"];
  return declared !== undefined && /^[0-9]+$/.test(declared) && Number(declared) > MAX_BODY_BYTES;
}

/** True when the request carries a body at all (a length above 0, or a chunked one). */
export function hasBody(req: IncomingMessage): boolean {
  const declared = req.headers["content-length"];
  if (declared !== undefined) return declared !== "0";
  return req.headers["transfer-encoding"] !== undefined;
}

/**
 * Reads the whole body, or with `keep` false drains it and answers an empty text. Past the cap the
 * rest is drained and discarded rather than buffered.
 */
export function readBody(req: IncomingMessage, keep = true): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (keep && size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(keep && size > MAX_BODY_BYTES ? { kind: "too-large" } : { kind: "ok", text: Buffer.concat(chunks).toString("utf8") }),
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
