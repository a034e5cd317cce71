/**
 * Every text the provider shows a person, built by pure functions. Each is bounded whatever the
 * number of mappings (at most {@link MAX_ITEM_LINES} item lines, then "… and N more"), carries no
 * stack trace, and says what to do next.
 */
import { hasErrorCode, messageOf, serverText, statusOf } from "../cloudflare/errors";
import type { Execution } from "../core/execution";
import type { HintContext } from "./auth-hint";
import { authHint, isRotationCase } from "./auth-hint";

export type { ConfigKeys, HintContext, HintStep } from "./auth-hint";

/** The most item lines any message lists. */
export const MAX_ITEM_LINES = 20;

/** `1,500`: thousands separated, as in every message. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** `1 mapping`, `2 mappings`. */
export function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** At most `max` lines, then one line saying how many were left out. */
export function bounded(lines: readonly string[], max: number = MAX_ITEM_LINES): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${count(lines.length - max)} more`];
}

/**
 * One line per refused item and per failed batch, unbounded (callers bound them). An item's IP and
 * reason are the server's text, so they are cleaned and cut here (see cloudflare/errors.ts: serverText).
 */
export function problemLines(run: Pick<Execution, "failures" | "errors">): string[] {
  const items = run.failures.map(
    (f) => `${serverText(f.ip, 64)} (${f.vendor ?? "?"}/${f.region ?? "?"}): ${f.action} failed: ${serverText(f.message)}`,
  );
  const batches = run.errors.map((e) => {
    const range = e.ips.length === 1 ? e.ips[0] : `${e.ips[0]} … ${e.ips[e.ips.length - 1]}`;
    return `${e.action} of ${plural(e.ips.length, "mapping")} (${range}) failed: ${messageOf(e.error)}`;
  });
  return [...items, ...batches];
}

/** How many items did not go through: refused ones plus those of failed batches. */
export function failedCount(run: Pick<Execution, "failures" | "errors">): number {
  return run.failures.length + run.errors.reduce((n, e) => n + e.ips.length, 0);
}

/**
 * The reasons Pulumi shows for a step that went through only in part: the count applied first, then
 * what failed, bounded.
 */
export function partialReasons(verb: "applied" | "deleted", run: Execution): string[] {
  const headline = `${count(run.done)} of ${plural(run.planned, "change")} ${verb}; ${count(failedCount(run))} failed:`;
  return [headline, ...bounded(problemLines(run))];
}

/**
 * Where a failed destroy leaves the user, and the ways on. When the token (from `token.tokenSource`) was
 * refused, running destroy again as it is meets the same refusal: the message says, once, what to
 * do about the token instead.
 */
export function deleteFailure(zoneId: string, run: Execution, owned: number, token: Omit<HintContext, "step">): string {
  const hint: HintContext = { ...token, step: "delete" };
  const refused = run.errors.some((e) => hasErrorCode(e.error, "CF_AUTH"));
  const next = !refused
    ? "Run `pulumi destroy` again to finish, or `pulumi up --refresh` to keep the resource and restore the deleted mappings."
    : `Cloudflare refused the API token. ${authHint(hint)}${isRotationCase(hint) ? "" : " Then run `pulumi destroy` again to finish."}`;
  return [
    `Deleting the mappings of zone ${zoneId} went through only in part: ` +
      `${count(run.done)} of ${plural(owned, "mapping")} deleted; ${count(failedCount(run))} failed:`,
    ...bounded(problemLines(run)).map((l) => `  ${l}`),
    `Nothing is lost: the resource stays in the state. ${next}`,
  ].join("\n");
}

/** The zone cannot hold what the step would add: said before anything is written. */
export function zoneFullMessage(zoneId: string, held: number, owned: number, adding: number, after: number, limit: number): string {
  return (
    `Zone ${zoneId} has no room for ${plural(adding, "new mapping")}: it holds ${count(held)} (${count(owned)} of them this resource's), ` +
    `and this step would leave ${count(after)}, over Cloudflare's limit of ${count(limit)} per zone. ` +
    `Free at least ${count(after - limit)} ` +
    "(remove mappings this resource does not manage, or declare fewer); nothing was written."
  );
}

/** True when a failed answer's `errors[]` holds the code (read as data: rebuilt classes lose their methods). */
function hasCloudflareCode(error: unknown, code: number): boolean {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => (e as { code?: unknown } | null)?.code === code);
}

/**
 * The message of an error, with the next step for the errors a person can act on: credentials
 * (for `refresh` and `destroy` with a stack-config token, the rotation hint; see auth-hint.ts),
 * permissions, rate limits that outlasted the retry budget, a full zone. Added once, to the whole message.
 */
export function withHint(error: unknown, hint: HintContext): string {
  const message = messageOf(error);
  if (hasErrorCode(error, "CF_AUTH")) return `${message}. ${authHint(hint)}`;
  if (hasErrorCode(error, "CF_RATE_LIMITED")) {
    return (
      `${message}. Cloudflare kept rate-limiting for the whole retry budget; ` +
      `run the step again later, or raise ${hint.configKeys?.retryBudgetSeconds ?? "originCloudRegions:retryBudgetSeconds"}.`
    );
  }
  if (statusOf(error) === 403 && hasCloudflareCode(error, 1164)) {
    return `${message}. The zone is at Cloudflare's limit of 3,500 mappings: free some, or declare fewer.`;
  }
  return message;
}
