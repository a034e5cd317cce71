import type { AddressCandidate } from "./addresses";
import { AdapterInputError } from "./errors";
import { optionalString, optionalStringList } from "./properties";
import type { CloudRules, RegionResult, ResourceRules } from "./resource-rules";

/**
 * Pure: the region id of an Azure location: lower-cased with spaces removed, since the API and the
 * portal spell one region both ways (`East US 2` and `eastus2`).
 */
export function azureRegionFromLocation(location: string): string {
  const region = location.toLowerCase().replace(/\s+/g, "");
  if (!/^[a-z][a-z0-9]*$/.test(region)) {
    throw new AdapterInputError(`location ${JSON.stringify(location)} is not an Azure region (like eastus or "East US")`);
  }
  return region;
}

function regionFromLocation(props: Readonly<Record<string, unknown>>): RegionResult {
  const location = optionalString(props, "location");
  if (location === undefined) throw new AdapterInputError("location is empty; pass { region } to fromAzure");
  return { region: azureRegionFromLocation(location), warnings: [] };
}

/** Pure: rules for public IP resources: azure-native `network.PublicIPAddress`, classic `network.PublicIp`. */
export const azurePublicIpRules: ResourceRules = {
  kind: "network.PublicIPAddress",
  properties: ["ipAddress", "location"],
  regionSources: ["location"],
  addresses(props): AddressCandidate[] {
    const ip = optionalString(props, "ipAddress");
    return ip === undefined ? [] : [{ value: ip, path: "ipAddress" }];
  },
  region: regionFromLocation,
};

/** Pure: rules for classic `compute.LinuxVirtualMachine` and `compute.WindowsVirtualMachine`. */
export const azureVirtualMachineRules: ResourceRules = {
  kind: "compute.LinuxVirtualMachine",
  properties: ["publicIpAddress", "publicIpAddresses", "location"],
  regionSources: ["location"],
  addresses(props): AddressCandidate[] {
    // publicIpAddress is the primary one of publicIpAddresses; both are read in case only one is set.
    const primary = optionalString(props, "publicIpAddress");
    return [
      ...(primary === undefined ? [] : [{ value: primary, path: "publicIpAddress" }]),
      ...optionalStringList(props, "publicIpAddresses"),
    ];
  },
  region: regionFromLocation,
};

const PUBLIC_IP_TOKENS: ReadonlySet<string> = new Set(["azure-native:network:PublicIPAddress", "azure:network/publicIp:PublicIp"]);
const VIRTUAL_MACHINE_TOKENS: ReadonlySet<string> = new Set([
  "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
  "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
]);
/** azure-native also publishes each API version as its own module: `azure-native:network/v20240301:PublicIPAddress`. */
const VERSIONED_PUBLIC_IP = /^azure-native:network\/v[0-9a-z]+:PublicIPAddress$/;

/** Pure: what `fromAzure` accepts. */
export const azureRules: CloudRules = {
  adapter: "fromAzure",
  vendor: "azure",
  accepts:
    "@pulumi/azure-native network.PublicIPAddress, @pulumi/azure network.PublicIp, compute.LinuxVirtualMachine or" +
    " compute.WindowsVirtualMachine resources, or objects shaped like them ({ ipAddress, location } or" +
    " { publicIpAddresses, publicIpAddress?, location })",
  byToken: (token) =>
    PUBLIC_IP_TOKENS.has(token) || VERSIONED_PUBLIC_IP.test(token)
      ? azurePublicIpRules
      : VIRTUAL_MACHINE_TOKENS.has(token)
        ? azureVirtualMachineRules
        : undefined,
  byShape: (has) =>
    has("publicIpAddresses") || has("publicIpAddress") ? azureVirtualMachineRules : has("ipAddress") ? azurePublicIpRules : undefined,
};
