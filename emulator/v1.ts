// The eight v1 endpoints (reference §3). Routing is split from execution so the server can answer
// "no route" before authenticating, and authenticate before anything touches the store.
// Wire keys live only here: requests use `ip`, responses `origin-ip`.

import { CODES, failure, setting, success, type Reply } from "./envelope";
import { canonicalizeIp } from "./ip";
import { supportedRegionsBody } from "./regions";
import type { EmulatorState } from "./state";
import type { BatchResult, Mapping } from "./store";
import { validateItem, type ItemValidation } from "./validate";

export const MAX_BATCH_ITEMS = 100;

export type ParsedBody = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "invalid" };

/** Runs a routed request; `editable` is false for a read-only credential. */
export type V1Handler = (body: ParsedBody, editable: boolean) => Reply;

const V1_PATH = /^\/zones\/([^/]+)\/cache\/origin_cloud_regions(?:\/([^/]+))?$/;

function entry(m: Mapping): Record<string, string> {
  return { "origin-ip": m.ip, vendor: m.vendor, region: m.region, modified_on: m.modifiedOn };
}

function batchValue(result: BatchResult): Record<string, unknown> {
  return {
    succeeded: result.succeeded.map((m) => ({ "origin-ip": m.ip, vendor: m.vendor, region: m.region })),
    failed: result.failed.map((f) => ({ "origin-ip": f.ip, error: f.error })),
  };
}

function tooManyMappings(max: number): Reply {
  return failure(403, { code: CODES.tooManyMappings, message: `The zone has reached the maximum of ${max} origin cloud region mappings` });
}

function invalidBody(message: string): Reply {
  return failure(400, { code: CODES.invalidBody, message });
}

/** The JSON body, or the 400 to answer when it is absent or unparseable. */
function requireJson(body: ParsedBody): { value: unknown } | Reply {
  if (body.kind === "none") return invalidBody("Request body is required");
  if (body.kind === "invalid") return invalidBody("Request body is not valid JSON");
  return { value: body.value };
}

function isReply(x: { value: unknown } | Reply): x is Reply {
  return "status" in x;
}

function itemError(v: Exclude<ItemValidation, { ok: true }>): Reply {
  const code = v.problem === "ip" ? CODES.invalidIp : v.problem === "vendor_region" ? CODES.invalidVendorRegion : CODES.invalidBody;
  return failure(400, { code, message: v.error });
}

function batchArray(body: ParsedBody): unknown[] | Reply {
  const parsed = requireJson(body);
  if (isReply(parsed)) return parsed;
  if (!Array.isArray(parsed.value)) return invalidBody("Request body must be a JSON array");
  if (parsed.value.length > MAX_BATCH_ITEMS) {
    return failure(400, { code: CODES.batchTooLarge, message: `A batch may hold at most ${MAX_BATCH_ITEMS} items; got ${parsed.value.length}` });
  }
  return parsed.value;
}

function decodePathIp(segment: string): string | null {
  try {
    return canonicalizeIp(decodeURIComponent(segment));
  } catch {
    return null; // malformed percent-encoding
  }
}

function handlers(state: EmulatorState, zoneId: string) {
  const store = state.store;
  const modifiedOn = () => store.modifiedOn(zoneId);
  return {
    list: (_body: ParsedBody, editable: boolean): Reply => success(setting(store.list(zoneId).map(entry), editable, modifiedOn())),

    create(body: ParsedBody, editable: boolean): Reply {
      const parsed = requireJson(body);
      if (isReply(parsed)) return parsed;
      const v = validateItem(parsed.value, state.regionCheck);
      if (!v.ok) return itemError(v);
      const outcome = store.create(zoneId, v.item);
      if (!outcome.ok) {
        return outcome.reason === "exists"
          ? failure(400, { code: CODES.alreadyExists, message: `A mapping for ${v.item.ip} already exists; use PATCH to update it` })
          : tooManyMappings(store.maxMappings);
      }
      return success(setting(entry(outcome.mapping), editable, modifiedOn()));
    },

    // PATCH single answers with the whole list, not the entry (reference §3.2 item 3).
    upsert(body: ParsedBody, editable: boolean): Reply {
      const parsed = requireJson(body);
      if (isReply(parsed)) return parsed;
      const v = validateItem(parsed.value, state.regionCheck);
      if (!v.ok) return itemError(v);
      const outcome = store.upsert(zoneId, v.item);
      if (!outcome.ok) return tooManyMappings(store.maxMappings);
      return success(setting(store.list(zoneId).map(entry), editable, modifiedOn()));
    },

    getOne(ip: string | null, editable: boolean): Reply {
      if (ip === null) return failure(400, { code: CODES.invalidIp, message: "The IP address in the path is not a valid IP address" });
      const found = store.get(zoneId, ip);
      if (found === undefined) return failure(404, { code: CODES.entryNotFoundGet, message: `No origin cloud region mapping for ${ip}` });
      return success(setting(entry(found), editable, modifiedOn()));
    },

    deleteOne(ip: string | null, editable: boolean): Reply {
      if (ip === null) return failure(400, { code: CODES.invalidIp, message: "The IP address in the path is not a valid IP address" });
      const deleted = store.delete(zoneId, ip);
      if (deleted === undefined) return failure(404, { code: CODES.entryNotFoundDelete, message: `No origin cloud region mapping for ${ip}` });
      return success(setting(entry(deleted), editable, modifiedOn()));
    },

    batchUpsert(body: ParsedBody, editable: boolean): Reply {
      const items = batchArray(body);
      if (!Array.isArray(items)) return items;
      const outcome = store.batchUpsert(zoneId, items, state.regionCheck);
      if (!outcome.ok) return tooManyMappings(store.maxMappings);
      return success(setting(batchValue(outcome.result), editable, outcome.result.modifiedOn));
    },

    batchDelete(body: ParsedBody, editable: boolean): Reply {
      const items = batchArray(body);
      if (!Array.isArray(items)) return items;
      const result = store.batchDelete(zoneId, items);
      return success(setting(batchValue(result), editable, result.modifiedOn));
    },

    supportedRegions(): Reply {
      if (!state.tieredCache) {
        return failure(400, { code: CODES.tieredCacheDisabled, message: "Tiered Cache is not enabled for this zone; supported_regions requires it" });
      }
      return success(supportedRegionsBody(state.catalogue, state.obtainedCodes));
    },
  };
}

/** The handler for `method path` (path after /client/v4, query excluded), or null for "no route". */
export function routeV1(state: EmulatorState, method: string, path: string): V1Handler | null {
  if (state.v1 === "no-route") return null;
  const match = V1_PATH.exec(path);
  const zoneId = match?.[1];
  if (match === null || zoneId === undefined || !state.zoneExists(zoneId)) return null;
  const h = handlers(state, zoneId);
  const sub = match[2];
  if (sub === undefined) {
    if (method === "GET") return h.list;
    if (method === "POST") return h.create;
    if (method === "PATCH") return h.upsert;
    return null;
  }
  if (sub === "batch") {
    if (method === "PATCH") return h.batchUpsert;
    if (method === "DELETE") return h.batchDelete;
    return null;
  }
  if (sub === "supported_regions") return method === "GET" ? h.supportedRegions : null;
  const ip = decodePathIp(sub);
  if (method === "GET") return (_body, editable) => h.getOne(ip, editable);
  if (method === "DELETE") return (_body, editable) => h.deleteOne(ip, editable);
  return null;
}
