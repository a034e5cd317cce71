// The eight v1 endpoints, `/zones/{zone_id}/cache/origin_cloud_regions` (reference §3). Deprecated by
// Cloudflare; the family can be switched to "no-route" to simulate the time after its removal.
// Wire keys live only here (and in v2.ts for the other family): requests use `ip`, responses
// `origin-ip`, and every result except supported_regions sits in the zone-setting envelope.

import { CODES, failure, setting, success, type Reply } from "./envelope";
import {
  batchArray,
  decodePathIp,
  failedItemError,
  invalidPathIp,
  isReply,
  itemError,
  requireJson,
  supportedRegions,
  tooManyMappings,
  type Handler,
  type ParsedBody,
} from "./family";
import type { EmulatorState } from "./state";
import type { BatchResult, Mapping } from "./store";
import { validateItem, type ItemKeys } from "./validate";

export { MAX_BATCH_ITEMS, type ParsedBody } from "./family";

/** Runs a routed request; `editable` is false for a read-only credential. */
export type V1Handler = Handler;

export const V1_KEYS: ItemKeys = { family: "v1", ip: "ip", foreign: ["origin_ip", "origin-ip"] };

const V1_PATH = /^\/zones\/([^/]+)\/cache\/origin_cloud_regions(?:\/([^/]+))?$/;

function entry(m: Mapping): Record<string, string> {
  return { "origin-ip": m.ip, vendor: m.vendor, region: m.region, modified_on: m.modifiedOn };
}

function batchValue(result: BatchResult): Record<string, unknown> {
  return {
    succeeded: result.succeeded.map((m) => ({ "origin-ip": m.ip, vendor: m.vendor, region: m.region })),
    failed: result.failed.map((f) => ({ "origin-ip": f.ip, error: failedItemError(f) })),
  };
}

function handlers(state: EmulatorState, zoneId: string) {
  const store = state.store;
  const modifiedOn = () => store.modifiedOn(zoneId);
  const validate = (raw: unknown) => validateItem(raw, state.regionCheck, V1_KEYS);
  return {
    list: (_body: ParsedBody, editable: boolean): Reply => success(setting(store.list(zoneId).map(entry), editable, modifiedOn())),

    create(body: ParsedBody, editable: boolean): Reply {
      const parsed = requireJson(body);
      if (isReply(parsed)) return parsed;
      const v = validate(parsed.value);
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
      const v = validate(parsed.value);
      if (!v.ok) return itemError(v);
      const outcome = store.upsert(zoneId, v.item);
      if (!outcome.ok) return tooManyMappings(store.maxMappings);
      return success(setting(store.list(zoneId).map(entry), editable, modifiedOn()));
    },

    getOne(ip: string | null, editable: boolean): Reply {
      if (ip === null) return invalidPathIp();
      const found = store.get(zoneId, ip);
      if (found === undefined) return failure(404, { code: CODES.entryNotFound, message: `No origin cloud region mapping for ${ip}` });
      return success(setting(entry(found), editable, modifiedOn()));
    },

    deleteOne(ip: string | null, editable: boolean): Reply {
      if (ip === null) return invalidPathIp();
      const deleted = store.delete(zoneId, ip);
      if (deleted === undefined) return failure(404, { code: CODES.v1DeleteNotFound, message: `No origin cloud region mapping for ${ip}` });
      return success(setting(entry(deleted), editable, modifiedOn()));
    },

    batchUpsert(body: ParsedBody, editable: boolean): Reply {
      const items = batchArray(body);
      if (!Array.isArray(items)) return items;
      const outcome = store.batchUpsert(zoneId, items, validate);
      if (!outcome.ok) return tooManyMappings(store.maxMappings);
      return success(setting(batchValue(outcome.result), editable, outcome.result.modifiedOn));
    },

    batchDelete(body: ParsedBody, editable: boolean): Reply {
      const items = batchArray(body);
      if (!Array.isArray(items)) return items;
      const result = store.batchDelete(zoneId, items);
      return success(setting(batchValue(result), editable, result.modifiedOn));
    },
  };
}

/** The handler for `method path` (path after /client/v4, query excluded), or null for "no route". */
export function routeV1(state: EmulatorState, method: string, path: string): V1Handler | null {
  if (state.families.v1 === "no-route") return null;
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
  if (sub === "supported_regions") return method === "GET" ? () => supportedRegions(state) : null;
  const ip = decodePathIp(sub);
  if (method === "GET") return (_body, editable) => h.getOne(ip, editable);
  if (method === "DELETE") return (_body, editable) => h.deleteOne(ip, editable);
  return null;
}
