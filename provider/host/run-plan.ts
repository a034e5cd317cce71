/**
 * Runs a step's plan through the executor and reports on it: a progress line at most every few
 * seconds while a long step runs, and one closing line with what was applied, in how many requests
 * and how long it took.
 */
import type { CloudflareClient } from "../cloudflare/client";
import type { Execution } from "../core/execution";
import type { Plan } from "../core/plan";
import type { HeldSet } from "../core/types";
import { appliedCounts, stepReport } from "../report/change-summary";
import { batchProgress } from "../report/step-lines";
import { executePlan } from "./execute";
import type { Session, StepContext } from "./session";

/** A step longer than this tells its progress, at most this often. */
const PROGRESS_EVERY_MS = 5_000;

export async function runPlan(
  session: Session,
  client: CloudflareClient,
  zoneId: string,
  base: HeldSet,
  work: Plan,
  about: string,
  ctx: StepContext,
): Promise<Execution> {
  let lastTold = ctx.started;
  const run = await executePlan(client, zoneId, base, work, {
    concurrency: session.settings.concurrency,
    ctx,
    onBatch: (done, total) => {
      const now = Date.now();
      if (done === total || now - lastTold < PROGRESS_EVERY_MS) return;
      lastTold = now;
      session.reporter.info(batchProgress(about, done, total));
    },
  });
  session.reporter.info(stepReport(about, appliedCounts(base, run.applied), ctx.requests, Date.now() - ctx.started));
  return run;
}
