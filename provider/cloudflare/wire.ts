import { z } from "zod";
import type { SupportedRegions } from "../core/inputs";
import type { FamilyName, Mapping, Vendor } from "../core/types";
import { VENDORS } from "../core/types";

/**
 * The contract every endpoint family implements. Everything that differs between Cloudflare's two
 * families (paths, verbs, wire key spellings, result wrappers, pagination) lives behind it, in one
 * module per family; the client, the plan and the provider see only domain types.
 */
export interface ApiFamily {
  readonly name: FamilyName;
  /**
   * One page of the zone's mappings; `page` starts at 1, `perPage` defaults to the most the family
   * allows. A family without pagination has one page.
   */
  listPage(zoneId: string, page: number, perPage?: number): Call<MappingPage>;
  /** One IP's mapping; a 404 when the zone has none for it. */
  getOne(zoneId: string, ip: string): Call<Mapping>;
  supportedRegions(zoneId: string): Call<SupportedRegions>;
  upsertBatch(zoneId: string, items: readonly Mapping[]): Call<BatchOutcome>;
  deleteBatch(zoneId: string, ips: readonly string[]): Call<BatchOutcome>;
}

export type { FamilyName } from "../core/types";

/** One HTTP call: what to send and how to read the envelope. */
export interface Call<T> {
  method: "GET" | "PATCH" | "PUT" | "DELETE";
  /** Path below the base URL, with its query string if any. */
  path: string;
  body?: unknown;
  /**
   * Converts the envelope's `result` (and, for paginated lists, its `result_info`) to domain types;
   * throws a ZodError when the shape is not the documented one.
   */
  parse(result: unknown, resultInfo: unknown): T;
}

/** All mappings of a zone, and when the set last changed. */
export interface MappingList {
  mappings: Mapping[];
  /** Null when the zone has no mappings or the family does not say. */
  modifiedOn: string | null;
}

/** One page of a list, how many pages there are in all, and how many mappings the zone holds. */
export interface MappingPage extends MappingList {
  totalPages: number;
  totalCount: number;
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
  /** When the zone's mapping set last changed; null when the call applied nothing or the family does not say. */
  modifiedOn: string | null;
}

/** The latest of some RFC 3339 timestamps, or null when there are none. */
export function latest(timestamps: ReadonlyArray<string | null | undefined>): string | null {
  let best: string | null = null;
  let bestMs = -Infinity;
  for (const t of timestamps) {
    if (typeof t !== "string") continue;
    const ms = Date.parse(t);
    if (!Number.isNaN(ms) && ms > bestMs) {
      best = t;
      bestMs = ms;
    }
  }
  return best;
}

/** The zod schema of a vendor id, built per call (zod schemas must not be captured at module level). */
export function vendorSchema() {
  return z.enum(VENDORS as unknown as [Vendor, ...Vendor[]]);
}

/**
 * `supported_regions` has the same bare shape in both families (reference §8). Vendors this package
 * does not know are ignored rather than refused, so a new vendor on Cloudflare's side breaks nothing.
 */
export function parseSupportedRegions(result: unknown): SupportedRegions {
  const region = z.object({ name: z.string() }).loose();
  const parsed = z
    .object({ vendors: z.record(z.string(), z.array(region)) })
    .loose()
    .parse(result);
  const out: SupportedRegions = {};
  for (const [name, regions] of Object.entries(parsed.vendors)) {
    if ((VENDORS as readonly string[]).includes(name)) out[name as Vendor] = regions.map((r) => r.name);
  }
  return out;
}
