import { addressClass, canonicalizeIp, compareIps } from "./ip";
import { dedupe, flattenIssues, inputsSchema, propertyPath } from "./inputs-schema";
import type { MappingPosition } from "./mapping-list";
import { flattenMappings, mappingPath, placeholderKey } from "./mapping-list";
import type { MappingSet, Vendor } from "./types";
import { UNKNOWN, ZONE_MAPPING_LIMIT } from "./types";

export { propertyPath } from "./inputs-schema";

/** A check failure as Pulumi reports it: the property path and what is wrong with its value. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * The canonical inputs `check` returns. `mappings` is unknown only when the list itself is; an
 * entry whose IP is unknown sits under a placeholder key (see {@link placeholderKey}).
 */
export interface CheckedInputs {
  zoneId: string;
  mappings: MappingSet | typeof UNKNOWN;
  adopt: boolean | typeof UNKNOWN;
  /** The resource owns the zone's whole mapping set (see exclusive.ts). */
  exclusive: boolean | typeof UNKNOWN;
}

export { isPlaceholderKey, placeholderKey } from "./mapping-list";

/** One declared mapping after validation, with its position in the user's list. */
export interface DeclaredMapping extends MappingPosition {
  ip: string;
  vendor: Vendor | typeof UNKNOWN;
  region: string;
}

/** The result of checking the user's inputs. `failures` is empty when they are usable. */
export interface InputsCheck {
  inputs: CheckedInputs;
  failures: CheckFailure[];
  /** Every declared mapping whose vendor and region passed the local checks (for region lookup). */
  declared: DeclaredMapping[];
  /** One note for the whole resource when some addresses are private or documentation ones; else undefined. */
  warning?: string;
}

/**
 * Validates and canonicalizes the resource's inputs without any I/O. Unknown values (preview) are
 * passed over, never failed. Two entries that are equal after canonicalization are a failure that
 * names both positions: choosing one silently would hide a mistake in the user's program.
 */
