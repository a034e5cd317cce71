import type { AddressCandidate } from "./addresses";
import { AdapterInputError } from "./errors";
import type { ResolvedProperties } from "./properties";
import { optionalString, optionalStringList } from "./properties";
import type { CloudRules, RegionResult, ResourceRules } from "./resource-rules";

/** An AWS region id: `us-east-1`, `us-gov-west-1`, `ap-southeast-7`, `eusc-de-east-1`. */
const REGION = /^[a-z]{2,}(?:-[a-z]+)+-\d+$/;
const REGION_PART = "([a-z]{2,}(?:-[a-z]+)+-\\d+)";
const STANDARD_ZONE = new RegExp(`^${REGION_PART}[a-z]$`); // us-east-1a
const LOCAL_ZONE = new RegExp(`^${REGION_PART}-[a-z]+-\\d+[a-z]$`); // us-west-2-lax-1a
const WAVELENGTH_ZONE = new RegExp(`^${REGION_PART}-wl\\d+-[a-z]+-wlz-\\d+$`); // us-east-1-wl1-bos-wlz-1

/** An availability zone name read by pattern: its region and whether it is a Local or Wavelength Zone. */
export interface AvailabilityZone {
  region: string;
  kind: "standard" | "Local Zone" | "Wavelength Zone";
}

/**
 * Pure: the region of an availability zone name, by pattern. Never by dropping the last character:
 * that is right for `us-east-1a` only, and turns the Local Zone `us-west-2-lax-1a` into
 * `us-west-2-lax-1` and the Wavelength Zone `us-east-1-wl1-bos-wlz-1` into nonsense. Undefined for
 * anything else (an AZ id such as `use1-az1`, an empty string).
 */
export function parseAvailabilityZone(zone: string): AvailabilityZone | undefined {
  const wavelength = WAVELENGTH_ZONE.exec(zone);
  if (wavelength?.[1]) return { region: wavelength[1], kind: "Wavelength Zone" };
  const local = LOCAL_ZONE.exec(zone);
  if (local?.[1]) return { region: local[1], kind: "Local Zone" };
  const standard = STANDARD_ZONE.exec(zone);
  if (standard?.[1]) return { region: standard[1], kind: "standard" };
  return undefined;
}

/** Pure: the region field (the 4th `:`-separated one) of an ARN, e.g. `arn:aws:ec2:us-east-1:123456789012:instance/i-0abc`. */
export function regionFromArn(arn: string): string {
  const fields = arn.split(":");
  const region = fields[3] ?? "";
  if (fields[0] !== "arn" || fields.length < 6 || !REGION.test(region)) {
    throw new AdapterInputError(
      `arn ${JSON.stringify(arn)} has no region field (expected arn:<partition>:<service>:<region>:<account>:<resource>)`,
    );
  }
  return region;
}

function checkedRegion(region: string): string {
  if (!REGION.test(region)) throw new AdapterInputError(`region ${JSON.stringify(region)} is not an AWS region id (like us-east-1)`);
  return region;
}

/**
 * Pure: the region from `region` (provider v7), else from `arn`, else from `availabilityZone`. The
 * first source that is set decides; a source that is set but unreadable is an error, not skipped.
 */
function derivedRegion(props: ResolvedProperties, zone: AvailabilityZone | undefined, zoneText: string | undefined): string {
  const region = optionalString(props, "region");
  if (region !== undefined) return checkedRegion(region);
  const arn = optionalString(props, "arn");
  if (arn !== undefined) return regionFromArn(arn);
  if (zone) return zone.region;
  throw new AdapterInputError(
    zoneText === undefined
      ? "region, arn and availabilityZone are all empty; pass { region } to fromAws"
      : `availabilityZone ${JSON.stringify(zoneText)} is not an availability zone name (like us-east-1a,` +
          " us-west-2-lax-1a or us-east-1-wl1-bos-wlz-1) and region and arn are empty; pass { region } to fromAws",
  );
}

/** Pure: rules for @pulumi/aws `ec2.Instance`. */
export const awsInstanceRules: ResourceRules = {
  kind: "ec2.Instance",
  properties: ["publicIp", "ipv6Addresses", "region", "arn", "availabilityZone"],
  regionSources: ["region", "arn", "availabilityZone"],
  addresses(props): AddressCandidate[] {
    const v4 = optionalString(props, "publicIp");
    return [...(v4 === undefined ? [] : [{ value: v4, path: "publicIp" }]), ...optionalStringList(props, "ipv6Addresses")];
  },
  region(props): RegionResult {
    const zoneText = optionalString(props, "availabilityZone");
    const zone = zoneText === undefined ? undefined : parseAvailabilityZone(zoneText);
    const region = derivedRegion(props, zone, zoneText);
    const warnings =
      zone && zone.kind !== "standard"
        ? [
            `availabilityZone ${zoneText} is an AWS ${zone.kind} of ${zone.region}; Cloudflare knows regions only,` +
              ` so it will steer this origin's traffic toward the parent region ${zone.region}`,
          ]
        : [];
    return { region, warnings };
  },
};

/** Pure: rules for @pulumi/aws `ec2.Eip`. */
export const awsEipRules: ResourceRules = {
  kind: "ec2.Eip",
  properties: ["publicIp", "region", "arn", "networkBorderGroup"],
  regionSources: ["region", "arn"],
  addresses(props): AddressCandidate[] {
    const ip = optionalString(props, "publicIp");
    return ip === undefined ? [] : [{ value: ip, path: "publicIp" }];
  },
  region(props): RegionResult {
    const region = derivedRegion(props, undefined, undefined);
    const group = optionalString(props, "networkBorderGroup");
    const warnings =
      group !== undefined && group !== region
        ? [
            `networkBorderGroup ${group} differs from region ${region} (the address is announced from a Local or` +
              ` Wavelength Zone); Cloudflare knows regions only, so it will steer this origin's traffic toward ${region}`,
          ]
        : [];
    return { region, warnings };
  },
};

/** Pure: what `fromAws` accepts. */
export const awsRules: CloudRules = {
  adapter: "fromAws",
  vendor: "aws",
  accepts:
    "@pulumi/aws ec2.Instance or ec2.Eip resources, or objects shaped like them" +
    " ({ publicIp, ipv6Addresses?, region?, arn?, availabilityZone?, networkBorderGroup? })",
  byToken: (token) => (token === "aws:ec2/instance:Instance" ? awsInstanceRules : token === "aws:ec2/eip:Eip" ? awsEipRules : undefined),
  byShape: (has) => (has("networkBorderGroup") ? awsEipRules : has("publicIp") || has("ipv6Addresses") ? awsInstanceRules : undefined),
};
