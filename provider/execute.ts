import type { CloudflareClient } from "./cloudflare/client";
import { messageOf, statusOf } from "./cloudflare/errors";
import type { BatchOutcome } from "./cloudflare/wire";
import type { Plan } from "./plan";
import { applyOutcome, chunk, sameTarget } from "./plan";
import type { Mapping, MappingSet, MappingTarget } from "./types";

/** One mapping the API refused, or whose outcome could not be confirmed. */
export interface ItemFailure {
  action: "upsert" | "delete";
  ip: string;
  vendor: string | undefined;
  region: string | undefined;
  message: string;
}

/** What executing a plan did. `applied` is exactly what is now true for the IPs in play. */
export interface Execution {
  applied: MappingSet;
  failures: ItemFailure[];
  /** A batch-level error that stopped the run (after retries), if any. */
  error: unknown;
  modifiedOn: string | null;
}

/**
 * Sends a plan as batches of at most 100: deletes first (they free room under the zone's 3,500
 * limit), then upserts. Items in `failed` are collected, not thrown. A batch that fails as a whole
 * stops the run; if its outcome is unknown (connection lost, 5xx after retries) the zone is read
 * back so that `applied` records only what is really there.
 */
export async function executePlan(client: CloudflareClient, zoneId: string, base: MappingSet, work: Plan): Promise<Execution> {
  const upserted: Mapping[] = [];
  const deleted: string[] = [];
  const failures: ItemFailure[] = [];
  const notFoundCandidates: string[] = [];
  let unconfirmed: { upserts: Mapping[]; deletes: string[] } | undefined;
  let error: unknown;
  let modifiedOn: string | null = null;
  const note = (outcome: BatchOutcome) => {
    if (outcome.modifiedOn !== null) modifiedOn = outcome.modifiedOn;
  };

  for (const ips of chunk(work.deletes)) {
    try {
      const outcome = await client.deleteBatch(zoneId, ips);
      note(outcome);
      deleted.push(...outcome.succeeded);
      // A delete the API refuses may be for an IP that is already gone; read back below to tell.
      notFoundCandidates.push(...outcome.failed.map((f) => f.ip));
      for (const f of outcome.failed) failures.push(describe("delete", f.ip, base[f.ip], f.error));
    } catch (e) {
      error = e;
      unconfirmed = { upserts: [], deletes: ips };
      break;
    }
  }
  if (error === undefined) {
    for (const items of chunk(work.upserts)) {
      try {
        const outcome = await client.upsertBatch(zoneId, items);
        note(outcome);
        const sent = new Map(items.map((m) => [m.ip, m]));
        for (const ip of outcome.succeeded) {
          const m = sent.get(ip);
          if (m) upserted.push(m);
        }
        for (const f of outcome.failed) failures.push(describe("upsert", f.ip, sent.get(f.ip), f.error));
      } catch (e) {
        error = e;
        unconfirmed = { upserts: items, deletes: [] };
        break;
      }
    }
  }

  // A 4xx answer means the batch was refused whole; anything else may or may not have been applied.
  const failedStatus = statusOf(error);
  const outcomeUnknown = unconfirmed !== undefined && !(failedStatus !== undefined && failedStatus < 500);
  if (notFoundCandidates.length > 0 || outcomeUnknown) {
    try {
      const live = new Map((await client.listMappings(zoneId)).mappings.map((m) => [m.ip, m]));
      const gone = new Set(notFoundCandidates.filter((ip) => !live.has(ip)));
      deleted.push(...gone);
      if (outcomeUnknown && unconfirmed) {
        deleted.push(...unconfirmed.deletes.filter((ip) => !live.has(ip)));
        upserted.push(...unconfirmed.upserts.filter((m) => {
          const held = live.get(m.ip);
          return held !== undefined && sameTarget(held, m);
        }));
      }
      return finish(failures.filter((f) => !(f.action === "delete" && gone.has(f.ip))));
    } catch {
      // Reading back failed too: record only what was confirmed.
    }
  }
  return finish(failures);

  function finish(remaining: ItemFailure[]): Execution {
    return { applied: applyOutcome(base, upserted, deleted), failures: remaining, error, modifiedOn };
  }
}

function describe(action: ItemFailure["action"], ip: string, target: MappingTarget | undefined, message: string): ItemFailure {
  return { action, ip, vendor: target?.vendor, region: target?.region, message };
}

/** One line per failed item: IP, vendor, region and Cloudflare's message. */
export function failureLines(execution: Pick<Execution, "failures" | "error">): string[] {
  const lines = execution.failures.map(
    (f) => `${f.ip} (${f.vendor ?? "?"}/${f.region ?? "?"}): ${f.action} failed: ${f.message}`,
  );
  if (execution.error !== undefined) {
    lines.push(messageOf(execution.error));
  }
  return lines;
}
