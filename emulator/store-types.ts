// The shapes the in-memory store hands out: stored mappings, batch outcomes and snapshots.

import type { ItemProblem, MappingInput } from "./validate";

export interface Mapping extends MappingInput {
  modifiedOn: string;
}

export interface BatchFailure {
  /** Canonical IP, or the raw value when it could not be parsed (reference §9 item 4). */
  ip: string;
  error: string;
  /** What was wrong with the item, when it was the item itself (not a duplicate or an absent IP). */
  problem?: ItemProblem;
}

export interface BatchResult {
  succeeded: MappingInput[];
  failed: BatchFailure[];
  /** Set-level modified_on after the batch, or null when the batch applied nothing. */
  modifiedOn: string | null;
}

export interface StoreSnapshot {
  version: 1;
  zones: Record<string, { modifiedOn: string | null; mappings: Mapping[] }>;
}
