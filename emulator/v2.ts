// The seven v2 endpoints, `/zones/{zone_id}/origin/cloud_regions` (reference §4), over the same store
// as v1, so a mapping written through one family reads back through the other.
// Wire keys live only here (and in v1.ts for the other family): `origin_ip` in requests and responses,
// results are flat (no zone-setting envelope), and only the list is paginated.

import { CODES, failure, paginated, success, type Reply, type ResultInfo } from "./envelope";
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

export const V2_KEYS: ItemKeys = { family: "v2", ip: "origin_ip", foreign: ["ip", "origin-ip"] };

/** Documented list default and bound (reference §4 row 1). */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

const V2_PATH = /^\/zones\/([^/]+)\/origin\/cloud_regions(?:\/([^/]+))?$/;

function entry(m: Mapping): Record<string, string> {
  return { origin_ip: m.ip, vendor: m.vendor, region: m.region, modified_on: m.modifiedOn };
}

function batchResult(result: BatchResult): Record<string, unknown> {
  return {
    succeeded: result.succeeded.map((m) => ({ origin_ip: m.ip, vendor: m.vendor, region: m.region })),
    failed: result.failed.map((f) => ({ origin_ip: f.ip, error: failedItemError(f) })),
  };
}

/** 400 / 1146: the reference's example bodies give the invalid-IP code for bad pagination too. */
function invalidPagination(message: string): Reply {
  return failure(400, { code: CODES.invalidIp, message: `invalid_pagination: ${message}` });
}

/**
 * One positive-integer query parameter: its value, the default when absent, or an error message.
 * Strict on purpose (no "1.0", "+1", empty or repeated values) so that a client's malformed query
 * shows up. 15 digits keep every accepted value a safe integer.
 */
function intParam(params: URLSearchParams, name: string, fallback: number, max?: number): number | string {
  const values = params.getAll(name);
  if (values.length === 0) return fallback;
  if (values.length > 1) return `"${name}" is given more than once`;
  const text = values[0] ?? "";
  const n = /^[0-9]{1,15}$/.test(text) ? Number(text) : NaN;
  if (n >= 1 && (max === undefined || n <= max)) return n;
  const range = max === undefined ? "an integer >= 1" : `an integer from 1 to ${max}`;
  return `"${name}" must be ${range}, got ${JSON.stringify(text)}`;
}

function handlers(state: EmulatorState, zoneId: string) {
  const store = state.store;
  const validate = (raw: unknown) => validateItem(raw, state.regionCheck, V2_KEYS);
  return {
    list(query: string): Reply {
      const params = new URLSearchParams(query);
      const page = intParam(params, "page", 1);
      if (typeof page === "string") return invalidPagination(page);
      const perPage = intParam(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE);
      if (typeof perPage === "string") return invalidPagination(perPage);
      const all = store.list(zoneId);
      const items = all.slice((page - 1) * perPage, page * perPage).map(entry);
      // total_pages is ceil(total_count / per_page), so an empty zone has 0 pages (emulator choice: the
      // reference documents no value for an empty zone). A client reading until page >= total_pages,
      // or until a page shorter than per_page (reference §4), stops after page 1 either way.
      const info: ResultInfo = {
        page,
        per_page: perPage,
        count: items.length,
        total_count: all.length,
        total_pages: Math.ceil(all.length / perPage),
      };
      return paginated(items, info);
    },

    getOne(ip: string | null): Reply {
      if (ip === null) return invalidPathIp();
      const found = store.get(zoneId, ip);
      // 404 / 1142, as the reference's example bodies give it (reference §2.5).
      if (found === undefined)
        return failure(404, { code: CODES.entryNotFound, message: `not_found: no origin cloud region mapping for ${ip}` });
      return success(entry(found));
    },

    // Idempotent upsert. The body repeats the IP, and it must name the same address as the path.
    put(ip: string | null, body: ParsedBody): Reply {
      if (ip === null) return invalidPathIp();
      const parsed = requireJson(body);
      if (isReply(parsed)) return parsed;
      const v = validate(parsed.value);
      // A parseable but different body IP is reported as the mismatch it is (400 / 1146, reference
      // §2.5), before vendor/region problems, because it means the client addressed the wrong mapping.
      const bodyIp = v.ok ? v.item.ip : v.ipParsed ? v.ip : null;
      if (bodyIp !== null && bodyIp !== ip) {
        return failure(400, { code: CODES.invalidIp, message: `ip_mismatch: body origin_ip ${bodyIp} does not match the path IP ${ip}` });
      }
      if (!v.ok) return itemError(v);
      const outcome = store.upsert(zoneId, v.item);
      if (!outcome.ok) return tooManyMappings(store.maxMappings);
      return success(entry(outcome.mapping));
    },

    deleteOne(ip: string | null): Reply {
      if (ip === null) return invalidPathIp();
      const deleted = store.delete(zoneId, ip);
      // 404 / 1142: the example bodies give 1142 here as for GET one (v1's DELETE one keeps 1163).
      if (deleted === undefined)
        return failure(404, { code: CODES.entryNotFound, message: `not_found: no origin cloud region mapping for ${ip}` });
      return success({ origin_ip: deleted.ip });
    },

    // Merge, not replace: mappings absent from the body stay (reference §4 row 5); same per-item,
    // duplicate and whole-request 1164 rules as the v1 batch, since both run the store's batchUpsert.
    batchUpsert(body: ParsedBody): Reply {
      const items = batchArray(body);
      if (!Array.isArray(items)) return items;
      const outcome = store.batchUpsert(zoneId, items, validate);
      if (!outcome.ok) return tooManyMappings(store.maxMappings);
      return success(batchResult(outcome.result));
    },

    batchDelete(body: ParsedBody): Reply {
      const items = batchArray(body);
      if (!Array.isArray(items)) return items;
      return success(batchResult(store.batchDelete(zoneId, items)));
    },
  };
}

/** The handler for `method path?query`, or null for "no route". v2 has no POST and no PATCH. */
export function routeV2(state: EmulatorState, method: string, path: string, query: string): Handler | null {
  if (state.families.v2 === "no-route") return null;
  const match = V2_PATH.exec(path);
  const zoneId = match?.[1];
  if (match === null || zoneId === undefined || !state.zoneExists(zoneId)) return null;
  const h = handlers(state, zoneId);
  const sub = match[2];
  if (sub === undefined) return method === "GET" ? () => h.list(query) : null;
  if (sub === "batch") {
    if (method === "PUT") return (body) => h.batchUpsert(body);
    if (method === "DELETE") return (body) => h.batchDelete(body);
    return null;
  }
  if (sub === "supported_regions") return method === "GET" ? () => supportedRegions(state) : null;
  const ip = decodePathIp(sub);
  if (method === "GET") return () => h.getOne(ip);
  if (method === "PUT") return (body) => h.put(ip, body);
  if (method === "DELETE") return () => h.deleteOne(ip);
  return null;
}
