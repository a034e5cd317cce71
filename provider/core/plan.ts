import { compareIps } from "./ip";
import type { HeldMapping, HeldSet, HeldTarget, Mapping, MappingSet, MappingTarget } from "./types";
import { BATCH_LIMIT } from "./types";

/** What must be sent to turn the current set into the desired one. */
export interface Plan {
  /** New mappings and mappings whose vendor or region changes, in address order. */
  upserts: Mapping[];
  /** IPs in the current set that the desired set no longer holds, in address order. */
  deletes: string[];
}

/** Pure: true when two targets name the same vendor and region. */
export function sameTarget(a: HeldTarget, b: HeldTarget): boolean {
  return a.vendor === b.vendor && a.region === b.region;
}

/**
 * Pure: the upserts and deletes that make `current` equal to `desired`, and nothing else. `current`
 * may hold vendors this package does not know (what the zone holds); the upserts come from `desired`.
 */
export function plan(current: HeldSet, desired: MappingSet): Plan {
  const upserts: Mapping[] = [];
  for (const ip of Object.keys(desired).sort(compareIps)) {
    const want = desired[ip] as MappingTarget;
    const have = current[ip];
    if (!have || !sameTarget(have, want)) upserts.push({ ip, vendor: want.vendor, region: want.region });
  }
  const deletes = Object.keys(current)
    .filter((ip) => !(ip in desired))
    .sort(compareIps);
  return { upserts, deletes };
}

/** Pure: every mapping of a set as a list, in address order (what `create` sends). */
export function toList(set: MappingSet): Mapping[];
export function toList(set: HeldSet): HeldMapping[];
export function toList(set: HeldSet): HeldMapping[] {
  return Object.keys(set)
    .sort(compareIps)
    .map((ip) => ({ ip, ...(set[ip] as HeldTarget) }));
}

/** Pure: a set from a list of mappings, keys in address order. */
export function toSet(list: readonly Mapping[]): MappingSet;
export function toSet(list: readonly HeldMapping[]): HeldSet;
export function toSet(list: readonly HeldMapping[]): HeldSet {
  const set: HeldSet = {};
  for (const m of [...list].sort((a, b) => compareIps(a.ip, b.ip))) set[m.ip] = { vendor: m.vendor, region: m.region };
  return set;
}

/** Pure: splits items into consecutive chunks of at most `size` (a batch request's limit). */
export function chunk<T>(items: readonly T[], size: number = BATCH_LIMIT): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Pure: true when two sets hold the same IPs with the same targets. */
export function sameSet(a: HeldSet, b: HeldSet): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((ip) => {
    const other = b[ip];
    return other !== undefined && sameTarget(a[ip] as HeldTarget, other);
  });
}

/**
 * Pure: the set that is true after some of a plan was applied: `base` plus the upserts that were
 * applied, minus the deletes that were applied. Used to record exactly what happened when only part
 * of a plan went through.
 */
export function applyOutcome(base: HeldSet, upserted: readonly Mapping[], deleted: readonly string[]): HeldSet {
  const next: HeldSet = { ...base };
  for (const ip of deleted) delete next[ip];
  for (const m of upserted) next[m.ip] = { vendor: m.vendor, region: m.region };
  return toSet(toList(next));
}
