/** One item of Cloudflare's `errors[]`, kept verbatim. */
export interface CloudflareMessage {
  code: number;
  message: string;
}

/**
 * Base of every error the Cloudflare client throws; `code` is a stable string to branch on.
 *
 * Every field, `message` and `name` included, is assigned in a constructor body rather than by a
 * field initializer: the provider runs as a serialized closure, whose rebuilt classes call `Error`
 * as a plain function (which initializes nothing on `this`) and drop field initializers.
 */
export class CloudflareError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, "message", { value: message, writable: true, configurable: true, enumerable: false });
    if (options && "cause" in options) {
      Object.defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true, enumerable: false });
    }
    if (this.stack === undefined) Error.captureStackTrace(this);
    this.name = "CloudflareError";
    this.code = code;
  }
}

function describeErrors(errors: readonly CloudflareMessage[]): string {
  return errors.length === 0 ? "no error detail returned" : errors.map((e) => `[${e.code}] ${e.message}`).join("; ");
}

/** Cloudflare answered, and the answer was a failure. Carries the HTTP status and `errors[]`. */
export class ApiError extends CloudflareError {
  readonly status: number;
  readonly errors: readonly CloudflareMessage[];
  readonly requestId: string | undefined;
  readonly action: string;
  constructor(action: string, status: number, errors: readonly CloudflareMessage[], requestId?: string, code = "CF_API_ERROR") {
    super(code, `Failed to ${action} (${status}): ${describeErrors(errors)}${requestId ? ` (cf-ray ${requestId})` : ""}`);
    this.name = "ApiError";
    this.action = action;
    this.status = status;
    this.errors = errors;
    this.requestId = requestId;
  }
  /** True when `errors[]` holds the given Cloudflare code. */
  hasCode(code: number): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

/** 429: the account or client is over its rate limit. */
export class RateLimitError extends ApiError {
  constructor(action: string, status: number, errors: readonly CloudflareMessage[], requestId?: string) {
    super(action, status, errors, requestId, "CF_RATE_LIMITED");
    this.name = "RateLimitError";
  }
}

/** The token is missing, malformed, wrong, or lacks a permission. */
export class AuthError extends ApiError {
  constructor(action: string, status: number, errors: readonly CloudflareMessage[], requestId?: string) {
    super(action, status, errors, requestId, "CF_AUTH");
    this.name = "AuthError";
  }
}

/** 404: the zone has no such mapping. */
export class NotFoundError extends ApiError {
  constructor(action: string, status: number, errors: readonly CloudflareMessage[], requestId?: string) {
    super(action, status, errors, requestId, "CF_NOT_FOUND");
    this.name = "NotFoundError";
  }
}

/**
 * 7000/7003, "could not route": the endpoint family does not exist for this account or zone. The
 * zone id is validated locally first, so this can only mean the route is absent. Never retried.
 */
export class FeatureUnavailableError extends ApiError {
  constructor(action: string, status: number, errors: readonly CloudflareMessage[], requestId?: string) {
    super(action, status, errors, requestId, "CF_FEATURE_UNAVAILABLE");
    this.name = "FeatureUnavailableError";
  }
}

/** No usable answer arrived: refused, reset, or timed out. `cause` holds the transport error. */
export class ConnectionError extends CloudflareError {
  constructor(action: string, cause: unknown) {
    const detail = cause instanceof Error ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}` : String(cause);
    super("CF_CONNECTION", `Failed to ${action}: no answer from the Cloudflare API (${detail})`, { cause });
    this.name = "ConnectionError";
  }
}

/**
 * No request was started because the step was stopped: the Pulumi engine that asked for it is gone
 * (its CLI was killed), so nothing more may be written on its behalf.
 */
export class StepAbortedError extends CloudflareError {
  constructor(action: string) {
    super("CF_ABORTED", `Did not ${action}: the Pulumi engine that started this step has gone away`);
    this.name = "StepAbortedError";
  }
}

/** The answer did not have the documented shape; the client will not guess what it meant. */
export class EnvelopeError extends CloudflareError {
  readonly status: number;
  constructor(action: string, status: number, detail: string) {
    super("CF_BAD_RESPONSE", `Failed to ${action} (${status}): unexpected response from the Cloudflare API: ${detail}`);
    this.name = "EnvelopeError";
    this.status = status;
  }
}

/** Codes that mean "no route for that URI" (Observed; see the API reference §2.5). */
export const NO_ROUTE_CODES: readonly number[] = [7000, 7003];
const AUTH_CODES: readonly number[] = [6003, 9106, 9109, 10000];

/** Picks the error class for a failed answer from its status and Cloudflare codes. */
export function apiErrorFor(action: string, status: number, errors: readonly CloudflareMessage[], requestId?: string): ApiError {
  const codes = errors.map((e) => e.code);
  if (codes.some((c) => NO_ROUTE_CODES.includes(c))) return new FeatureUnavailableError(action, status, errors, requestId);
  if (status === 429) return new RateLimitError(action, status, errors, requestId);
  if (status === 401 || codes.some((c) => AUTH_CODES.includes(c))) return new AuthError(action, status, errors, requestId);
  if (status === 404) return new NotFoundError(action, status, errors, requestId);
  return new ApiError(action, status, errors, requestId);
}

/**
 * The HTTP status of a failed answer, or undefined for anything else (a transport error, a bug).
 * Used instead of `instanceof`: inside the provider host the error classes are rebuilt from a
 * serialized closure, and a subclass without methods of its own loses its link to its parent
 * class's prototype there, so `instanceof ApiError` is false for a rebuilt `RateLimitError`.
 */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** True when an error carries the given stable code (see `CloudflareError.code`); safe across serialization. */
export function hasErrorCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}

/**
 * The message of anything thrown. Not `instanceof Error`: inside the provider host the error
 * classes are rebuilt from a serialized closure and their prototypes may not reach `Error`.
 */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(error);
}
