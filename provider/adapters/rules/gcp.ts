import type { AddressCandidate } from "./addresses";
import { AdapterInputError } from "./errors";
import { optionalObjectList, optionalString } from "./properties";
import type { CloudRules, RegionResult, ResourceRules } from "./resource-rules";

/** A GCP region id: `us-central1`, `europe-west4`, `northamerica-northeast1`. */
const REGION = /^[a-z]+-[a-z]+\d+$/;
/** A GCP zone id: the region, a hyphen, and the zone's own part: `us-central1-a`, `us-central1-ai1`. */
const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z0-9]+$/;

/** Pure: the last `/`-separated segment, so a self link and a bare name read the same. */
function lastSegment(text: string): string {
  return text.split("/").pop() ?? "";
}

/**
 * Pure: the region of a zone: the first two hyphen-separated parts of the zone's name (the last path
 * segment of a self link). `us-central1-a` and `us-central1-ai1` are both in `us-central1`.
 */
export function gcpRegionFromZone(zone: string): string {
  const match = ZONE.exec(lastSegment(zone));
  if (!match?.[1]) {
    throw new AdapterInputError(`zone ${JSON.stringify(zone)} is not a GCP zone (like us-central1-a or a self link ending in one)`);
  }
  return match[1];
}

/** Pure: a region id, from a bare name or a self link. */
export function gcpRegion(region: string): string {
  const name = lastSegment(region);
  if (!REGION.test(name)) throw new AdapterInputError(`region ${JSON.stringify(region)} is not a GCP region (like us-central1)`);
  return name;
}

/** Pure: rules for @pulumi/gcp `compute.Instance`. */
export const gcpInstanceRules: ResourceRules = {
  kind: "compute.Instance",
  properties: ["networkInterfaces", "zone"],
  regionSources: ["zone"],
  addresses(props): AddressCandidate[] {
    const out: AddressCandidate[] = [];
    for (const nic of optionalObjectList(props["networkInterfaces"], "networkInterfaces")) {
      for (const config of optionalObjectList(nic.item["accessConfigs"], `${nic.path}.accessConfigs`)) {
        const ip = optionalString(config.item, "natIp");
        if (ip !== undefined) out.push({ value: ip, path: `${config.path}.natIp` });
      }
      for (const config of optionalObjectList(nic.item["ipv6AccessConfigs"], `${nic.path}.ipv6AccessConfigs`)) {
        const ip = optionalString(config.item, "externalIpv6");
        if (ip !== undefined) out.push({ value: ip, path: `${config.path}.externalIpv6` });
      }
    }
    return out;
  },
  region(props): RegionResult {
    const zone = optionalString(props, "zone");
    if (zone === undefined) throw new AdapterInputError("zone is empty; pass { region } to fromGcp");
    return { region: gcpRegionFromZone(zone), warnings: [] };
  },
};

/** Pure: rules for @pulumi/gcp `compute.Address`: only an EXTERNAL address (the default type) is public. */
export const gcpAddressRules: ResourceRules = {
  kind: "compute.Address",
  properties: ["address", "addressType", "region"],
  regionSources: ["region"],
  addresses(props): AddressCandidate[] {
    const type = optionalString(props, "addressType");
    if (type !== undefined && type.toUpperCase() !== "EXTERNAL") {
      if (type.toUpperCase() === "INTERNAL") return [];
      throw new AdapterInputError(`addressType ${JSON.stringify(type)} is neither EXTERNAL nor INTERNAL`);
    }
    const ip = optionalString(props, "address");
    return ip === undefined ? [] : [{ value: ip, path: "address" }];
  },
  region(props): RegionResult {
    const region = optionalString(props, "region");
    if (region === undefined) throw new AdapterInputError("region is empty; pass { region } to fromGcp");
    return { region: gcpRegion(region), warnings: [] };
  },
};

/** Pure: what `fromGcp` accepts. */
export const gcpRules: CloudRules = {
  adapter: "fromGcp",
  vendor: "gcp",
  accepts:
    "@pulumi/gcp compute.Instance or compute.Address resources, or objects shaped like them" +
    " ({ networkInterfaces, zone } or { address, addressType?, region })",
  byToken: (token) =>
    token === "gcp:compute/instance:Instance" ? gcpInstanceRules : token === "gcp:compute/address:Address" ? gcpAddressRules : undefined,
  byShape: (has) => (has("networkInterfaces") ? gcpInstanceRules : has("address") ? gcpAddressRules : undefined),
};
