// What the two API families (v1.ts, v2.ts) share: the handler contract the server calls, request-body
// and path-IP parsing, and the error replies whose code and status do not depend on the family. Wire
// key names are not here: each family file owns its own.

import { CODES, failure, success, type Reply } from "./envelope";
import { canonicalizeIp } from "./ip";
import { supportedRegionsBody } from "./regions";
import type { EmulatorState } from "./state";
import type { BatchFailure } from "./store-types";
import type { ItemProblem, ItemValidation } from "./validate";

/** OpenAPI `maxItems: 100` on every batch body of both families (reference §1). */
export const MAX_BATCH_ITEMS = 100;

export type ParsedBody = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "invalid" };

/** Runs a routed request; `editable` is false for a read-only credential. */
export type Handler = (body: ParsedBody, editable: boolean) => Reply;

/**
 * The handler for `method path` (path after /client/v4, still percent-encoded, query apart), or null
 * when this family has no such route. Routing is split from execution so the server can answer "no
 * route" before authenticating, and authenticate before anything touches the store.
 */
export type Router = (state: EmulatorState, method: string, path: string, query: string) => Handler | null;

export function invalidBody(message: string): Reply {
  return failure(400, { code: CODES.invalidBody, message });
}

export function tooManyMappings(max: number): Reply {
  return failure(403, { code: CODES.tooManyMappings, message: `The zone has reached the maximum of ${max} origin cloud region mappings` });
}

/** 400 / 1146, as for any invalid IP (reference §2.5). */
export function invalidPathIp(): Reply {
  return failure(400, { code: CODES.invalidIp, message: "invalid_ip: the IP address in the path is not a valid IP address" });
}

/** The JSON body, or the 400 to answer when it is absent or unparseable. */
export function requireJson(body: ParsedBody): { value: unknown } | Reply {
  if (body.kind === "none") return invalidBody("Request body is required");
  if (body.kind === "invalid") return invalidBody("Request body is not valid JSON");
  return { value: body.value };
}

export function isReply(x: { value: unknown } | Reply): x is Reply {
  return "status" in x;
}

function problemCode(problem: ItemProblem): number {
  return problem === "ip" ? CODES.invalidIp : problem === "vendor_region" ? CODES.invalidVendorRegion : CODES.invalidBody;
}

/** The 400 a single-item endpoint answers for an invalid item: 1146 (IP), 1157 (vendor/region) or 1190. */
export function itemError(v: Exclude<ItemValidation, { ok: true }>): Reply {
  return failure(400, { code: problemCode(v.problem), message: v.error });
}

/**
 * The `error` string of a failed batch item. Batch items carry no code field (reference §3.1), so an
 * item refused for a reason with a documented code names it in front, as a single-item call would
 * answer it: "[1146] invalid IP address …", "[1157] region … is not supported …". Other reasons
 * (duplicates, absent IPs, malformed items) are plain text.
 */
export function failedItemError(f: BatchFailure): string {
  return f.problem === "ip" || f.problem === "vendor_region" ? `[${problemCode(f.problem)}] ${f.error}` : f.error;
}

/** A batch body: a JSON array of at most MAX_BATCH_ITEMS elements, or the 400 to answer. */
export function batchArray(body: ParsedBody): unknown[] | Reply {
  const parsed = requireJson(body);
  if (isReply(parsed)) return parsed;
  if (!Array.isArray(parsed.value)) return invalidBody("Request body must be a JSON array");
  if (parsed.value.length > MAX_BATCH_ITEMS) {
    return failure(400, {
      code: CODES.batchTooLarge,
      message: `A batch may hold at most ${MAX_BATCH_ITEMS} items; got ${parsed.value.length}`,
    });
  }
  return parsed.value;
}

/** Percent-decodes and canonicalizes a path IP (reference §9 item 2); null when it is not an IP. */
export function decodePathIp(segment: string): string | null {
  try {
    return canonicalizeIp(decodeURIComponent(segment));
  } catch {
    return null; // malformed percent-encoding
  }
}

/** Same bare shape for both families (reference §8); needs Tiered Cache on. */
export function supportedRegions(state: EmulatorState): Reply {
  if (!state.tieredCache) {
    return failure(400, {
      code: CODES.tieredCacheDisabled,
      message: "Tiered Cache is not enabled for this zone; supported_regions requires it",
    });
  }
  return success(supportedRegionsBody(state.catalogue, state.obtainedCodes));
}
