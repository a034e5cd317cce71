import { z } from "zod";
import type { ApiFamily, BatchOutcome } from "./wire";
import { heldVendorSchema, ipSegment, latest, parseSupportedRegions, zonePath } from "./wire";

/** The most entries Cloudflare returns per page (`per_page` 1–100). Asking for the most means fewest calls. */
export const V2_PAGE_SIZE = 100;

function v2Entry() {
  return z
    .object({ origin_ip: z.string(), vendor: heldVendorSchema(), region: z.string(), modified_on: z.string().nullable().optional() })
    .loose();
}

/**
 * `result_info`, any subset of `page`, `per_page`, `count`, `total_count`, `total_pages` (older
 * generated clients declare no `total_pages`). A figure that is missing or not a count is ignored
 * rather than refused: the list reads on until a page says it is the last (see isLastPage).
 */
function resultInfo() {
  const figure = () => z.number().int().nonnegative().optional().catch(undefined);
  return z.object({ page: figure(), per_page: figure(), count: figure(), total_count: figure(), total_pages: figure() }).loose().catch({});
}

function readBatch(result: unknown): BatchOutcome {
  const item = z.object({ origin_ip: z.string(), error: z.string().optional(), modified_on: z.string().nullable().optional() }).loose();
  // An empty list may be left out, but not both: an answer with neither is not a batch outcome (a
  // v1-shaped answer, say), and reading it as "nothing applied" would hide what happened.
  const parsed = z
    .object({ succeeded: z.array(item).optional(), failed: z.array(item).optional() })
    .loose()
    .refine((r) => r.succeeded !== undefined || r.failed !== undefined, { message: "neither succeeded nor failed in the batch result" })
    .parse(result);
  const succeeded = parsed.succeeded ?? [];
  return {
    succeeded: succeeded.map((i) => i.origin_ip),
    failed: (parsed.failed ?? []).map((i) => ({ ip: i.origin_ip, error: i.error ?? "rejected without a reason" })),
    // v2 has no set-level timestamp; entries may carry their own. Without any, the time is unknown.
    modifiedOn: latest(succeeded.map((i) => i.modified_on)),
  };
}

const base = (zoneId: string) => `${zonePath(zoneId)}/origin/cloud_regions`;

/**
 * The v2 family, `/zones/{zone_id}/origin/cloud_regions`, the one Cloudflare supports. Requests and
 * responses spell the IP `origin_ip`; results are flat (no setting envelope); the list is paginated
 * (`page`, `per_page` ≤ 100, `result_info` with or without `total_pages`); batch upsert is an idempotent `PUT` that
 * merges. There is no set-level `modified_on`: the list derives it from the newest entry.
 */
export const v2: ApiFamily = {
  name: "v2",
  listPage: (zoneId, page, perPage = V2_PAGE_SIZE) => ({
    method: "GET",
    path: `${base(zoneId)}?page=${page}&per_page=${perPage}`,
    parse: (result, info) => {
      const entries = z.array(v2Entry()).parse(result);
      const parsed = resultInfo().parse(info);
      const pageSize = parsed.per_page !== undefined && parsed.per_page > 0 ? parsed.per_page : perPage;
      return {
        mappings: entries.map((e) => ({ ip: e.origin_ip, vendor: e.vendor, region: e.region })),
        modifiedOn: latest(entries.map((e) => e.modified_on)),
        perPage: pageSize,
        ...(parsed.total_pages === undefined ? {} : { totalPages: parsed.total_pages }),
        ...(parsed.total_count === undefined ? {} : { totalCount: parsed.total_count }),
      };
    },
  }),
  getOne: (zoneId, ip) => ({
    method: "GET",
    path: `${base(zoneId)}/${ipSegment(ip)}`,
    parse: (result) => {
      const e = v2Entry().parse(result);
      return { ip: e.origin_ip, vendor: e.vendor, region: e.region };
    },
  }),
  supportedRegions: (zoneId) => ({
    method: "GET",
    path: `${base(zoneId)}/supported_regions`,
    parse: parseSupportedRegions,
  }),
  upsertBatch: (zoneId, items) => ({
    method: "PUT",
    path: `${base(zoneId)}/batch`,
    body: items.map((m) => ({ origin_ip: m.ip, vendor: m.vendor, region: m.region })),
    parse: readBatch,
  }),
  // As in v1, the body (a JSON array of IP strings) is required.
  deleteBatch: (zoneId, ips) => ({
    method: "DELETE",
    path: `${base(zoneId)}/batch`,
    body: [...ips],
    parse: readBatch,
  }),
};
