import ipaddr from "ipaddr.js";

/** The outcome of canonicalizing one IP: the canonical text, or why it is refused. */
export type IpResult = { ok: true; ip: string } | { ok: false; reason: string };

/**
 * Canonicalizes an origin IP the way Cloudflare stores it: RFC 5952 text for IPv6, strict
 * dotted-quad for IPv4. Anything Cloudflare might read differently from the user is refused
 * rather than guessed at: `ipaddr.parse` alone would read `010.0.0.1` as octal (8.0.0.1) and
 * `127.1` as 127.0.0.1, and prints IPv4-mapped IPv6 in hex, so each of those is rejected here.
 */
export function canonicalizeIp(text: string): IpResult {
  const quoted = JSON.stringify(text);
  if (text.trim() !== text || text === "") {
    return { ok: false, reason: `${quoted} is not an IP address (empty or surrounded by spaces)` };
  }
  if (text.includes("/")) {
    return { ok: false, reason: `${quoted} is a CIDR range; give a single IP address` };
  }
  if (text.includes("%")) {
    return { ok: false, reason: `${quoted} has a zone index (%...); give the address without it` };
  }
  if (text.includes(":")) {
    if (!ipaddr.IPv6.isValid(text)) {
      return { ok: false, reason: `${quoted} is not a valid IPv6 address` };
    }
    const address = ipaddr.IPv6.parse(text);
    if (address.isIPv4MappedAddress()) {
      const v4 = address.toIPv4Address().toString();
      return { ok: false, reason: `${quoted} is an IPv4-mapped IPv6 address; give the IPv4 address ${v4}` };
    }
    return { ok: true, ip: address.toString() };
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return {
      ok: false,
      reason: `${quoted} is not a valid IPv4 address (four decimal parts 0-255, no leading zeros)`,
    };
  }
  return { ok: true, ip: ipaddr.IPv4.parse(text).toString() };
}

/** Orders canonical IPs by address: every IPv4 before every IPv6, then numerically. */
export function compareIps(a: string, b: string): number {
  const x = ipaddr.parse(a).toByteArray();
  const y = ipaddr.parse(b).toByteArray();
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Why an address can never be an origin Cloudflare connects to, or undefined when it can. */
const NEVER_AN_ORIGIN: Readonly<Record<string, string>> = {
  unspecified: "the unspecified address",
  loopback: "a loopback address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  linkLocal: "a link-local address",
};

/** Ranges that are accepted but unlikely to be what the user meant for a public origin. */
const UNUSUAL: Readonly<Record<string, string>> = {
  private: "private",
  uniqueLocal: "private",
  carrierGradeNat: "shared (100.64.0.0/10)",
  reserved: "documentation or reserved",
};

/** How a canonical IP may be used as an origin: refused (with why), accepted with a note, or plain. */
export type AddressClass = { kind: "refused"; what: string } | { kind: "unusual"; what: string } | { kind: "public" };

/** Pure: classifies a canonical IP by its IANA range. */
export function addressClass(ip: string): AddressClass {
  const range = ipaddr.parse(ip).range();
  const refused = NEVER_AN_ORIGIN[range];
  if (refused !== undefined) return { kind: "refused", what: refused };
  const unusual = UNUSUAL[range];
  if (unusual !== undefined) return { kind: "unusual", what: unusual };
  return { kind: "public" };
}
