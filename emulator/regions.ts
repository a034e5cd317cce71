// Region catalogue used by the emulator for validation and for `supported_regions`.
//
// ============================================================================================
//  SYNTHETIC DATA. NOT FROM CLOUDFLARE. (reference §8.1)
//  Cloudflare publishes no complete region list. This one is built from each vendor's public
//  region ids, with upper-tier colos picked by geography. Only aws/us-east-1, aws/us-west-2 and
//  gcp/us-central1 match Cloudflare's published example. Clients must fetch `supported_regions`
//  and never embed this list.
// ============================================================================================

export interface RegionInfo {
  readonly name: string;
  readonly upperTierColos: readonly string[];
}

/** vendor → regions. A Map so that replacing the catalogue for a test is a plain assignment. */
export type RegionCatalogue = ReadonlyMap<string, readonly RegionInfo[]>;

type SyntheticTable = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** Frozen all the way down: it is shared by every instance, so nobody may alter it. */
function deepFreeze<T extends object>(table: T): T {
  for (const value of Object.values(table)) {
    if (typeof value === "object" && value !== null) deepFreeze(value as object);
  }
  return Object.freeze(table);
}

/** SYNTHETIC: see the banner above. */
export const SYNTHETIC_SUPPORTED_REGIONS: SyntheticTable = deepFreeze({
  aws: {
    "us-east-1": ["IAD", "EWR"],
    "us-east-2": ["CMH"],
    "us-west-1": ["SJC"],
    "us-west-2": ["SEA"],
    "ca-central-1": ["YUL"],
    "eu-west-1": ["DUB"],
    "eu-west-2": ["LHR"],
    "eu-central-1": ["FRA"],
    "ap-northeast-1": ["NRT"],
    "ap-southeast-1": ["SIN"],
    "ap-southeast-2": ["SYD"],
    "sa-east-1": ["GRU"],
  },
  gcp: {
    "us-central1": ["ORD"],
    "us-east1": ["ATL"],
    "us-east4": ["IAD"],
    "us-west1": ["PDX"],
    "europe-west1": ["BRU"],
    "europe-west3": ["FRA"],
    "europe-west4": ["AMS"],
    "asia-northeast1": ["NRT"],
    "asia-southeast1": ["SIN"],
    "australia-southeast1": ["SYD"],
  },
  // Assumed: Azure API ids (lowercase, no spaces).
  azure: {
    eastus: ["IAD"],
    eastus2: ["IAD"],
    centralus: ["ORD"],
    westus2: ["SEA"],
    westeurope: ["AMS"],
    northeurope: ["DUB"],
    uksouth: ["LHR"],
    japaneast: ["NRT"],
    southeastasia: ["SIN"],
    australiaeast: ["SYD"],
  },
  // Assumed: OCI region ids.
  oci: {
    "us-ashburn-1": ["IAD"],
    "us-phoenix-1": ["PHX"],
    "us-sanjose-1": ["SJC"],
    "eu-frankfurt-1": ["FRA"],
    "uk-london-1": ["LHR"],
    "ap-tokyo-1": ["NRT"],
    "ap-singapore-1": ["SIN"],
    "ap-sydney-1": ["SYD"],
    "sa-saopaulo-1": ["GRU"],
  },
});

/** A fresh copy of the synthetic catalogue, so one emulator instance cannot alter another's. */
export function syntheticCatalogue(): Map<string, RegionInfo[]> {
  const catalogue = new Map<string, RegionInfo[]>();
  for (const [vendor, regions] of Object.entries(SYNTHETIC_SUPPORTED_REGIONS)) {
    catalogue.set(
      vendor,
      Object.entries(regions).map(([name, colos]) => ({ name, upperTierColos: [...colos] })),
    );
  }
  return catalogue;
}

/**
 * Catalogue from bare region names (for `setSupportedRegions`). Colos are reused from the synthetic
 * table when the pair is known there, and are empty otherwise: tests replacing the list care about
 * which names validate, not about colo codes.
 */
export function catalogueFromNames(vendors: Readonly<Record<string, readonly string[]>>): Map<string, RegionInfo[]> {
  const catalogue = new Map<string, RegionInfo[]>();
  for (const [vendor, names] of Object.entries(vendors)) {
    const known = Object.prototype.hasOwnProperty.call(SYNTHETIC_SUPPORTED_REGIONS, vendor)
      ? SYNTHETIC_SUPPORTED_REGIONS[vendor]
      : undefined;
    catalogue.set(
      vendor,
      [...new Set(names)].map((name) => {
        const colos = known !== undefined && Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined;
        return { name, upperTierColos: [...(colos ?? [])] };
      }),
    );
  }
  return catalogue;
}

/** Human-readable reason why a vendor/region pair is invalid, or null when it is supported. */
export function checkVendorRegion(catalogue: RegionCatalogue, vendor: string, region: string): string | null {
  const regions = catalogue.get(vendor);
  if (regions === undefined) return `vendor ${JSON.stringify(vendor)} is not supported`;
  if (!regions.some((r) => r.name === region)) {
    return `region ${JSON.stringify(region)} is not supported for vendor ${JSON.stringify(vendor)}`;
  }
  return null;
}

/** The `supported_regions` result body. `obtainedCodes: false` empties every colo list (reference §8). */
export function supportedRegionsBody(
  catalogue: RegionCatalogue,
  obtainedCodes: boolean,
): { obtained_codes: boolean; vendors: Record<string, Array<{ name: string; upper_tier_colos: string[] }>> } {
  const vendors: Record<string, Array<{ name: string; upper_tier_colos: string[] }>> = {};
  for (const [vendor, regions] of catalogue) {
    vendors[vendor] = regions.map((r) => ({ name: r.name, upper_tier_colos: obtainedCodes ? [...r.upperTierColos] : [] }));
  }
  return { obtained_codes: obtainedCodes, vendors };
}
