/**
 * Pure judgements about the zone as read before a step writes: which declared mappings it already
 * holds exactly as declared (taken over without writing), which it holds differently (someone else's:
 * never overwritten without `adopt`), and whether the result fits under the zone limit.
 */
import { isPlaceholderKey } from "./mapping-list";
import { plan, sameTarget, toSet } from "./plan";
import type { Plan } from "./plan";
import type { HeldMapping, HeldSet, HeldTarget, MappingSet, MappingTarget } from "./types";
import { ZONE_MAPPING_LIMIT } from "./types";

/** A declared IP the zone already maps elsewhere. */
export interface Conflict {
  ip: string;
  /** What the zone holds: its vendor may be one this package does not know. */
  held: HeldTarget;
  declared: MappingTarget;
}

/**
 * The declared mappings whose IPs the resource does not own yet: the ones the zone may already map
 * for someone else. Entries not known yet (during preview) are left out.
 */
export function additions(owned: HeldSet, desired: MappingSet): MappingSet {
  const added: MappingSet = {};
  for (const [ip, want] of Object.entries(desired)) {
    if (!(ip in owned) && !isPlaceholderKey(ip) && typeof want === "object") added[ip] = want;
  }
  return added;
}

/** Splits the zone's mappings for `candidates` into those already as declared, and conflicts. */
export function takeover(live: readonly HeldMapping[], candidates: MappingSet): { identical: HeldMapping[]; conflicts: Conflict[] } {
  const identical: HeldMapping[] = [];
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
export function countOf(live: readonly HeldMapping[]): ZoneCount {
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

/** The zone's mappings for IPs neither declared nor already recorded as owned (those show in the diff). */
export function undeclared(live: readonly HeldMapping[], declared: MappingSet, owned: HeldSet = {}): HeldMapping[] {
  return live.filter((m) => !(m.ip in declared) && !(m.ip in owned));
}

/** Why a step must not write: declared IPs the zone maps elsewhere, or no room under the zone limit. */
export type Refusal =
  { kind: "conflicts"; conflicts: readonly Conflict[] } | { kind: "full"; held: number; owned: number; adding: number; after: number };

/**
 * What a create or update step will do, decided before anything is written: the set it starts from
 * (`base`, what the state will say is owned before the writes), the writes, the mappings taken over
 * without a write, the conflicts found, and a refusal when the step must write nothing.
 */
export interface StepDecision {
  base: HeldSet;
  work: Plan;
  takenOver: number;
  conflicts: readonly Conflict[];
  refusal?: Refusal;
}

/** The flags that decide how far a resource may reach into mappings it does not own. */
export interface OwnershipFlags {
  adopt: boolean;
  exclusive: boolean;
}

/** The room refusal for `work`, if the zone cannot hold it. */
function roomRefusal(zone: ZoneCount, owned: number, work: Plan): Refusal | undefined {
  const over = overLimit(zone, work);
  return over === undefined ? undefined : { kind: "full", held: zone.count, owned, ...over };
}

/**
 * Pure: a create over the zone as listed. Mappings already as declared are taken over without a
 * write (a re-run after an interrupted create converges); one held differently is someone else's
 * and refuses the step unless `adopt`, or `exclusive`, which owns the whole zone and so also
 * removes what it does not declare.
 */
export function decideCreate(live: readonly HeldMapping[], desired: MappingSet, flags: OwnershipFlags): StepDecision {
  const { identical, conflicts } = takeover(live, desired);
  const base = toSet(flags.exclusive ? live : live.filter((m) => m.ip in desired));
  const work = plan(base, desired);
  const decision: StepDecision = { base, work, takenOver: identical.length, conflicts };
  const refusal =
    conflicts.length > 0 && !flags.adopt && !flags.exclusive
      ? { kind: "conflicts" as const, conflicts }
      : roomRefusal(countOf(live), 0, work);
  return refusal === undefined ? decision : { ...decision, refusal };
}

/**
 * What an update must read of the zone before deciding: an exclusive resource reads the whole zone
 * (it removes what nobody declares); one that adds IPs reads what the zone holds for those (someone
 * else may map them, and the zone may have no room); otherwise nothing.
 */
export type ZoneRead = { kind: "list" } | { kind: "lookup"; added: MappingSet } | { kind: "none" };

/** Pure: the read an update from `owned` to `desired` needs. */
export function zoneReadForUpdate(owned: HeldSet, desired: MappingSet, exclusive: boolean): ZoneRead {
  if (exclusive) return { kind: "list" };
  const added = additions(owned, desired);
  return Object.keys(added).length > 0 ? { kind: "lookup", added } : { kind: "none" };
}

/** What the zone read for an update found: the whole list, or the count and the added IPs' mappings. */
export type ZoneSeen =
  | { kind: "list"; live: readonly HeldMapping[] }
  | { kind: "lookup"; added: MappingSet; count: number; held: readonly HeldMapping[] }
  | { kind: "none" };

/**
 * Pure: an update from the mappings the state records as owned. Exclusive: from what the zone
 * holds, removing what is not declared. Adding IPs: those the zone maps elsewhere refuse the step
 * unless `adopt`; those already as declared are taken over without a write; the zone must have room.
 */
export function decideUpdate(owned: HeldSet, desired: MappingSet, seen: ZoneSeen, flags: OwnershipFlags): StepDecision {
  if (seen.kind === "list") {
    const base = toSet(seen.live);
    const work = plan(base, desired);
    const zone = countOf(seen.live);
    const refusal = roomRefusal(zone, zone.count, work);
    const decision: StepDecision = { base, work, takenOver: 0, conflicts: [] };
    return refusal === undefined ? decision : { ...decision, refusal };
  }
  const work = plan(owned, desired);
  if (seen.kind === "none") return { base: owned, work, takenOver: 0, conflicts: [] };
  const { identical, conflicts } = takeover(seen.held, seen.added);
  if (conflicts.length > 0 && !flags.adopt)
    return { base: owned, work, takenOver: 0, conflicts, refusal: { kind: "conflicts", conflicts } };
  // The IPs this resource owns are taken as present (the state says so); of the new ones, the read tells.
  const heldNew = new Set(seen.held.map((m) => m.ip));
  const refusal = roomRefusal({ count: seen.count, has: (ip) => ip in owned || heldNew.has(ip) }, Object.keys(owned).length, work);
  if (refusal !== undefined) return { base: owned, work, takenOver: 0, conflicts, refusal };
  if (identical.length === 0) return { base: owned, work, takenOver: 0, conflicts };
  const base = { ...owned, ...toSet(identical) };
  return { base, work: plan(base, desired), takenOver: identical.length, conflicts };
}
