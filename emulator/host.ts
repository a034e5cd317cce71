// Loopback names: where the emulator may listen, and which `Host` headers it answers. Refusing any
// other Host defeats DNS rebinding: a web page whose name an attacker re-points at 127.0.0.1 still
// sends its own name as Host, and gets a 403 instead of the API.

import { canonicalizeIp } from "./ip";

/** localhost, 127.0.0.0/8 or ::1 (bracketed or not); nothing else, not even other names for them. */
export function isLoopbackName(host: string): boolean {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === "localhost") return true;
  const canonical = canonicalizeIp(bare);
  if (canonical === "::1") return true;
  return canonical !== null && !canonical.includes(":") && canonical.startsWith("127.");
}

/** True for a Host header naming a loopback host, with or without a port (`[::1]:8787`, `localhost`). */
export function isLoopbackHostHeader(value: string | undefined): boolean {
  if (value === undefined) return false;
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::[0-9]{1,5})?$/.exec(value);
  const name = match?.[1];
  if (name === undefined || name === "") return false;
  // An unbracketed IPv6 literal cannot appear in Host; the pattern above already refuses it.
  return isLoopbackName(name);
}
