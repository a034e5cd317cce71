// Validation of one request item, shared by the single-item endpoints and the batches of both
// families. The two families differ only in the IP key name, so the caller passes its keys in
// (v1.ts and v2.ts own them); the rules themselves exist once. Messages are written for a human
// reading a batch's `failed` list.

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
  { ok: true; item: MappingInput } | { ok: false; ip: string; ipParsed: boolean; problem: ItemProblem; error: string };

/** Validates one raw item; what a batch upsert applies to each element of its body. */
export type ItemValidator = (raw: unknown) => ItemValidation;

/** How one API family names the IP in request items. */
export interface ItemKeys {
  /** "v1" or "v2", used only in messages. */
  readonly family: string;
  /** The key this family reads the IP from. */
  readonly ip: string;
  /** IP keys other families (or their responses) use: named in the hint, echoed when present. */
  readonly foreign: readonly string[];
}

/** The text to echo as the IP of an item whose IP could not be used. */
export function rawIpText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function quotedList(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(" or ");
}

/** Validates one request item on its own, reading the IP from `keys.ip`. */
export function validateItem(raw: unknown, check: RegionCheck, keys: ItemKeys): ItemValidation {
  const ipKey = keys.ip;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      ip: rawIpText(raw),
      ipParsed: false,
      problem: "body",
      error: `item must be an object with "${ipKey}", "vendor" and "region"`,
    };
  }
  const fields = raw as Record<string, unknown>;
  const rawIp = fields[ipKey];
  if (rawIp === undefined) {
    // An item shaped for the other family is the likeliest client bug; say so instead of a bare "missing".
    const foreignKey = keys.foreign.find((k) => k in fields);
    return {
      ok: false,
      ip: foreignKey === undefined ? "" : rawIpText(fields[foreignKey]),
      ipParsed: false,
      problem: "body",
      error:
        foreignKey === undefined
          ? `missing "${ipKey}"`
          : `missing "${ipKey}" (${keys.family} requests use "${ipKey}", not ${quotedList(keys.foreign)})`,
    };
  }
  if (typeof rawIp !== "string")
    return { ok: false, ip: rawIpText(rawIp), ipParsed: false, problem: "ip", error: `"${ipKey}" must be a string` };
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
