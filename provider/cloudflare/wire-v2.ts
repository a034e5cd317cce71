import { z } from "zod";
import type { ApiFamily, BatchOutcome } from "./wire";
import { latest, parseSupportedRegions, vendorSchema } from "./wire";

/** The most entries Cloudflare returns per page (`per_page` 1–100). Asking for the most means fewest calls. */
export const V2_PAGE_SIZE = 100;

function v2Entry() {
  return z
    .object({ origin_ip: z.string(), vendor: vendorSchema(), region: z.string(), modified_on: z.string().nullable().optional() })
    .loose();
}

function resultInfo() {
  return z.object({ total_pages: z.number().int().nonnegative(), total_count: z.number().int().nonnegative().optional() }).loose();
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

const base = (zoneId: string) => `/zones/${encodeURIComponent(zoneId)}/origin/cloud_regions`;

/**
 * The v2 family, `/zones/{zone_id}/origin/cloud_regions`, the one Cloudflare supports. Requests and
 * responses spell the IP `origin_ip`; results are flat (no setting envelope); the list is paginated
 * (`page`, `per_page` ≤ 100, `result_info.total_pages`); batch upsert is an idempotent `PUT` that
 * merges. There is no set-level `modified_on`: the list derives it from the newest entry.
 */
export const v2: ApiFamily = {
  name: "v2",
  listPage: (zoneId, page, perPage = V2_PAGE_SIZE) => ({
    method: "GET",
    path: `${base(zoneId)}?page=${page}&per_page=${perPage}`,
    parse: (result, info) => {
      const entries = z.array(v2Entry()).parse(result);
      // Without result_info the answer is taken as the only page rather than guessed at.
      const parsed = info === undefined || info === null ? undefined : resultInfo().parse(info);
      return {
        mappings: entries.map((e) => ({ ip: e.origin_ip, vendor: e.vendor, region: e.region })),
        modifiedOn: latest(entries.map((e) => e.modified_on)),
        totalPages: parsed?.total_pages ?? page,
        totalCount: parsed?.total_count ?? (page - 1) * perPage + entries.length,
      };
    },
  }),
  getOne: (zoneId, ip) => ({
    method: "GET",
    path: `${base(zoneId)}/${encodeURIComponent(ip)}`,
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
