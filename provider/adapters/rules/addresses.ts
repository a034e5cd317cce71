import ipaddr from "ipaddr.js";
import { canonicalizeIp } from "../../core/ip";
import { AdapterInputError } from "./errors";

/** One address a resource reports, with the property path it came from (for messages). */
export interface AddressCandidate {
  value: string;
  path: string;
}

/**
 * ipaddr.js range names of addresses that no client on the internet can reach, so Cloudflare never
 * connects to them as an origin: RFC 1918 and fc00::/7 private, 100.64.0.0/10 shared (carrier-grade
 * NAT), loopback, link-local, multicast, unspecified and broadcast. Documentation and other reserved
 * ranges are kept: they are what examples and tests use, and Cloudflare itself decides about them.
 */
const NOT_PUBLIC: ReadonlySet<string> = new Set([
  "private",
  "uniqueLocal",
  "carrierGradeNat",
  "loopback",
  "linkLocal",
  "multicast",
  "unspecified",
  "broadcast",
]);

/** ipaddr.js's name of a canonical IP's range: "private", "linkLocal", "unicast", … */
function rangeOf(canonicalIp: string): string {
  return ipaddr.parse(canonicalIp).range();
}

/** Pure: true when a canonical IP can be an origin's public address. */
export function isPublicAddress(canonicalIp: string): boolean {
  return !NOT_PUBLIC.has(rangeOf(canonicalIp));
}

/** An address a resource reports that no client on the internet can reach, so it gets no mapping. */
export interface DroppedAddress {
  ip: string;
  path: string;
  /** ipaddr.js's name of its range: "private", "linkLocal", … */
  range: string;
}

/**
 * Pure: the canonical public addresses among a resource's candidates, in their order, each once,
 * and the ones dropped as unreachable (private, link-local, …). Text that is not one IP address is
 * an error, since it means the adapter read the wrong property.
 */
export function sortAddresses(candidates: readonly AddressCandidate[]): { addresses: string[]; dropped: DroppedAddress[] } {
  const seen = new Set<string>();
  const dropped: DroppedAddress[] = [];
  for (const { value, path } of candidates) {
    const result = canonicalizeIp(value);
    if (!result.ok) throw new AdapterInputError(`${path}: ${result.reason}`);
    if (isPublicAddress(result.ip)) seen.add(result.ip);
    else if (!dropped.some((d) => d.ip === result.ip)) dropped.push({ ip: result.ip, path, range: rangeOf(result.ip) });
  }
  return { addresses: [...seen], dropped };
}

/** Pure: the canonical public addresses among a resource's candidates (see {@link sortAddresses}). */
export function publicAddresses(candidates: readonly AddressCandidate[]): string[] {
  return sortAddresses(candidates).addresses;
}

/**
 * Pure: the one warning of an adapter call that dropped addresses, or undefined: how many, the
 * first five with the resource and property they came from, and why they get no mapping.
 */
export function droppedWarning(adapter: string, dropped: ReadonlyArray<DroppedAddress & { where: string }>): string | undefined {
  if (dropped.length === 0) return undefined;
  const shown = dropped.slice(0, 5).map((d) => `${d.ip} (${d.range}, ${d.where} ${d.path})`);
  const rest = dropped.length > 5 ? `, … and ${dropped.length - 5} more` : "";
  const n = dropped.length === 1 ? "1 address" : `${dropped.length} addresses`;
  return (
    `${adapter}: ${n} that no client on the internet can reach got no mapping: ${shown.join(", ")}${rest}. ` +
    "Cloudflare connects to an origin's public address; give the servers one, or map them as plain mappings if that is intended"
  );
}
