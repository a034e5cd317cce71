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

/** Pure: true when a canonical IP can be an origin's public address. */
export function isPublicAddress(canonicalIp: string): boolean {
  return !NOT_PUBLIC.has(ipaddr.parse(canonicalIp).range());
}

/**
 * Pure: the canonical public addresses among a resource's candidates, in their order, each once.
 * Private and other unreachable addresses are dropped; text that is not one IP address is an error,
 * since it means the adapter read the wrong property.
 */
export function publicAddresses(candidates: readonly AddressCandidate[]): string[] {
  const seen = new Set<string>();
  for (const { value, path } of candidates) {
    const result = canonicalizeIp(value);
    if (!result.ok) throw new AdapterInputError(`${path}: ${result.reason}`);
    if (isPublicAddress(result.ip)) seen.add(result.ip);
  }
  return [...seen];
}
