/**
 * What `pulumi refresh` tells a person when the zone no longer holds what the state recorded: the
 * zone as it is now, not a plan (the plan is the next preview's). Pure.
 */
import { sameTarget } from "../core/plan";
import type { HeldSet } from "../core/types";
import { target } from "./change-summary";
import { bounded, count } from "./messages";

/**
 * The differences between what the state recorded (`recorded`) and what the zone holds of it now
 * (`current`), bounded; undefined when there are none. `exclusive`: mappings the zone holds that
 * the state did not record count too (the resource owns the whole zone).
 */
export function driftSummary(about: string, recorded: HeldSet, current: HeldSet, exclusive: boolean): string | undefined {
  const gone: string[] = [];
  const changed: string[] = [];
  const extra: string[] = [];
  for (const [ip, was] of Object.entries(recorded)) {
    const now = current[ip];
    if (now === undefined) gone.push(`- ${ip} (was ${target(was)}): no longer in the zone`);
    else if (!sameTarget(was, now)) changed.push(`~ ${ip} is ${target(now)} in the zone (was ${target(was)})`);
  }
  if (exclusive)
    for (const [ip, now] of Object.entries(current)) if (!(ip in recorded)) extra.push(`+ ${ip} ${target(now)}: added outside Pulumi`);
  const total = gone.length + changed.length + extra.length;
  if (total === 0) return undefined;
  const parts = [`${count(gone.length)} gone`, `${count(changed.length)} changed`];
  if (exclusive) parts.push(`${count(extra.length)} added outside Pulumi`);
  const head =
    `${about}: the zone no longer holds what the state recorded (${parts.join(", ")}); ` +
    "the state now records the zone as it is, and the next `pulumi up` restores what the program declares";
  return [head, ...bounded([...gone, ...changed, ...extra]).map((l) => `  ${l}`)].join("\n");
}
