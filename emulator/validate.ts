// Validation of one v1 request item, shared by the single-item endpoints and the batch. Messages are
// written for a human reading a batch's `failed` list.

import { canonicalizeIp } from "./ip";

export interface MappingInput {
  ip: string;
  vendor: string;
  region: string;
}

/** Why a vendor/region pair is refused, or null when it is accepted. */
export type RegionCheck = (vendor: string, region: string) => string | null;

/** Which kind of problem an item has; the server maps it to an HTTP error for single-item calls. */
export type ItemProblem = "body" | "ip" | "vendor_region";

export type ItemValidation =
  | { ok: true; item: MappingInput }
  | { ok: false; ip: string; ipParsed: boolean; problem: ItemProblem; error: string };

/** The text to echo under `origin-ip` for an item whose IP could not be used. */
export function rawIpText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** Validates one v1 request item on its own, with messages meant for a human reading `failed`. */
export function validateItem(raw: unknown, check: RegionCheck): ItemValidation {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, ip: rawIpText(raw), ipParsed: false, problem: "body", error: 'item must be an object with "ip", "vendor" and "region"' };
  }
  const fields = raw as Record<string, unknown>;
  const rawIp = fields["ip"];
  if (rawIp === undefined) {
    // A v2-shaped item is the likeliest client bug; say so instead of a bare "missing".
    const v2Key = "origin_ip" in fields || "origin-ip" in fields;
    return {
      ok: false,
      ip: rawIpText(fields["origin_ip"] ?? fields["origin-ip"]),
      ipParsed: false,
      problem: "body",
      error: v2Key ? 'missing "ip" (v1 requests use "ip", not "origin_ip" or "origin-ip")' : 'missing "ip"',
    };
  }
  if (typeof rawIp !== "string") return { ok: false, ip: rawIpText(rawIp), ipParsed: false, problem: "ip", error: '"ip" must be a string' };
  const ip = canonicalizeIp(rawIp);
  if (ip === null) return { ok: false, ip: rawIp, ipParsed: false, problem: "ip", error: `invalid IP address ${JSON.stringify(rawIp)}` };
  for (const key of ["vendor", "region"] as const) {
    if (fields[key] === undefined) return { ok: false, ip, ipParsed: true, problem: "body", error: `missing "${key}"` };
    if (typeof fields[key] !== "string") return { ok: false, ip, ipParsed: true, problem: "body", error: `"${key}" must be a string` };
  }
  const vendor = fields["vendor"] as string;
  const region = fields["region"] as string;
  const refusal = check(vendor, region);
  if (refusal !== null) return { ok: false, ip, ipParsed: true, problem: "vendor_region", error: refusal };
  return { ok: true, item: { ip, vendor, region } };
}
