/**
 * The user's `mappings` list, flattened. Besides mappings, it may hold lists of mappings (what the
 * adapters `fromAws`, `fromGcp`, ... return), so a position is the index in the user's list plus,
 * for an entry of a nested list, the index inside it: `mappings[2][1]`. Pure; part of the provider.
 */
import type { UNKNOWN } from "./types";

/** Where an entry sits in the user's list. */
export interface MappingPosition {
  /** The index in the user's `mappings` list. */
  index: number;
  /** The index inside the nested list at `index`, for an entry that came in one. */
  inner?: number;
}

/** One mapping as declared, before canonicalization (values already checked to be strings). */
export interface DeclaredEntry {
  ip: string;
  vendor: string;
  region: string;
}

/** One entry of the flattened list: a mapping, or a value not known yet (a mapping or a whole nested list). */
export interface PositionedEntry extends MappingPosition {
  entry: DeclaredEntry | typeof UNKNOWN;
}

/** A `mappings` list whose elements are mappings or lists of mappings, each possibly unknown. */
export type MappingList = ReadonlyArray<DeclaredEntry | typeof UNKNOWN | ReadonlyArray<DeclaredEntry | typeof UNKNOWN>>;

/** Pure: every entry of the list in order, nested lists spliced in place with their positions. */
export function flattenMappings(list: MappingList): PositionedEntry[] {
  const out: PositionedEntry[] = [];
  list.forEach((element, index) => {
    if (Array.isArray(element)) {
      element.forEach((entry: DeclaredEntry | typeof UNKNOWN, inner) => out.push({ index, inner, entry }));
    } else {
      out.push({ index, entry: element as DeclaredEntry | typeof UNKNOWN });
    }
  });
  return out;
}

/** Pure: the property path of a position, as users write it: `mappings[3]`, `mappings[2][1]`. */
export function mappingPath(position: MappingPosition): string {
  return `mappings[${position.index}]` + (position.inner === undefined ? "" : `[${position.inner}]`);
}

const PLACEHOLDER_PREFIX = "(IP known after deploy) ";

/**
 * The key under which a mapping whose IP is not known yet is shown during preview. A whole element
 * that is unknown (a mapping, or a nested list such as an adapter's result) gets one too.
 */
export function placeholderKey(index: number, inner?: number): string {
  return PLACEHOLDER_PREFIX + mappingPath(inner === undefined ? { index } : { index, inner });
}

/** True for keys made by {@link placeholderKey}. */
export function isPlaceholderKey(key: string): boolean {
  return key.startsWith(PLACEHOLDER_PREFIX);
}
