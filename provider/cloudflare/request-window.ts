/**
 * Cloudflare allows 1,200 requests per 5 minutes per token; going over blocks every call for the
 * next 5 minutes (https://developers.cloudflare.com/fundamentals/api/reference/limits/). This keeps
 * each token's requests in the whole process under that: a sliding window of send times, and a
 * pause that every request honours once a 429 said how long to wait. Next to it, the pacer of the
 * token's quota as Cloudflare reports it (quota-pacer.ts), which also sees the requests of the
 * token's other users: both belong to the same token, so whatever keys one keys the other.
 *
 * Pure bookkeeping: the caller passes the clock and does the waiting.
 */
import { QuotaPacer } from "./quota-pacer";

export interface WindowLimit {
  requests: number;
  windowMs: number;
}

/** Cloudflare's documented global limit. */
export const CLOUDFLARE_LIMIT: WindowLimit = { requests: 1200, windowMs: 300_000 };

export class RequestWindow {
  /** Reserved send times, ascending; only those inside the window matter. */
  private readonly sends: number[] = [];
  private pausedUntil = 0;
  /** What Cloudflare's `Ratelimit` headers say is left of the token's quota. */
  readonly quota: QuotaPacer;

  constructor(private readonly limit: WindowLimit = CLOUDFLARE_LIMIT) {
    if (!Number.isInteger(limit.requests) || limit.requests < 1 || !(limit.windowMs > 0)) {
      throw new RangeError("a request window needs a positive request count and window length");
    }
    this.quota = new QuotaPacer();
  }

  /**
   * Reserves the earliest send time at or after `nowMs` that keeps every window within the limit,
   * and returns how long to wait for it. Reservations are handed out in order, so requests started
   * together are spread out rather than all waiting for the same instant.
   */
  reserve(nowMs: number): number {
    while (this.sends.length > 0 && (this.sends[0] as number) <= nowMs - this.limit.windowMs) this.sends.shift();
    let at = Math.max(nowMs, this.pausedUntil, this.sends[this.sends.length - 1] ?? nowMs);
    const blocking = this.sends[this.sends.length - this.limit.requests];
    if (blocking !== undefined) at = Math.max(at, blocking + this.limit.windowMs);
    this.sends.push(at);
    return at - nowMs;
  }

  /** Every request reserved from now on waits until `untilMs` (a 429's Retry-After). */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }
}

/**
 * The window of one token in this process: Cloudflare counts per token, so resources that carry
 * different tokens (several accounts) never hold each other back, and resources that share one
 * share its window. `key` is derived from the token (see tokenKey), never the token itself. Kept on
 * `globalThis`, not in a module variable: the provider is serialized as a closure, and each
 * deserialized copy would otherwise count on its own.
 */
export function processWindow(key: string): RequestWindow {
  const windows = windowRegistry();
  let window = windows.get(key);
  if (window === undefined) {
    window = new RequestWindow();
    windows.set(key, window);
  }
  return window;
}

/**
 * Starts the process's windows afresh. For a process that runs independent sessions against a local
 * server (a test suite), whose requests would otherwise throttle each other.
 */
export function resetProcessWindow(): void {
  windowRegistry().clear();
}

/** Computed on each call: the provider's serialized closure cannot capture a symbol value. */
function windowRegistry(): Map<string, RequestWindow> {
  const registry = globalThis as unknown as Record<symbol, Map<string, RequestWindow> | undefined>;
  return (registry[Symbol.for("pulumi-cloudflare-origin-cloud-regions/request-windows")] ??= new Map());
}
