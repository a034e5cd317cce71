/**
 * Retry policy as data, and the one pure function that turns an attempt into a delay.
 *
 * Only answers that say "try again" are retried: 429, 5xx, and transport failures (reset, refused,
 * timed out). Every other 4xx is final; 7000/7003 ("no route") in particular is never retried.
 */
export interface RetryPolicy {
  /**
   * How long one step may spend retrying, from its start (or from the call's start when the caller
   * gives no deadline). Retries stop when the next wait would end past it. Time, not a count, is the
   * bound: a storm of 429s with Retry-After is waited out for as long as the budget lasts.
   */
  budgetMs: number;
  /** Attempts in all, the first included; only a backstop against a clock that never moves. */
  maxAttempts: number;
  /** Delay before the first retry when the server gives no Retry-After. */
  baseDelayMs: number;
  /** Growth of the backoff per attempt. */
  factor: number;
  /** Upper bound of the exponential backoff. */
  maxDelayMs: number;
  /**
   * Upper bound of a server-given Retry-After. Cloudflare's global limiter blocks for 5 minutes,
   * so its Retry-After is honoured up to that.
   */
  maxRetryAfterMs: number;
}

/** The policy the provider uses. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  // Six minutes: long enough to wait out Cloudflare's five-minute block after the global limit.
  budgetMs: 360_000,
  maxAttempts: 200,
  baseDelayMs: 500,
  factor: 2,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 300_000,
};

/** Transport error codes (Node and undici) after which a request may be sent again. */
export const RETRYABLE_TRANSPORT_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
];

/** True for the HTTP statuses that invite a retry. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** True when a thrown transport error may be retried. */
export function isRetryableTransportError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE_TRANSPORT_CODES.includes(code);
}

/**
 * Reads a Retry-After header: whole seconds or an HTTP-date. Returns milliseconds from `nowMs`
 * (never negative), or undefined when the value is absent or malformed.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "-1", "1.5", "": malformed, not a date
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * Pure: how long to wait before retry number `attempt` (1 = the first retry). A valid Retry-After
 * is authoritative: capped, never jittered, and 0 means "now". Otherwise exponential backoff with
 * jitter (half fixed, half random) so that many clients do not retry in step.
 */
export function retryDelayMs(attempt: number, retryAfter: string | undefined, policy: RetryPolicy, nowMs: number, random: number): number {
  const serverDelay = parseRetryAfter(retryAfter, nowMs);
  if (serverDelay !== undefined) return Math.min(serverDelay, policy.maxRetryAfterMs);
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(backoff / 2 + (backoff / 2) * Math.min(Math.max(random, 0), 1));
}

/** Pure: true when a retry after `delayMs` still starts before the deadline. */
export function withinBudget(nowMs: number, delayMs: number, deadlineMs: number): boolean {
  return nowMs + delayMs < deadlineMs;
}

/** Waits `ms` milliseconds; rejects early if the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
