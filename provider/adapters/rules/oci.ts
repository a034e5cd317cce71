import type { AddressCandidate } from "./addresses";
import { AdapterInputError } from "./errors";
import { optionalString } from "./properties";
import type { CloudRules, RegionResult, ResourceRules } from "./resource-rules";

/**
 * OCI's API names its two oldest regions by their short keys (`region` of an instance, the region
 * field of their OCIDs); every other region comes as its full id.
 */
const SHORT_FORMS: Readonly<Record<string, string>> = { iad: "us-ashburn-1", phx: "us-phoenix-1" };

/** Pure: the region id for an OCI region name: the short forms `iad` and `phx` expanded, others as they are. */
export function ociRegion(name: string): string {
  const region = name.trim().toLowerCase();
  if (region === "" || /\s/.test(region)) throw new AdapterInputError(`region ${JSON.stringify(name)} is not an OCI region`);
  return SHORT_FORMS[region] ?? region;
}

/** Pure: the region of an OCID, `ocid1.<type>.<realm>.<region>.<unique id>` (the 4th `.`-separated field). */
export function ociRegionFromOcid(id: string): string {
  const fields = id.split(".");
  const region = fields[3] ?? "";
  if (fields[0] !== "ocid1" || fields.length < 5 || region === "") {
    throw new AdapterInputError(
      `id ${JSON.stringify(id)} is not a regional OCID (expected ocid1.<type>.<realm>.<region>.<unique id>); pass { region } to fromOci`,
    );
  }
  return ociRegion(region);
}

function regionFromId(props: Readonly<Record<string, unknown>>): RegionResult {
  const id = optionalString(props, "id");
  if (id === undefined) throw new AdapterInputError("region and id are empty; pass { region } to fromOci");
  return { region: ociRegionFromOcid(id), warnings: [] };
}

/** Pure: rules for @pulumi/oci `core.Instance`: `region`, else the region of its OCID. */
export const ociInstanceRules: ResourceRules = {
  kind: "core.Instance",
  properties: ["publicIp", "region", "id"],
  regionSources: ["region", "id"],
  addresses(props): AddressCandidate[] {
    const ip = optionalString(props, "publicIp");
    return ip === undefined ? [] : [{ value: ip, path: "publicIp" }];
  },
  region(props): RegionResult {
    const region = optionalString(props, "region");
    return region === undefined ? regionFromId(props) : { region: ociRegion(region), warnings: [] };
  },
};

/** Pure: rules for @pulumi/oci `core.PublicIp`, which has no region property: its OCID carries one. */
export const ociPublicIpRules: ResourceRules = {
  kind: "core.PublicIp",
  properties: ["ipAddress", "id"],
  regionSources: ["id"],
  addresses(props): AddressCandidate[] {
    const ip = optionalString(props, "ipAddress");
    return ip === undefined ? [] : [{ value: ip, path: "ipAddress" }];
  },
  region: regionFromId,
};

/** Pure: what `fromOci` accepts. */
export const ociRules: CloudRules = {
  adapter: "fromOci",
  vendor: "oci",
  accepts:
    "@pulumi/oci core.Instance or core.PublicIp resources, or objects shaped like them" +
    " ({ publicIp, region?, id? } or { ipAddress, id })",
  byToken: (token) =>
    token === "oci:Core/instance:Instance" ? ociInstanceRules : token === "oci:Core/publicIp:PublicIp" ? ociPublicIpRules : undefined,
  byShape: (has) => (has("publicIp") ? ociInstanceRules : has("ipAddress") ? ociPublicIpRules : undefined),
};
