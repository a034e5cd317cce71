import type { CallContext, CloudflareClient } from "../cloudflare/client";
import { hasErrorCode, statusOf } from "../cloudflare/errors";
import type { BatchOutcome } from "../cloudflare/wire";
import { latest } from "../cloudflare/wire";
import type { Plan } from "../core/plan";
import { applyOutcome, chunk, sameTarget } from "../core/plan";
import type { BatchError, Execution, ItemFailure } from "../core/execution";
import type { HeldSet, HeldTarget, Mapping } from "../core/types";

/** How a plan is sent. */
export interface ExecuteOptions {
  /** Batches in flight at once, 1 to 8. */
  concurrency: number;
  /** The step's retry deadline and stop signal, passed to every call. */
  ctx?: CallContext;
  /** Told after each batch: how many of how many are done. */
  onBatch?: (done: number, total: number) => void;
}

/** Errors after which no further batch can succeed: starting more would only repeat them. */
function isFatal(error: unknown): boolean {
  return hasErrorCode(error, "CF_AUTH") || hasErrorCode(error, "CF_UNAVAILABLE") || hasErrorCode(error, "CF_ABORTED");
}

/** Runs `work` over `items` with at most `limit` in flight; stops starting new ones once `stopped()` says so. */
async function pool<T>(items: readonly T[], limit: number, stopped: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stopped()) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

/**
 * Sends a plan as batches of at most 100: every delete first (they free room under the zone's 3,500
 * limit), then every upsert, with up to `concurrency` batches in flight. Items in `failed` are
 * collected, not thrown. A batch that fails as a whole after its retries does not stop the others;
 * only an error that every batch would hit (authentication, no route, the engine gone) does. At the
 * end, one read of the zone settles every batch whose outcome is unknown (connection lost, 5xx) and
 * every refused delete (the IP may already be gone), so `applied` records only what is really there.
 */
export async function executePlan(
  client: CloudflareClient,
  zoneId: string,
  base: HeldSet,
  work: Plan,
  options: ExecuteOptions,
): Promise<Execution> {
  const upserted: Mapping[] = [];
  const deleted: string[] = [];
  const failures: ItemFailure[] = [];
  const errors: BatchError[] = [];
  const maybeGone: string[] = [];
  let modifiedOn: string | null = null;
  let fatal = false;
  let batches = 0;
  const deletes = chunk(work.deletes);
  const upserts = chunk(work.upserts);
  const total = deletes.length + upserts.length;
  const wanted = new Map(work.upserts.map((m) => [m.ip, m]));
  const note = (outcome: BatchOutcome) => {
    modifiedOn = latest([modifiedOn, outcome.modifiedOn]);
  };
  const settle = (action: BatchError["action"], ips: string[], error: unknown) => {
    errors.push({ action, ips, error });
    if (isFatal(error)) fatal = true;
  };
  const finished = () => {
    batches++;
    options.onBatch?.(batches, total);
  };

  await pool(
    deletes,
    options.concurrency,
    () => fatal,
    async (ips) => {
      try {
        const outcome = await client.deleteBatch(zoneId, ips, options.ctx);
        note(outcome);
        deleted.push(...outcome.succeeded);
        maybeGone.push(...outcome.failed.map((f) => f.ip));
        for (const f of outcome.failed) failures.push(describe("delete", f.ip, base[f.ip], f.error));
      } catch (error) {
        settle("delete", ips, error);
      }
      finished();
    },
  );
  await pool(
    upserts,
    options.concurrency,
    () => fatal,
    async (items) => {
      try {
        const outcome = await client.upsertBatch(zoneId, items, options.ctx);
        note(outcome);
        const sent = new Map(items.map((m) => [m.ip, m]));
        for (const ip of outcome.succeeded) {
          const m = sent.get(ip);
          if (m) upserted.push(m);
        }
        for (const f of outcome.failed) failures.push(describe("upsert", f.ip, sent.get(f.ip), f.error));
      } catch (error) {
        settle(
          "upsert",
          items.map((m) => m.ip),
          error,
        );
      }
      finished();
    },
  );

  // A 4xx answer means the batch was refused whole; anything else may or may not have been applied.
  const unknown = errors.filter((e) => !isRefusedWhole(e.error));
  let remaining = failures;
  // Once the engine is gone nothing can record the outcome, so there is nothing to read back for.
  const aborted = errors.some((e) => hasErrorCode(e.error, "CF_ABORTED"));
  if ((maybeGone.length > 0 || unknown.length > 0) && !aborted) {
    try {
      // The read-back gets its own minute: the step's budget may be spent on the batches themselves.
      const deadline = Math.max(options.ctx?.deadline ?? 0, Date.now() + 60_000);
      const live = new Map((await client.listMappings(zoneId, { ...options.ctx, deadline })).mappings.map((m) => [m.ip, m]));
      const gone = new Set(maybeGone.filter((ip) => !live.has(ip)));
      deleted.push(...gone);
      remaining = failures.filter((f) => !(f.action === "delete" && gone.has(f.ip)));
      for (const e of unknown) {
        if (e.action === "delete") deleted.push(...e.ips.filter((ip) => !live.has(ip)));
        else {
          upserted.push(
            ...e.ips.flatMap((ip) => {
              const held = live.get(ip);
              const want = wanted.get(ip);
              return held !== undefined && want !== undefined && sameTarget(held, want) ? [want] : [];
            }),
          );
        }
      }
    } catch {
      // Reading back failed too: record only what was confirmed.
    }
  }
  const applied = applyOutcome(base, upserted, deleted);
  return {
    applied,
    failures: remaining,
    errors: errors.filter((e) => !e.ips.every((ip) => confirmed(e.action, ip, applied, wanted))),
    planned: work.upserts.length + work.deletes.length,
    done: upserted.length + new Set(deleted).size,
    batches,
    modifiedOn,
  };
}

/** A 4xx (429 included) means the request was not processed at all. */
function isRefusedWhole(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status < 500;
}

/** True when the read-back showed the item applied after all. */
function confirmed(action: BatchError["action"], ip: string, applied: HeldSet, wanted: ReadonlyMap<string, Mapping>): boolean {
  if (action === "delete") return !(ip in applied);
  const want = wanted.get(ip);
  const held = applied[ip];
  return want !== undefined && held !== undefined && sameTarget(held, want);
}

function describe(action: ItemFailure["action"], ip: string, target: HeldTarget | undefined, message: string): ItemFailure {
  return { action, ip, vendor: target?.vendor, region: target?.region, message };
}
