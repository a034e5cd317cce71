/** One item of Cloudflare's `errors[]`: its code, and its text made safe to show (see {@link serverText}). */
export interface CloudflareMessage {
  code: number;
  message: string;
  /** The item's `error_chain`, when the server sent one (e.g. 6003 → 6111). */
  chain?: readonly CloudflareMessage[];
}

/** The longest server text a message repeats; longer text is cut and ends in "…". */
export const MAX_SERVER_TEXT = 300;
/** The most server messages (chains included) one error shows, then "… and N more". */
export const MAX_SERVER_MESSAGES = 10;

const between = (c: number, low: number, high: number) => c >= low && c <= high;

/** Where an escape sequence starting at `i` (ESC or 8-bit CSI) ends: the index of its last character. */
function escapeEnd(text: string, i: number): number {
  const at = (k: number) => text.charCodeAt(k); // NaN past the end: matches nothing
  let k = at(i) === 0x9b ? i + 1 : i + 2;
  const kind = at(i) === 0x9b ? 0x5b : at(i + 1);
  if (kind === 0x5b) {
    // CSI: parameters, intermediates, one final character.
    while (between(at(k), 0x30, 0x3f)) k++;
    while (between(at(k), 0x20, 0x2f)) k++;
    return between(at(k), 0x40, 0x7e) ? k : k - 1;
  }
  if (kind === 0x5d || kind === 0x50 || kind === 0x58 || kind === 0x5e || kind === 0x5f) {
    // OSC, DCS, SOS, PM, APC: a string up to BEL or ESC \ (or the end).
    while (k < text.length && at(k) !== 0x07 && at(k) !== 0x1b) k++;
    return at(k) === 0x1b && at(k + 1) === 0x5c ? k + 1 : at(k) === 0x07 ? k : k - 1;
  }
  // Any other ESC sequence: intermediates, then one final character.
  k = i + 1;
  while (between(at(k), 0x20, 0x2f)) k++;
  return between(at(k), 0x30, 0x7e) ? k : k - 1;
}

/** Line breaks (shown as a space) and characters dropped: C0, DEL, C1, and marks that reorder text in a terminal. */
const isBreak = (c: number) => between(c, 0x09, 0x0d) || c === 0x85 || c === 0x2028 || c === 0x2029;
const isHidden = (c: number) =>
  c < 0x20 ||
  between(c, 0x7f, 0x9f) ||
  c === 0x061c ||
  c === 0x200e ||
  c === 0x200f ||
  between(c, 0x202a, 0x202e) ||
  between(c, 0x2066, 0x2069);

/**
 * Text taken from a response, made safe to put in a message: ANSI/VT escape sequences and control
 * characters removed (line breaks become spaces), runs of spaces collapsed, at most `max` characters.
 */
export function serverText(raw: unknown, max: number = MAX_SERVER_TEXT): string {
  const source = String(raw);
  let text = "";
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x1b || c === 0x9b) i = escapeEnd(source, i);
    else if (isBreak(c)) text += " ";
    else if (!isHidden(c)) text += source[i];
  }
  text = text.replace(/ {2,}/g, " ").trim();
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half.
  const cut = text.slice(0, max - 1).replace(/[\ud800-\udbff]$/, "");
  return `${cut.trimEnd()}…`;
}

/** An `errors[]` item as it may be shown: its text and its chain's texts cleaned; at most `chainItems` of the chain kept. */
export function cleanMessage(m: CloudflareMessage, chainItems = Infinity): CloudflareMessage {
  const out: CloudflareMessage = { code: m.code, message: serverText(m.message) };
  if (m.chain !== undefined && m.chain.length > 0) out.chain = m.chain.slice(0, chainItems).map((c) => cleanMessage(c, 0));
  return out;
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

/** `[code] text (chain: [code] text)` per item, at most {@link MAX_SERVER_MESSAGES} texts in all, then how many more. */
function describeErrors(errors: readonly CloudflareMessage[]): string {
  if (errors.length === 0) return "no error detail returned";
  const one = (m: CloudflareMessage) => `[${Number.isSafeInteger(m.code) ? m.code : "?"}] ${serverText(m.message)}`;
  const total = errors.reduce((n, e) => n + 1 + (e.chain?.length ?? 0), 0);
  let left = MAX_SERVER_MESSAGES;
  const parts: string[] = [];
  for (const e of errors) {
    if (left === 0) break;
    const chain = (e.chain ?? []).slice(0, left - 1);
    left -= 1 + chain.length;
    parts.push(chain.length === 0 ? one(e) : `${one(e)} (chain: ${chain.map(one).join("; ")})`);
  }
  const shown = MAX_SERVER_MESSAGES - left;
  return total > shown ? `${parts.join("; ")}; … and ${total - shown} more` : parts.join("; ");
}

/** Cloudflare answered, and the answer was a failure. Carries the HTTP status and `errors[]`. */
export class ApiError extends CloudflareError {
  readonly status: number;
  readonly errors: readonly CloudflareMessage[];
  readonly requestId: string | undefined;
  readonly action: string;
  constructor(action: string, status: number, errors: readonly CloudflareMessage[], requestId?: string, code = "CF_API_ERROR") {
    const ray = requestId === undefined ? undefined : serverText(requestId, 64);
    super(code, `Failed to ${action} (${status}): ${describeErrors(errors)}${ray ? ` (cf-ray ${ray})` : ""}`);
    this.name = "ApiError";
    this.action = action;
    this.status = status;
    // Kept for callers that branch on codes; only the first ones, cleaned like the message.
    this.errors = errors.slice(0, MAX_SERVER_MESSAGES).map((m) => cleanMessage(m, MAX_SERVER_MESSAGES));
    this.requestId = ray;
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
    const raw = cause instanceof Error ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}` : String(cause);
    const detail = serverText(raw);
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
    super("CF_BAD_RESPONSE", `Failed to ${action} (${status}): unexpected response from the Cloudflare API: ${serverText(detail)}`);
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
