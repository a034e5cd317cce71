// Per-credential request counter (reference §2.4): a fixed window of `windowSeconds` that starts with
// the first request of a credential. Cloudflare blocks for the rest of the period once the quota is
// spent; a fixed window reproduces that, and the injected clock lets tests cross a window instantly.

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 1200, windowSeconds: 300 };

export interface RateLimitState {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until the window resets, rounded up. */
  resetSeconds: number;
}

interface Window {
  startMs: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly clock: () => Date,
  ) {
    if (!Number.isInteger(config.limit) || config.limit < 1) throw new RangeError("rateLimit.limit must be a positive integer");
    if (!(config.windowSeconds > 0)) throw new RangeError("rateLimit.windowSeconds must be > 0");
  }

  /** Counts one request for `key`; a request over the quota is refused and not counted. */
  hit(key: string): RateLimitState {
    const window = this.current(key, true);
    if (window.count >= this.config.limit) return this.describe(window, false);
    window.count++;
    return this.describe(window, true);
  }

  /** Current state without counting; used for headers on answers that were not counted. */
  peek(key: string | null): RateLimitState {
    const window = key === null ? undefined : this.current(key, false);
    if (window === undefined) return { allowed: true, remaining: this.config.limit, resetSeconds: Math.ceil(this.config.windowSeconds) };
    return this.describe(window, window.count < this.config.limit);
  }

  /** `Ratelimit` and `Ratelimit-Policy`, in the format of Cloudflare's 2025-09-03 changelog. */
  headers(state: RateLimitState): Record<string, string> {
    return {
      ratelimit: `"default";r=${state.remaining};t=${state.resetSeconds}`,
      "ratelimit-policy": `"default";q=${this.config.limit};w=${this.config.windowSeconds}`,
    };
  }

  private current(key: string, create: true): Window;
  private current(key: string, create: false): Window | undefined;
  private current(key: string, create: boolean): Window | undefined {
    const now = this.clock().getTime();
    const existing = this.windows.get(key);
    if (existing !== undefined && now < existing.startMs + this.config.windowSeconds * 1000) return existing;
    if (!create) return undefined;
    const fresh = { startMs: now, count: 0 };
    this.windows.set(key, fresh);
    return fresh;
  }

  private describe(window: Window, allowed: boolean): RateLimitState {
    const endMs = window.startMs + this.config.windowSeconds * 1000;
    const resetSeconds = Math.max(1, Math.ceil((endMs - this.clock().getTime()) / 1000));
    return { allowed, remaining: Math.max(0, this.config.limit - window.count), resetSeconds };
  }
}
