// Tokens scoped to a set of zones, the way a Cloudflare API token made for some zones of one account
// behaves: a request for any other zone gets the same 403 / 10000 "Authentication error" as a token
// without the permission. Several of them let one emulator stand for several accounts, each token
// with its own zones. Each has a name, which the request log records (never the token itself).

import { ZONE_ID } from "./state";

export interface ScopedToken {
  /** Recorded in the request log as `tokenName` (letters, digits, `.`, `_`, `-`). */
  name: string;
  /** The Bearer token. */
  token: string;
  /** The zone ids (32 lowercase hex) this token may reach. */
  zones: string[];
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
// What the emulator accepts as a Bearer token (auth.ts BEARER), so a configured token can be sent.
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Throws when the list could never work as given: bad names, tokens or zone ids, or a repeat. */
export function checkScopedTokens(tokens: readonly ScopedToken[]): void {
  const names = new Set<string>();
  const values = new Set<string>();
  tokens.forEach((t, i) => {
    if (!NAME.test(t.name)) throw new RangeError(`scoped token ${i + 1}: name ${JSON.stringify(t.name)} must be 1-64 of A-Z a-z 0-9 . _ -`);
    // The value is never echoed: a mistake in it is named by the token's name.
    if (!TOKEN.test(t.token)) throw new RangeError(`scoped token ${t.name}: the token is not a well-formed Bearer token`);
    if (t.zones.length === 0) throw new RangeError(`scoped token ${t.name}: give at least one zone`);
    for (const zone of t.zones) {
      if (!ZONE_ID.test(zone))
        throw new RangeError(`scoped token ${t.name}: zone id ${JSON.stringify(zone)} is not 32 lowercase hex characters`);
    }
    if (names.has(t.name)) throw new RangeError(`scoped token name ${t.name} is given twice`);
    if (values.has(t.token)) throw new RangeError(`scoped token ${t.name}: the same token is given twice`);
    names.add(t.name);
    values.add(t.token);
  });
}

/** Reads `NAME:TOKEN:ZONE[,ZONE…]` (the command line's form). */
export function parseScopedToken(text: string): ScopedToken {
  const parts = text.split(":");
  if (parts.length !== 3) throw new RangeError("a scoped token is NAME:TOKEN:ZONE[,ZONE...]");
  const [name, token, zones] = parts as [string, string, string];
  const scoped = { name, token, zones: zones.split(",").filter((z) => z !== "") };
  checkScopedTokens([scoped]);
  return scoped;
}

/** The zone a request path addresses (`/zones/<id>/...`), if any. */
export function zoneOfPath(path: string): string | undefined {
  return /^\/zones\/([^/]+)(?:\/|$)/.exec(path)?.[1];
}
