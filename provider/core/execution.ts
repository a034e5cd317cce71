/**
 * What executing a plan did, as plain data: the host's executor fills it in, the texts a person
 * reads (report/) and the step outcomes are built from it.
 */
import type { HeldSet } from "./types";

/** One mapping the API refused. */
export interface ItemFailure {
  action: "upsert" | "delete";
  ip: string;
  vendor: string | undefined;
  region: string | undefined;
  message: string;
}

/** A whole batch that failed after its retries; its items are not in `applied` unless a read-back found them applied. */
export interface BatchError {
  action: "upsert" | "delete";
  ips: string[];
  error: unknown;
}

/** What executing a plan did. `applied` is exactly what is now true for the IPs in play. */
export interface Execution {
  applied: HeldSet;
  failures: ItemFailure[];
  errors: BatchError[];
  /** Writes the plan asked for, and writes confirmed applied. */
  planned: number;
  done: number;
  /** Batch requests started (retries not counted). */
  batches: number;
  modifiedOn: string | null;
}

/** True when every write of the plan went through. */
export function isComplete(run: Pick<Execution, "failures" | "errors">): boolean {
  return run.failures.length === 0 && run.errors.length === 0;
}
