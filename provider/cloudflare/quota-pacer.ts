/**
 * Paces requests by what Cloudflare reports is left of the token's quota (its `Ratelimit` header,
 * read by rate-headers.ts). The quota is shared by every process, machine and tool using the token,
 * and the first request over it blocks all of them for five minutes; the request window
 * (request-window.ts) counts only this process's own sends, so it cannot see the others. This can.
 *
 * The rule: a new request waits while what the last answer said is left, less this process's
 * requests that answer had not counted yet (those in flight or sent since), is no more than a margin;
 * it waits until the window resets (`t`), then goes. The margin (a tenth of the quota: 120 of
 * Cloudflare's 1,200) is room for the requests that the token's other users still have on the way
 * when they see the same low figure and stop: with 4 in flight each, enough for 30 processes, or 15
 * if each also sends once more on an answer written just before the figure fell.
 *
 * Pure bookkeeping: the caller passes the clock, does the waiting, and reports answers through {@link QuotaPacer.settle}.
 */
import type { QuotaReading } from "./rate-headers";

/** The share of the quota kept unspent for requests of the token's other users already on the way. */
export const MARGIN_SHARE = 0.1;
/** The longest hold, whatever `t` says: Cloudflare's window and block are 5 minutes (and so is the Retry-After cap). */
export const MAX_HOLD_MS = 300_000;
/** A hold at least this long is worth telling a person about. */
export const NOTICE_FROM_MS = 10_000;
/**
 * Two answers whose reset times lie this close describe the same window: `t` is in whole seconds,
 * rounded up, and answers spend time on the way.
 */
const SAME_WINDOW_MS = 2_000;

/** What a person is told about a long hold (one notice per hold, however many requests wait in it). */
export interface QuotaNotice {
  waitMs: number;
  /** The `r` Cloudflare last reported. */
  remaining: number;
  /** The quota (`q`), when a policy header said it. */
  quota: number | undefined;
}

/** The answer to "may a request go now?": 0 (it goes, and is counted), or how long to wait before asking again. */
export interface QuotaHold {
  waitMs: number;
  /** Set for the first caller of a hold of at least {@link NOTICE_FROM_MS}. */
  notice?: QuotaNotice;
}

interface Estimate {
  /** What this process may still send in the window before the margin: `r` less its requests `r` did not count. */
  left: number;
  resetAtMs: number;
  remaining: number;
  quota: number | undefined;
}

export class QuotaPacer {
  /** This process's requests sent and not answered yet: the last `r` may not count them. */
  private inFlight: number;
  private estimate: Estimate | undefined;
  /** The quota as known: the policy's `q`, else the largest `r` seen (the quota is at least that). */
  private quota: number;
  /** The reset of the hold last told about; holds until then are not told again. */
  private noticedUntil: number;

  constructor() {
    // Assigned here, not as field initializers: see CloudflareError in errors.ts (serialized closures).
    this.inFlight = 0;
    this.estimate = undefined;
    this.quota = 0;
    this.noticedUntil = -Infinity;
  }

  /** Requests kept unspent: a tenth of the quota, at least one. */
  margin(): number {
    return Math.max(1, Math.ceil(this.quota * MARGIN_SHARE));
  }

  /**
   * Before each request. `{ waitMs: 0 }`: it may go now, and it is counted as in flight (call
   * {@link settle} once its answer arrives or it fails). Otherwise wait `waitMs` and ask again.
   */
  take(nowMs: number): QuotaHold {
    const e = this.current(nowMs);
    if (e !== undefined && e.left <= this.margin()) {
      const waitMs = Math.max(1, e.resetAtMs - nowMs);
      if (waitMs < NOTICE_FROM_MS || nowMs < this.noticedUntil) return { waitMs };
      this.noticedUntil = e.resetAtMs;
      return { waitMs, notice: { waitMs, remaining: e.remaining, quota: e.quota } };
    }
    this.inFlight++;
    if (e !== undefined) e.left--;
    return { waitMs: 0 };
  }

  /**
   * A request taken with {@link take} ended: its answer arrived (with what its headers say, if they
   * could be read) or it failed without one.
   */
  settle(nowMs: number, reading?: QuotaReading): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (reading === undefined) return;
    this.quota = reading.quota ?? Math.max(this.quota, reading.remaining);
    const resetAtMs = nowMs + Math.min(reading.resetSeconds * 1000, MAX_HOLD_MS);
    // The requests still in flight may have reached Cloudflare after this answer was written.
    const left = reading.remaining - this.inFlight;
    const e = this.current(nowMs);
    if (e !== undefined && resetAtMs <= e.resetAtMs + SAME_WINDOW_MS) {
      // The same window, in which `r` only falls: an answer that overtook a newer one must not raise the estimate.
      e.left = Math.min(e.left, left);
      e.remaining = Math.min(e.remaining, reading.remaining);
      e.resetAtMs = Math.min(e.resetAtMs, resetAtMs);
      e.quota = reading.quota ?? e.quota;
      return;
    }
    this.estimate = { left, resetAtMs, remaining: reading.remaining, quota: reading.quota };
  }

  /** The estimate of the current window; none once its reset has passed (the next answer tells the new one). */
  private current(nowMs: number): Estimate | undefined {
    if (this.estimate !== undefined && nowMs >= this.estimate.resetAtMs) this.estimate = undefined;
    return this.estimate;
  }
}
