/**
 * One mapping's target as the state stores it: `"<vendor>/<region>"`, split at the first "/".
 *
 * The reader is tolerant (any vendor string Cloudflare answers with is kept), so a vendor may itself
 * contain "/", which would move the split. The vendor part is therefore escaped: "%" as "%25", then
 * "/" as "%2F". The region needs no escaping, as everything after the first "/" is the region.
 * Strings written before the escaping have one "/" after the vendor and, for every vendor Cloudflare
 * has had, no "%": they read exactly as before. Only "%25" and "%2F" (either case) are decoded; any
 * other "%" is kept as it is.
 */
import type { HeldTarget } from "./types";

const SEPARATOR = "/";

function escapeVendor(vendor: string): string {
  return vendor.replace(/%/g, "%25").replace(/\//g, "%2F");
}

function unescapeVendor(text: string): string {
  // One left-to-right pass, so that "%252F" (an escaped "%2F") turns back into "%2F", not "/".
  return text.includes("%") ? text.replace(/%(25|2F)/gi, (code) => (code === "%25" ? "%" : "/")) : text;
}

export function encodeTarget(target: HeldTarget): string {
  return `${escapeVendor(target.vendor)}${SEPARATOR}${target.region}`;
}

/** The target a stored string names. A string without "/" (never written) reads as a vendor with an empty region. */
export function decodeTarget(stored: string): HeldTarget {
  const at = stored.indexOf(SEPARATOR);
  if (at < 0) return { vendor: unescapeVendor(stored), region: "" };
  return { vendor: unescapeVendor(stored.slice(0, at)), region: stored.slice(at + 1) };
}
