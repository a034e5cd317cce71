import { z } from "zod";
import type { SupportedRegions } from "../core/inputs";
import type { FamilyName, HeldMapping, Mapping, Vendor } from "../core/types";
import { VENDORS } from "../core/types";
import { CloudflareError } from "./errors";

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
  getOne(zoneId: string, ip: string): Call<HeldMapping>;
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

/**
 * All mappings of a zone, and when the set last changed. Read tolerantly: a vendor this package does
 * not know is kept (see HeldTarget), unknown fields are ignored.
 */
export interface MappingList {
  mappings: HeldMapping[];
  /** Null when the zone has no mappings or the family does not say. */
  modifiedOn: string | null;
}

/**
 * One page of a list, and what the answer says of the whole: each figure only when it says so (older
 * generated clients declare no `total_pages`; a server may send any subset of `result_info`).
 */
export interface MappingPage extends MappingList {
  /** The page size the answer reports, else the one asked for; undefined when the family does not paginate. */
  perPage?: number;
  totalPages?: number;
  totalCount?: number;
}

/**
 * Pure: true when no page follows page `page` of a list, `read` entries having been read so far: an
 * empty page, a short page (fewer than `perPage`), `total_pages` reached, or `total_count` reached.
 */
export function isLastPage(got: MappingPage, page: number, read: number): boolean {
  if (got.mappings.length === 0) return true;
  if (got.perPage !== undefined && got.mappings.length < got.perPage) return true;
  if (got.totalPages !== undefined && page >= got.totalPages) return true;
  return got.totalCount !== undefined && read >= got.totalCount;
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

/**
 * The zod schema of a vendor as an answer gives it: any string, since Cloudflare adds vendors over
 * time and one mapping of a vendor this package does not know must not fail a whole list (the
 * official SDKs type it as an open string). Built per call (zod schemas must not be captured at module level).
 */
export function heldVendorSchema() {
  return z.string();
}

/** The text of a refused argument: quoted, so that spaces and empty strings show. */
function shown(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * `/zones/{zone_id}`. The id is checked, not encoded: 32 lowercase hexadecimal characters (reference
 * §2.3), so that a malformed id (one read back from state, say) is refused before any request instead
 * of drawing a "could not route" answer that reads like an absent endpoint family.
 */
export function zonePath(zoneId: string): string {
  if (typeof zoneId !== "string" || !/^[0-9a-f]{32}$/.test(zoneId))
    throw new CloudflareError(
      "CF_BAD_ARGUMENT",
      `Refused to call the Cloudflare API: zone id ${shown(zoneId)} is not 32 lowercase hexadecimal characters`,
    );
  return `/zones/${zoneId}`;
}

/**
 * An IP as a path segment: canonical and raw, with its colons as they are (`/cloud_regions/2001:db8::1`),
 * as Cloudflare's official SDKs, Terraform and alchemy send it (`:` is a legal path character). IPs
 * reaching the client are canonical (digits, a-f, `.` and `:` only); anything else is refused, never encoded.
 */
export function ipSegment(ip: string): string {
  if (typeof ip !== "string" || !/^[0-9a-f.:]+$/.test(ip))
    throw new CloudflareError(
      "CF_BAD_ARGUMENT",
      `Refused to call the Cloudflare API: ${shown(ip)} is not a canonical IP address (digits, a-f, "." and ":" only)`,
    );
  return ip;
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
