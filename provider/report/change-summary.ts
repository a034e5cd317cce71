/**
 * What a reviewer reads in `pulumi preview`: per resource that will change, one summary with the
 * counts and one line per changed IP, bounded. Dynamic resources cannot return a detailed diff, so
 * without this a preview only says `[diff: ~mappings]`. Pure.
 */
import { bounded, count, plural } from "./messages";
import { isPlaceholderKey } from "../core/mapping-list";
import { sameTarget } from "../core/plan";
import type { HeldSet, HeldTarget, MappingSet } from "../core/types";
import { UNKNOWN } from "../core/types";
import type { Conflict } from "../core/ownership";

/**
 * What a read of the zone found about the IPs a change would add: the ones it maps elsewhere
 * (someone else's), the ones it already maps as declared (taken over without writing), and
 * whether the resource may take over the former (`adopt`).
 */
export interface ZoneFindings {
  conflicts: readonly Conflict[];
  identical: readonly string[];
  adopt: boolean;
}

/** `023e…c353`: enough of a zone id to tell zones apart in a CI log. */
export function shortZone(zoneId: string): string {
  return zoneId.length > 12 ? `${zoneId.slice(0, 4)}…${zoneId.slice(-4)}` : zoneId;
}

/**
 * What a line is about: `origins (zone 023e…c353)`. Pulumi shows a dynamic provider's output under
 * the stack, not under the resource, so the resource's name has to be in the text.
 */
export function subject(name: unknown, zoneId: string): string {
  return typeof name === "string" && name !== "" ? `${name} (zone ${shortZone(zoneId)})` : `zone ${shortZone(zoneId)}`;
}

/** `aws/us-east-1`, or what stands for a target not known yet. */
export const target = (t: HeldTarget | typeof UNKNOWN): string =>
  t === UNKNOWN ? "(vendor and region known after deploy)" : `${t.vendor}/${t.region}`;

/**
 * The summary of turning `owned` into `desired`, or undefined when nothing changes. Entries whose IP
 * is not known yet (placeholder keys) are shown as additions. With `found`, additions the zone
 * already maps are marked, conflicts first, so a reviewer sees in preview what `up` would refuse.
 */
export function changeSummary(about: string, owned: HeldSet, desired: MappingSet, found?: ZoneFindings): string | undefined {
  const conflictOf = new Map((found?.conflicts ?? []).map((c) => [c.ip, c]));
  const identical = new Set(found?.identical ?? []);
  const marked: string[] = [];
  const adds: string[] = [];
  const changes: string[] = [];
  const removes: string[] = [];
  for (const [ip, want] of Object.entries(desired) as Array<[string, HeldTarget | typeof UNKNOWN]>) {
    const have = owned[ip];
    const conflict = conflictOf.get(ip);
    if (have === undefined || isPlaceholderKey(ip)) {
      if (conflict !== undefined) {
        const held = target(conflict.held);
        marked.push(
          `+ ${ip} ${target(want)}  ` +
            (found?.adopt
              ? `(the zone maps it to ${held}: adopt takes it over)`
              : `✗ the zone maps it to ${held}, not this resource's: refused without adopt`),
        );
      } else if (identical.has(ip)) adds.push(`+ ${ip} ${target(want)}  (already in the zone as declared: taken over without writing)`);
      else adds.push(`+ ${ip} ${target(want)}`);
    } else if (want === UNKNOWN || !sameTarget(have, want)) changes.push(`~ ${ip} ${target(have)} → ${target(want)}`);
  }
  for (const [ip, have] of Object.entries(owned)) if (!(ip in desired)) removes.push(`- ${ip} (${target(have)})`);
  if (marked.length + adds.length + changes.length + removes.length === 0) return undefined;
  const adding = marked.length + adds.length;
  // Mappings already in the zone as declared are taken over without a write: the count says so.
  const taken = [...identical].filter((ip) => ip in desired && owned[ip] === undefined).length;
  const addCount =
    taken > 0
      ? `${count(adding)} to add (${count(adding - taken)} to write, ${count(taken)} already in the zone as declared)`
      : `${count(adding)} to add`;
  const head = `${about}: ${addCount}, ${count(changes.length)} to change, ${count(removes.length)} to remove`;
  const refusal =
    marked.length > 0 && found?.adopt !== true
      ? [
          `! the zone maps ${plural(marked.length, "IP")} to be added elsewhere (not this resource's): ` +
            `up fails before writing anything unless you set \`adopt: true\` or drop ${marked.length === 1 ? "it" : "them"}`,
        ]
      : [];
  return [head, ...[...refusal, ...bounded([...marked, ...adds, ...changes, ...removes])].map((l) => `  ${l}`)].join("\n");
}

/** One line at the end of a step: what it did, in how many requests, how long it took. */
export function stepReport(about: string, done: { added: number; changed: number; removed: number }, requests: number, ms: number): string {
  return (
    `${about}: ${count(done.added)} added, ${count(done.changed)} changed, ${count(done.removed)} removed ` +
    `(${count(requests)} request${requests === 1 ? "" : "s"}, ${(ms / 1000).toFixed(1)} s)`
  );
}

/** How the applied set differs from where the step started. */
export function appliedCounts(before: HeldSet, after: HeldSet): { added: number; changed: number; removed: number } {
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const [ip, t] of Object.entries(after)) {
    const was = before[ip];
    if (was === undefined) added++;
    else if (!sameTarget(was, t)) changed++;
  }
  for (const ip of Object.keys(before)) if (!(ip in after)) removed++;
  return { added, changed, removed };
}
