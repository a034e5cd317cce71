/**
 * Reads Cloudflare's rate-limit headers (changelog 2025-09-03, the IETF RateLimit fields; reference §2.4):
 *
 *   Ratelimit: "default";r=50;t=30              r: requests left, t: seconds until the quota resets
 *   Ratelimit-Policy: "default";q=1200;w=300    q: the quota, w: its window in seconds
 *
 * Each is a structured-field list (RFC 8941): one or more comma-separated items, each a name (a
 * quoted string or a token) with `;key=value` parameters. The item named "default" is read, else the
 * first one. Whatever cannot be read (absent, malformed, negative, fractional, absurdly large) reads
 * as nothing: a header the client does not understand never holds a request back.
 *
 * Pure: strings in, numbers out.
 */

/** What one answer says about the token's quota. */
export interface QuotaReading {
  /** Requests left in the current window (`r`). */
  remaining: number;
  /** Seconds until the window resets (`t`). */
  resetSeconds: number;
  /** The window's quota (`q` of the matching policy), when the policy was sent and readable. */
  quota?: number;
  /** The window's length in seconds (`w`), likewise. */
  windowSeconds?: number;
}

/** A header as Node hands it over: absent, one value, or one per repeated field line. */
export type HeaderValue = string | readonly string[] | undefined;

interface Item {
  name: string;
  params: Map<string, string>;
}

/** Larger than any quota or window a server could mean; such values are read as malformed. */
const MAX_FIGURE = 1e9;

/** Splits at `separator` outside double quotes (a quoted name may hold commas or semicolons). */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === "\\" && i + 1 < text.length) {
      current += c + (text[++i] as string);
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** A name as written: `"default"` (quoted, with `\"` and `\\` escapes) or `default` (a token). */
function nameOf(raw: string): string {
  const text = raw.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/\\(.)/g, "$1");
  return text;
}

function parseList(value: HeaderValue): Item[] {
  if (value === undefined) return [];
  // Repeated field lines of a list are one list (RFC 9110 §5.3).
  const text = typeof value === "string" ? value : value.join(",");
  const items: Item[] = [];
  for (const member of splitOutsideQuotes(text, ",")) {
    if (member.trim() === "") continue;
    const [head = "", ...rest] = splitOutsideQuotes(member, ";");
    const params = new Map<string, string>();
    for (const param of rest) {
      const at = param.indexOf("=");
      const key = (at < 0 ? param : param.slice(0, at)).trim().toLowerCase();
      // A repeated parameter: the last one counts (RFC 8941 §4.2.3.2).
      if (key !== "") params.set(key, at < 0 ? "" : param.slice(at + 1).trim());
    }
    items.push({ name: nameOf(head), params });
  }
  return items;
}

/** A whole, non-negative number as RFC 8941 writes an integer; anything else is undefined. */
function figure(item: Item | undefined, key: string): number | undefined {
  const raw = item?.params.get(key);
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= MAX_FIGURE ? n : undefined;
}

function pick(items: readonly Item[], name?: string): Item | undefined {
  return (name === undefined ? undefined : items.find((i) => i.name === name)) ?? items.find((i) => i.name === "default") ?? items[0];
}

/**
 * The quota one answer reports, from its `Ratelimit` and `Ratelimit-Policy` values; undefined when
 * `Ratelimit` is absent or its chosen item lacks a readable `r` or `t`. The policy item read is the
 * one with the same name, else "default", else the first; an unreadable policy leaves quota and window out.
 */
export function readQuota(ratelimit: HeaderValue, policy: HeaderValue): QuotaReading | undefined {
  const item = pick(parseList(ratelimit));
  const remaining = figure(item, "r");
  const resetSeconds = figure(item, "t");
  if (item === undefined || remaining === undefined || resetSeconds === undefined) return undefined;
  const reading: QuotaReading = { remaining, resetSeconds };
  const policyItem = pick(parseList(policy), item.name);
  const quota = figure(policyItem, "q");
  const windowSeconds = figure(policyItem, "w");
  if (quota !== undefined && quota > 0) reading.quota = quota;
  if (windowSeconds !== undefined && windowSeconds > 0) reading.windowSeconds = windowSeconds;
  return reading;
}
