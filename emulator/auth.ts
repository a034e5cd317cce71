// Credential checks (reference §9 item 8). Pure: takes the headers, returns a verdict. The `key` it
// returns identifies the credential for rate limiting and is never logged or echoed. Secrets are
// compared in constant time (SHA-256 of both sides, then timingSafeEqual), so the time an answer takes
// says nothing about how much of a guessed token was right.

import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { CODES, type ApiMessage } from "./envelope";
import { zoneOfPath, type ScopedToken } from "./scoped-tokens";

export interface AuthConfig {
  /** Accepted Bearer token; undefined means any syntactically valid token is accepted. */
  apiToken?: string | undefined;
  readOnlyToken?: string | undefined;
  legacyAuth?: { email: string; key: string } | undefined;
  /** Code for a wrong credential: 10000 (default) or 9109; both are seen in the wild. */
  wrongTokenCode?: 10000 | 9109 | undefined;
  /** Tokens that reach only their zones (see scoped-tokens.ts); with any of them, other tokens are wrong unless configured. */
  scopedTokens?: readonly ScopedToken[] | undefined;
}

/** `tokenName`: the name of the scoped token the request carried, if it carried one (for the request log). */
export type AuthVerdict =
  | { ok: true; key: string; editable: boolean; tokenName?: string }
  | { ok: false; key: string | null; status: number; errors: ApiMessage[]; tokenName?: string };

// RFC 6750 b64token. Real Cloudflare tokens are 40 chars of [A-Za-z0-9_-], which this includes.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const GLOBAL_KEY = /^[A-Za-z0-9]+$/;

/** Constant-time string equality: hashing first gives equal-length buffers whatever the lengths. */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** Throws when a token set at run time could never match a well-formed `Authorization: Bearer` header. */
export function checkBearerToken(token: string): void {
  if (!BEARER.test(`Bearer ${token}`))
    throw new RangeError("an API token must be a non-empty RFC 6750 b64token (letters, digits, -._~+/ and trailing =)");
}

/** Throws when a configured email+key pair could never match a well-formed request. */
export function checkLegacyAuth(pair: { email: string; key: string }): void {
  if (!EMAIL.test(pair.email)) throw new RangeError(`legacy auth email ${JSON.stringify(pair.email)} is not an email address`);
  if (!GLOBAL_KEY.test(pair.key)) throw new RangeError("legacy auth key must be letters and digits only (as a Global API key)");
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function invalidHeaders(chainCode: number, chainMessage: string): AuthVerdict {
  return {
    ok: false,
    key: null,
    status: 400,
    errors: [{ code: CODES.invalidHeaders, message: "Invalid request headers", error_chain: [{ code: chainCode, message: chainMessage }] }],
  };
}

function wrongCredential(key: string, cfg: AuthConfig): AuthVerdict {
  const message = cfg.wrongTokenCode === CODES.invalidAccessToken ? "Invalid access token" : "Authentication error";
  return { ok: false, key, status: 403, errors: [{ code: cfg.wrongTokenCode ?? CODES.authenticationError, message }] };
}

function grant(key: string, editable: boolean, write: boolean): AuthVerdict {
  // A read-only credential may read; its writes get the same 403 / 10000 as a missing permission
  // (emulator choice, reference §9 item 8).
  if (!editable && write)
    return { ok: false, key, status: 403, errors: [{ code: CODES.authenticationError, message: "Authentication error" }] };
  return { ok: true, key, editable };
}

/**
 * A scoped token's answer: granted for a path in one of its zones, else Cloudflare's 403 / 10000 (a
 * token without the permission for that zone). Undefined when `token` is none of them.
 */
function scopedVerdict(token: string, key: string, cfg: AuthConfig, write: boolean, path: string): AuthVerdict | undefined {
  // Every configured token is compared (no early exit), so timing does not tell which one matched.
  const matches = (cfg.scopedTokens ?? []).filter((t) => secretEquals(token, t.token));
  const scoped = matches[0];
  if (scoped === undefined) return undefined;
  const zone = zoneOfPath(path);
  const verdict: AuthVerdict =
    zone !== undefined && scoped.zones.includes(zone)
      ? grant(key, true, write)
      : { ok: false, key, status: 403, errors: [{ code: CODES.authenticationError, message: "Authentication error" }] };
  return { ...verdict, tokenName: scoped.name };
}

/** `path` is the request's path after /client/v4: a scoped token is checked against its zone. */
export function authenticate(headers: IncomingHttpHeaders, cfg: AuthConfig, write: boolean, path = ""): AuthVerdict {
  const authorization = header(headers, "authorization");
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    const token = match?.[1];
    if (token === undefined) return invalidHeaders(CODES.invalidAuthorizationHeader, "Invalid format for Authorization header");
    const key = `token:${token}`;
    if (cfg.readOnlyToken !== undefined && secretEquals(token, cfg.readOnlyToken)) return grant(key, false, write);
    const scoped = scopedVerdict(token, key, cfg, write, path);
    if (scoped !== undefined) return scoped;
    const anyToken = cfg.apiToken === undefined && (cfg.scopedTokens ?? []).length === 0;
    if (anyToken || (cfg.apiToken !== undefined && secretEquals(token, cfg.apiToken))) return grant(key, true, write);
    return wrongCredential(key, cfg);
  }
  const email = header(headers, "x-auth-email");
  const apiKey = header(headers, "x-auth-key");
  if (email === undefined || apiKey === undefined) {
    return {
      ok: false,
      key: null,
      status: 400,
      errors: [{ code: CODES.missingAuth, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" }],
    };
  }
  if (!EMAIL.test(email)) return invalidHeaders(CODES.invalidEmailHeader, "Invalid format for X-Auth-Email header");
  if (!GLOBAL_KEY.test(apiKey)) return invalidHeaders(CODES.invalidKeyHeader, "Invalid format for X-Auth-Key header");
  const key = `legacy:${email}`;
  // Legacy auth is off unless configured: an unexpected Global API key must not silently work. Both
  // halves are always compared (no short circuit), so timing does not tell a right email apart.
  if (cfg.legacyAuth === undefined) return wrongCredential(key, cfg);
  const emailOk = secretEquals(email.toLowerCase(), cfg.legacyAuth.email.toLowerCase());
  const keyOk = secretEquals(apiKey, cfg.legacyAuth.key);
  if (!(emailOk && keyOk)) return wrongCredential(key, cfg);
  return grant(key, true, write);
}
