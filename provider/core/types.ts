/**
 * Domain types shared by the pure core and the provider. Nothing here knows any wire key
 * (`ip`, `origin-ip`, `origin_ip`): the Cloudflare client converts at its edge.
 */

/** Cloud vendors Cloudflare accepts for an origin mapping. */
export const VENDORS = ["aws", "azure", "gcp", "oci"] as const;

/** A cloud vendor id. */
export type Vendor = (typeof VENDORS)[number];

/**
 * True when `value` is one of {@link VENDORS}, spelled exactly so (lowercase): a vendor read from
 * config or JSON then narrows to {@link Vendor} without a cast. The resource itself also accepts
 * other casings (`"AWS"`), but those are not values of the `Vendor` type.
 *
 * @example
 * const vendor = new pulumi.Config().require("vendor");
 * if (!isVendor(vendor)) throw new Error(`vendor must be one of ${VENDORS.join(", ")}, got ${vendor}`);
 * new OriginCloudRegionMappings("origins", { zoneId, mappings: [{ ip, vendor, region }] });
 */
export function isVendor(value: unknown): value is Vendor {
  return typeof value === "string" && (VENDORS as readonly string[]).includes(value);
}

/** Cloudflare's two endpoint families: `v1` is `/cache/origin_cloud_regions`, `v2` is `/origin/cloud_regions`. */
export type FamilyName = "v1" | "v2";

/** Which family to call: `auto` (the current family first, the older one on "no route") or one family only. */
export type FamilySetting = "auto" | FamilyName;

/**
 * The string Pulumi passes for a value that is not known yet (during preview). It is part of the
 * engine's wire protocol; it is spelled out here instead of imported because `@pulumi/pulumi` must
 * not be captured into the serialized provider.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Where an origin IP is hosted. */
export interface MappingTarget {
  vendor: Vendor;
  region: string;
}

/** One origin mapping with a canonical IP. */
export interface Mapping extends MappingTarget {
  ip: string;
}

/**
 * Where the zone says an origin IP is hosted, as read back from Cloudflare. The vendor is any string:
 * Cloudflare adds vendors over time, and a mapping of a vendor this package does not know is still a
 * mapping of the zone (someone else's, or drift for an exclusive resource). What a program declares is
 * a {@link MappingTarget}, checked against {@link VENDORS}; what the zone holds is this.
 */
export interface HeldTarget {
  vendor: string;
  region: string;
}

/** One mapping the zone holds, with a canonical IP (see {@link HeldTarget}). */
export interface HeldMapping extends HeldTarget {
  ip: string;
}

/** Mappings the zone holds (or held, as recorded in state), keyed by canonical IP; see {@link HeldTarget}. */
export type HeldSet = Record<string, HeldTarget>;

/**
 * A set of mappings keyed by canonical IP, keys in ascending address order. Keyed rather than an
 * array so that `pulumi preview --diff` shows exactly the IPs that change.
 */
export type MappingSet = Record<string, MappingTarget>;

/** The most mappings Cloudflare keeps in one zone (403 / code 1164 beyond it). */
export const ZONE_MAPPING_LIMIT = 3500;

/** The most items one batch request may carry (`maxItems: 100` in Cloudflare's OpenAPI). */
export const BATCH_LIMIT = 100;

/**
 * A resource's own credentials as its inputs and state carry them: the token itself (a secret in
 * the state), or the name of the variable that holds it. Here, not in credentials.ts, so that the
 * declarations users' programs read (state-shape) stay clear of the schema library's types.
 */
export interface CredentialProps {
  apiToken?: string;
  apiTokenEnvVar?: string;
}
