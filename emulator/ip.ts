// IP parsing and canonical printing for the emulator.
//
// Written from scratch on purpose (no ipaddr.js): the emulator is a second, independent implementation
// of the API contract, so a canonicalization bug in the client's library cannot hide behind the same
// bug here. Policy follows reference §7: strict dotted-quad IPv4, RFC 5952 output for IPv6, and no
// CIDR suffixes or zone indexes, because the API stores single addresses.

export type IpFamily = 4 | 6;

export interface ParsedIp {
  readonly family: IpFamily;
  /** 4 bytes for IPv4, 16 bytes for IPv6; used for ordering. */
  readonly bytes: readonly number[];
  readonly canonical: string;
}

// Leading zeros are refused: some parsers read `010` as octal (8), others as decimal (10); the API
// documents neither, so accepting either would silently pick one meaning.
const IPV4_PART = /^(?:0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
// Anything else (`%` zone index, `/` prefix length, whitespace, brackets) makes the text invalid.
const IPV6_CHARS = /^[0-9a-fA-F:.]+$/;
// Long enough for the longest legal form (`ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255`, 45 chars).
const MAX_TEXT_LENGTH = 45;

/** Strict dotted quad: exactly four decimal parts 0-255 without leading zeros (`127.1` is refused). */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseGroups(text: string, allowDottedTail: boolean): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (allowDottedTail && i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIPv4(part);
      if (v4 === null) return null;
      const [a = 0, b = 0, c = 0, d = 0] = v4;
      groups.push((a << 8) | b, (c << 8) | d);
    } else if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/** Returns the eight 16-bit groups, or null. Accepts an embedded dotted IPv4 tail. */
export function parseIPv6(text: string): number[] | null {
  if (!IPV6_CHARS.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  if (halves.length === 1) {
    const groups = parseGroups(text, true);
    return groups !== null && groups.length === 8 ? groups : null;
  }
  const head = parseGroups(halves[0] ?? "", false);
  const tail = parseGroups(halves[1] ?? "", true);
  // `::` stands for at least one zero group, so at most seven explicit groups may surround it.
  if (head === null || tail === null || head.length + tail.length > 7) return null;
  const zeros = new Array<number>(8 - head.length - tail.length).fill(0);
  return [...head, ...zeros, ...tail];
}

function isV4Mapped(groups: readonly number[]): boolean {
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
}

/** RFC 5952 text form of eight 16-bit groups. */
export function formatIPv6(groups: readonly number[]): string {
  if (isV4Mapped(groups)) {
    const hi = groups[6] ?? 0;
    const lo = groups[7] ?? 0;
    // RFC 5952 §5: IPv4-mapped addresses keep the dotted-quad tail people recognise.
    return `::ffff:${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    // Strictly greater: on a tie the leftmost run wins (RFC 5952 §4.2.3).
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  // A single zero group is never compressed (RFC 5952 §4.2.2).
  if (bestLength < 2) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** Parses an IP address of either family; null when it is not a single, strictly formed address. */
export function parseIp(text: unknown): ParsedIp | null {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_TEXT_LENGTH) return null;
  if (text.includes(":")) {
    const groups = parseIPv6(text);
    if (groups === null) return null;
    const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
    return { family: 6, bytes, canonical: formatIPv6(groups) };
  }
  const bytes = parseIPv4(text);
  if (bytes === null) return null;
  return { family: 4, bytes, canonical: bytes.join(".") };
}

/** Canonical text of an IP address, or null when it is invalid. */
export function canonicalizeIp(text: unknown): string | null {
  return parseIp(text)?.canonical ?? null;
}

/** Orders IPv4 before IPv6, then numerically; gives the list endpoint a stable, readable order. */
export function compareIps(a: string, b: string): number {
  const pa = parseIp(a);
  const pb = parseIp(b);
  if (pa === null || pb === null) return a < b ? -1 : a > b ? 1 : 0;
  if (pa.family !== pb.family) return pa.family - pb.family;
  for (let i = 0; i < pa.bytes.length; i++) {
    const d = (pa.bytes[i] ?? 0) - (pb.bytes[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
