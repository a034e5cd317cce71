// The request log's entries and its bounds: what a test reads back from `emulator.requests`.

export interface RecordedRequest {
  method: string;
  /** Path after /client/v4 as received (still percent-encoded), query excluded. */
  path: string;
  query: string;
  /** Parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  /** null when the connection was dropped without an answer. */
  status: number | null;
  fault?: string;
  authorized: boolean;
  /** The name of the scoped token the request carried (see EmulatorOptions.scopedTokens); never the token. */
  tokenName?: string;
  /**
   * Set when the request had a body that `body` does not hold: "unauthenticated" (its credentials
   * failed, so it was drained unread) or "too-large" (above the log's per-entry cap; still applied).
   */
  bodyOmitted?: "unauthenticated" | "too-large";
  /** When the request arrived (ms since the epoch, wall clock): tests tell what was sent after an event. */
  receivedAt: number;
}

export interface RequestLogLimits {
  maxEntries: number;
  maxBodyBytes: number;
}

/** Appends `entry`, then drops the oldest entries beyond `max` (in place: callers hold the array). */
export function appendBounded<T>(log: T[], entry: T, max: number): void {
  log.push(entry);
  const excess = log.length - max;
  if (excess > 0) log.splice(0, excess);
}
