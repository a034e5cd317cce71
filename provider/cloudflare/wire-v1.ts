import { z } from "zod";
import type { ApiFamily, BatchOutcome } from "./wire";
import { heldVendorSchema, ipSegment, parseSupportedRegions, zonePath } from "./wire";

/** The setting envelope every v1 result (but supported_regions) is wrapped in. */
function setting<T extends z.ZodType>(value: T) {
  return z.object({ id: z.string(), editable: z.boolean().optional(), value, modified_on: z.string().nullable().optional() }).loose();
}

function v1Entry() {
  return z.object({ "origin-ip": z.string(), vendor: heldVendorSchema(), region: z.string() }).loose();
}

function v1BatchResult() {
  const item = z.object({ "origin-ip": z.string(), error: z.string().optional() }).loose();
  return setting(z.object({ succeeded: z.array(item).default([]), failed: z.array(item).default([]) }));
}

function readBatch(result: unknown): BatchOutcome {
  const parsed = v1BatchResult().parse(result);
  return {
    succeeded: parsed.value.succeeded.map((i) => i["origin-ip"]),
    failed: parsed.value.failed.map((i) => ({ ip: i["origin-ip"], error: i.error ?? "rejected without a reason" })),
    modifiedOn: parsed.modified_on ?? null,
  };
}

const base = (zoneId: string) => `${zonePath(zoneId)}/cache/origin_cloud_regions`;

/**
 * The v1 family, `/zones/{zone_id}/cache/origin_cloud_regions` (deprecated by Cloudflare, removal
 * announced for 2026-10-01). Requests spell the IP `ip`; responses spell it `origin-ip`; results are
 * wrapped in the zone-setting envelope `{ id, editable, value, modified_on }`; the list is not
 * paginated, so it is always one page.
 */
export const v1: ApiFamily = {
  name: "v1",
  listPage: (zoneId) => ({
    method: "GET",
    path: base(zoneId),
    parse: (result) => {
      const parsed = setting(z.array(v1Entry())).parse(result);
      return {
        mappings: parsed.value.map((e) => ({ ip: e["origin-ip"], vendor: e.vendor, region: e.region })),
        modifiedOn: parsed.modified_on ?? null,
        totalPages: 1,
        totalCount: parsed.value.length,
      };
    },
  }),
  getOne: (zoneId, ip) => ({
    method: "GET",
    path: `${base(zoneId)}/${ipSegment(ip)}`,
    parse: (result) => {
      const e = setting(v1Entry()).parse(result).value;
      return { ip: e["origin-ip"], vendor: e.vendor, region: e.region };
    },
  }),
  supportedRegions: (zoneId) => ({
    method: "GET",
    path: `${base(zoneId)}/supported_regions`,
    parse: parseSupportedRegions,
  }),
  upsertBatch: (zoneId, items) => ({
    method: "PATCH",
    path: `${base(zoneId)}/batch`,
    body: items.map((m) => ({ ip: m.ip, vendor: m.vendor, region: m.region })),
    parse: readBatch,
  }),
  // The body is required although Cloudflare's generated SDKs omit it: an empty DELETE deletes nothing.
  deleteBatch: (zoneId, ips) => ({
    method: "DELETE",
    path: `${base(zoneId)}/batch`,
    body: [...ips],
    parse: readBatch,
  }),
};
