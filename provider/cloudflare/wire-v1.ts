import { z } from "zod";
import type { SupportedRegions } from "../inputs";
import type { Mapping, Vendor } from "../types";
import { VENDORS } from "../types";

/**
 * Everything that is specific to one endpoint family lives behind this interface: paths, verbs,
 * wire key spellings and result wrappers. The client and the provider see only domain types.
 */
export interface ApiFamily {
  readonly name: string;
  list(zoneId: string): Call<MappingList>;
  supportedRegions(zoneId: string): Call<SupportedRegions>;
  upsertBatch(zoneId: string, items: readonly Mapping[]): Call<BatchOutcome>;
  deleteBatch(zoneId: string, ips: readonly string[]): Call<BatchOutcome>;
}

/** One HTTP call: what to send and how to read the envelope's `result`. */
export interface Call<T> {
  method: "GET" | "PATCH" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  /** Converts `result` to domain types; throws a ZodError when the shape is not the documented one. */
  parse(result: unknown): T;
}

/** All mappings of a zone, and when the set last changed. */
export interface MappingList {
  mappings: Mapping[];
  modifiedOn: string | null;
}

/** One item the API refused, with Cloudflare's reason. */
export interface FailedItem {
  ip: string;
  error: string;
}

/** What a batch call did, item by item. HTTP 200 does not mean every item was applied. */
export interface BatchOutcome {
  /** IPs the call applied (upserted, or deleted). */
  succeeded: string[];
  failed: FailedItem[];
  /** When the zone's mapping set last changed; null when the call applied nothing. */
  modifiedOn: string | null;
}

const vendor = () => z.enum(VENDORS as unknown as [Vendor, ...Vendor[]]);

/** The setting envelope every v1 result (but supported_regions) is wrapped in. */
function setting<T extends z.ZodType>(value: T) {
  return z.object({ id: z.string(), editable: z.boolean().optional(), value, modified_on: z.string().nullable().optional() }).loose();
}

function v1Entry() {
  return z.object({ "origin-ip": z.string(), vendor: vendor(), region: z.string() }).loose();
}

function v1BatchResult() {
  const item = z.object({ "origin-ip": z.string(), error: z.string().optional() }).loose();
  return setting(z.object({ succeeded: z.array(item).default([]), failed: z.array(item).default([]) }));
}

function supportedRegionsSchema() {
  const region = z.object({ name: z.string() }).loose();
  return z.object({ vendors: z.record(z.string(), z.array(region)) }).loose();
}

function readBatch(result: unknown): BatchOutcome {
  const parsed = v1BatchResult().parse(result);
  return {
    succeeded: parsed.value.succeeded.map((i) => i["origin-ip"]),
    failed: parsed.value.failed.map((i) => ({ ip: i["origin-ip"], error: i.error ?? "rejected without a reason" })),
    modifiedOn: parsed.modified_on ?? null,
  };
}

const base = (zoneId: string) => `/zones/${encodeURIComponent(zoneId)}/cache/origin_cloud_regions`;

/**
 * The v1 family, `/zones/{zone_id}/cache/origin_cloud_regions` (deprecated by Cloudflare, removal
 * announced for 2026-10-01). Requests spell the IP `ip`; responses spell it `origin-ip`; results are
 * wrapped in the zone-setting envelope `{ id, editable, value, modified_on }`; the list is not paginated.
 */
export const v1: ApiFamily = {
  name: "v1",
  list: (zoneId) => ({
    method: "GET",
    path: base(zoneId),
    parse: (result) => {
      const parsed = setting(z.array(v1Entry())).parse(result);
      return {
        mappings: parsed.value.map((e) => ({ ip: e["origin-ip"], vendor: e.vendor, region: e.region })),
        modifiedOn: parsed.modified_on ?? null,
      };
    },
  }),
  supportedRegions: (zoneId) => ({
    method: "GET",
    path: `${base(zoneId)}/supported_regions`,
    parse: (result) => {
      const parsed = supportedRegionsSchema().parse(result);
      const out: SupportedRegions = {};
      for (const [name, regions] of Object.entries(parsed.vendors)) {
        if ((VENDORS as readonly string[]).includes(name)) out[name as Vendor] = regions.map((r) => r.name);
      }
      return out;
    },
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
