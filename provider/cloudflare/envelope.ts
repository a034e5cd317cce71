import { z } from "zod";
import { apiErrorFor, cleanMessage, EnvelopeError, FeatureUnavailableError } from "./errors";
import type { CloudflareMessage } from "./errors";

function envelopeSchema() {
  const item = z.object({ code: z.number().int(), message: z.string() }).loose();
  // `error_chain` is read one level deep, and a malformed one is dropped rather than failing the envelope.
  const info = item.extend({ error_chain: z.array(item).optional().catch(undefined) });
  return z
    .object({
      success: z.boolean(),
      errors: z.array(info).default([]),
      messages: z.array(z.unknown()).default([]),
      result: z.unknown(),
      result_info: z.unknown().optional(),
    })
    .loose();
}

/** What a successful envelope carries: `result`, and `result_info` on paginated lists. */
export interface Unwrapped {
  result: unknown;
  resultInfo: unknown;
}

/**
 * The one place the response envelope is unwrapped. Success needs both a 2xx status and
 * `success: true`; anything else becomes a typed error carrying Cloudflare's codes, and its texts
 * without control characters and cut to a bounded length.
 * A 404 without an envelope is how an absent route can look behind some proxies, so it is read as
 * "no route" (reference §6), like the 7000/7003 envelope.
 */
export function unwrap(action: string, status: number, body: unknown, requestId?: string): Unwrapped {
  const parsed = envelopeSchema().safeParse(body);
  if (!parsed.success) {
    if (status === 404) throw new FeatureUnavailableError(action, status, [], requestId);
    if (status >= 400) return failWith(action, status, [], requestId);
    throw new EnvelopeError(action, status, `not a Cloudflare envelope (${parsed.error.issues[0]?.message ?? "unknown shape"})`);
  }
  const envelope = parsed.data;
  // Server text is cleaned here, before it reaches any message (see errors.ts: serverText).
  const errors: CloudflareMessage[] = envelope.errors.map((e) =>
    cleanMessage(e.error_chain === undefined ? e : { code: e.code, message: e.message, chain: e.error_chain }),
  );
  if (status < 200 || status >= 300 || !envelope.success) return failWith(action, status, errors, requestId);
  return { result: envelope.result, resultInfo: envelope.result_info };
}

function failWith(action: string, status: number, errors: CloudflareMessage[], requestId?: string): never {
  throw apiErrorFor(action, status, errors, requestId);
}
