/**
 * Pure judgements about the zone as read before a step writes: which declared mappings it already
 * holds exactly as declared (taken over without writing), which it holds differently (someone else's:
 * never overwritten without `adopt`), and whether the result fits under the zone limit.
 */
import { isPlaceholderKey } from "./mapping-list";
import { sameTarget } from "./plan";
import type { Plan } from "./plan";
import type { Mapping, MappingSet, MappingTarget } from "./types";
import { ZONE_MAPPING_LIMIT } from "./types";

/** A declared IP the zone already maps elsewhere. */
export interface Conflict {
  ip: string;
  held: MappingTarget;
  declared: MappingTarget;
}

/**
 * The declared mappings whose IPs the resource does not own yet: the ones the zone may already map
 * for someone else. Entries not known yet (during preview) are left out.
 */
export function additions(owned: MappingSet, desired: MappingSet): MappingSet {
  const added: MappingSet = {};
  for (const [ip, want] of Object.entries(desired)) {
    if (!(ip in owned) && !isPlaceholderKey(ip) && typeof want === "object") added[ip] = want;
  }
  return added;
}

/** Splits the zone's mappings for `candidates` into those already as declared, and conflicts. */
export function takeover(live: readonly Mapping[], candidates: MappingSet): { identical: Mapping[]; conflicts: Conflict[] } {
  const identical: Mapping[] = [];
  const conflicts: Conflict[] = [];
  for (const m of live) {
    const declared = candidates[m.ip];
    if (declared === undefined) continue;
    if (sameTarget(m, declared)) identical.push(m);
    else conflicts.push({ ip: m.ip, held: { vendor: m.vendor, region: m.region }, declared });
  }
  return { identical, conflicts };
}

/** What is known of the zone before a step: how many mappings it holds, and whether it holds an IP. */
export interface ZoneCount {
  count: number;
  has(ip: string): boolean;
}

/** The count view of a zone read whole (its list). */
export function countOf(live: readonly Mapping[]): ZoneCount {
  const present = new Set(live.map((m) => m.ip));
  return { count: present.size, has: (ip) => present.has(ip) };
}

/** How the plan would change the zone's count, when the result is over the limit; else undefined. */
export function overLimit(zone: ZoneCount, work: Plan, limit: number = ZONE_MAPPING_LIMIT): { adding: number; after: number } | undefined {
  const adding = work.upserts.filter((m) => !zone.has(m.ip)).length;
  const freed = work.deletes.filter((ip) => zone.has(ip)).length;
  const after = zone.count - freed + adding;
  return after > limit ? { adding, after } : undefined;
}