export function checkInputs(news: Record<string, unknown>): InputsCheck {
  const parsed = inputsSchema().safeParse({
    zoneId: news["zoneId"],
    mappings: news["mappings"],
    adopt: news["adopt"],
    exclusive: news["exclusive"],
  });
  if (!parsed.success) {
    // A union reports its branches' issues nested; surface the ones of the branch the value took.
    const failures = flattenIssues(parsed.error.issues).map((issue) => ({
      property: propertyPath(issue.path),
      reason: issue.message,
    }));
    return {
      inputs: { zoneId: String(news["zoneId"]), mappings: UNKNOWN, adopt: false, exclusive: false },
      failures: dedupe(failures),
      declared: [],
    };
  }
  const { zoneId, mappings, adopt, exclusive } = parsed.data;
  const canonicalZone = zoneId === UNKNOWN ? zoneId : zoneId.toLowerCase();
  const inputs: CheckedInputs = { zoneId: canonicalZone, mappings: UNKNOWN, adopt: adopt ?? false, exclusive: exclusive ?? false };
  if (mappings === UNKNOWN) return { inputs, failures: [], declared: [] };
  const entries = flattenMappings(mappings);
  const firstOver = entries[ZONE_MAPPING_LIMIT];
  if (firstOver !== undefined) {
    // Reported on the first entry over the limit: Pulumi echoes the property's value, and echoing
    // the whole list would print every mapping on one line.
    return {
      inputs,
      failures: [
        {
          property: mappingPath(firstOver),
          reason:
            `${entries.length.toLocaleString("en-US")} mappings exceed ` +
            `Cloudflare's limit of ${ZONE_MAPPING_LIMIT.toLocaleString("en-US")} per zone; ` +
            "this is the first one over. Declare fewer, or split them across zones " +
            "(https://developers.cloudflare.com/api/resources/cache/subresources/origin_cloud_regions)",
        },
      ],
      declared: [],
    };
  }

  const failures: CheckFailure[] = [];
  const declared: DeclaredMapping[] = [];
  const firstSeen = new Map<string, { path: string; text: string }>();
  const unusual: string[] = [];
  let anyUnknownIp = false;
  for (const { entry, ...position } of entries) {
    if (entry === UNKNOWN || entry.ip === UNKNOWN) {
      anyUnknownIp = true;
      if (entry !== UNKNOWN) declared.push({ ...position, ip: UNKNOWN, vendor: canonicalVendor(entry.vendor), region: entry.region });
      continue;
    }
    const result = canonicalizeIp(entry.ip);
    if (!result.ok) continue; // reported by the schema already
    const kind = addressClass(result.ip);
    if (kind.kind === "refused") {
      failures.push({
        property: `${mappingPath(position)}.ip`,
        reason:
          `${JSON.stringify(entry.ip)} is ${kind.what}, which can never be an origin Cloudflare reaches; ` +
          "give the server's public address",
      });
      continue;
    }
    if (kind.kind === "unusual") unusual.push(`${result.ip} (${kind.what})`);
    const earlier = firstSeen.get(result.ip);
    if (earlier) {
      failures.push({
        property: `${mappingPath(position)}.ip`,
        reason:
          `${JSON.stringify(entry.ip)} duplicates ${earlier.path}.ip (${JSON.stringify(earlier.text)}):` +
          ` both are ${result.ip}; declare each IP once`,
      });
      continue;
    }
    firstSeen.set(result.ip, { path: mappingPath(position), text: entry.ip });
    declared.push({ ...position, ip: result.ip, vendor: canonicalVendor(entry.vendor), region: entry.region });
  }
  if (failures.length > 0) return { inputs, failures, declared };

  const known = declared.filter((m) => m.ip !== UNKNOWN).sort((a, b) => compareIps(a.ip, b.ip));
  const set: MappingSet = {};
  for (const m of known) set[m.ip] = { vendor: m.vendor as Vendor, region: m.region };
  if (anyUnknownIp) {
    // During preview an IP may not be known yet (a server about to be created). It still gets an
    // entry, under a placeholder key, so that the preview shows one added mapping with its vendor
    // and region instead of turning the whole set unknown. `pulumi up` checks again once the IP is
    // known; create and update refuse placeholder keys. A nested list that is not known yet (an
    // adapter's result before its servers exist) is one pending entry, not the whole set unknown.
    for (const { entry, index, inner } of entries) {
      const key = placeholderKey(index, inner);
      if (entry === UNKNOWN) (set as Record<string, unknown>)[key] = UNKNOWN;
      else if (entry.ip === UNKNOWN) set[key] = { vendor: canonicalVendor(entry.vendor) as Vendor, region: entry.region };
    }
  }
  const result: InputsCheck = { inputs: { ...inputs, mappings: set }, failures, declared };
  if (unusual.length > 0) result.warning = unusualWarning(unusual);
  return result;
}

/** One line for a resource: how many addresses are private or documentation ones, and the first few. */
function unusualWarning(unusual: readonly string[]): string {
  const rest = unusual.length - 5;
  const shown = unusual.slice(0, 5).join(", ") + (rest > 0 ? `, … and ${rest.toLocaleString("en-US")} more` : "");
  return (
    `${unusual.length.toLocaleString("en-US")} of the declared IPs are not public addresses: ${shown}. ` +
    "Cloudflare can only reach an origin on a public address; check that these are the servers' public IPs."
  );
}

function canonicalVendor(v: string): Vendor | typeof UNKNOWN {
  return v === UNKNOWN ? UNKNOWN : (v.toLowerCase() as Vendor);
}

/** The supported regions of one zone, per vendor. */
export type SupportedRegions = Partial<Record<Vendor, readonly string[]>>;

/** Fails each declared (vendor, region) pair that the zone's supported-regions list does not hold. */
export function checkRegions(declared: readonly DeclaredMapping[], supported: SupportedRegions): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const m of declared) {
    if (m.vendor === UNKNOWN || m.region === UNKNOWN) continue;
    const regions = supported[m.vendor] ?? [];
    if (regions.includes(m.region)) continue;
    const shown = regions.slice(0, 20).join(", ") + (regions.length > 20 ? ", ..." : "");
    failures.push({
      property: `${mappingPath(m)}.region`,
      reason:
        `${JSON.stringify(m.region)} is not a supported ${m.vendor} region for this zone` +
        (regions.length > 0 ? ` (supported: ${shown})` : ` (the zone lists no ${m.vendor} regions)`),
    });
  }
  return failures;
}
