// The simulated fleets (simulated-origins.ts) dressed as each cloud's VM resources: plain objects
// with the output properties that @pulumi/aws, @pulumi/gcp, @pulumi/azure-native and @pulumi/oci
// resources have, so the adapters (fromAws, fromGcp, fromAzure, fromOci) read them exactly as they
// would read real servers. Real resources cannot be created here; nothing else differs.
//
// They also vary the way each cloud reports a region, to show what the adapters derive:
//   aws    `region` (provider v7), or only the ARN (v6), or only the availability zone; one server
//          in the Los Angeles Local Zone (mapped to us-west-2, with a warning); one private worker
//          without a public address (it contributes nothing); IPv6 in `ipv6Addresses`
//   gcp    zone names, one of them an AI zone (`us-central1-ai1`); IPv6 in `ipv6AccessConfigs`
//   azure  azure-native public IPs, their location as an id (`eastus`) or a display name (`East US`)
//   oci    instances whose region is the API's short form for the oldest regions (`iad`, `phx`), and
//          reserved public IPs whose region is read from their OCID
import type * as pulumi from "@pulumi/pulumi";
import type {
  AwsInstanceLike,
  AzurePublicIpLike,
  GcpInstanceLike,
  OciInstanceLike,
  OciPublicIpLike,
} from "pulumi-cloudflare-origin-cloud-regions";

/** One address per server, known once the fleet exists (like a VM's `publicIp`). */
type FleetIps = pulumi.Output<string[]>;

const addressOf = (ips: FleetIps, j: number) => ips.apply((all) => all[j] ?? "");
const isIpv6 = (ip: string) => ip.includes(":");
const pick = (regions: readonly string[], j: number) => regions[j % regions.length] ?? "";
const hex = (j: number, width: number) => j.toString(16).padStart(width, "0");

/** `count` EC2 instances (ec2.Instance's outputs) spread over `regions`. */
export function simulatedEc2Instances(ips: FleetIps, count: number, regions: readonly string[]): AwsInstanceLike[] {
  return Array.from({ length: count }, (_, j) => {
    const region = pick(regions, j);
    const address = addressOf(ips, j);
    const privateWorker = j === 0;
    const publicIp = address.apply((ip) => (privateWorker || isIpv6(ip) ? "" : ip));
    const ipv6Addresses = address.apply((ip) => (!privateWorker && isIpv6(ip) ? [ip] : []));
    const inLocalZone = region === "us-west-2" && j < regions.length;
    const availabilityZone = inLocalZone ? "us-west-2-lax-1a" : `${region}${"abc"[j % 3]}`;
    if (j % 3 === 0) return { publicIp, ipv6Addresses, region, availabilityZone };
    if (j % 3 === 1)
      return { publicIp, ipv6Addresses, arn: `arn:aws:ec2:${region}:123456789012:instance/i-0${hex(j, 16)}`, availabilityZone };
    return { publicIp, ipv6Addresses, availabilityZone };
  });
}

/** `count` Compute Engine instances (compute.Instance's outputs) spread over `regions`. */
export function simulatedGceInstances(ips: FleetIps, count: number, regions: readonly string[]): GcpInstanceLike[] {
  return Array.from({ length: count }, (_, j) => {
    const region = pick(regions, j);
    const zone = region === "us-central1" && j < regions.length ? "us-central1-ai1" : `${region}-${"abc"[j % 3]}`;
    const networkInterfaces = addressOf(ips, j).apply((ip) => [
      {
        networkIp: `10.128.${j >> 8}.${(j & 255) + 2}`,
        accessConfigs: isIpv6(ip) ? [] : [{ natIp: ip, networkTier: "PREMIUM" }],
        ipv6AccessConfigs: isIpv6(ip) ? [{ externalIpv6: ip, externalIpv6PrefixLength: "96" }] : [],
      },
    ]);
    return { networkInterfaces, zone };
  });
}

/** How the Azure portal spells the example's regions; the API's ids are the same, lower-cased without spaces. */
const AZURE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  eastus: "East US",
  eastus2: "East US 2",
  centralus: "Central US",
  westus2: "West US 2",
  westeurope: "West Europe",
  northeurope: "North Europe",
  uksouth: "UK South",
  japaneast: "Japan East",
  southeastasia: "Southeast Asia",
  australiaeast: "Australia East",
};

/** `count` azure-native public IPs (network.PublicIPAddress's outputs) spread over `regions`. */
export function simulatedAzurePublicIps(ips: FleetIps, count: number, regions: readonly string[]): AzurePublicIpLike[] {
  return Array.from({ length: count }, (_, j) => {
    const region = pick(regions, j);
    return { ipAddress: addressOf(ips, j), location: j % 2 === 0 ? region : (AZURE_DISPLAY_NAMES[region] ?? region) };
  });
}

/** The region keys OCI's API uses instead of the full names of its two oldest regions. */
const OCI_SHORT_FORMS: Readonly<Record<string, string>> = { "us-ashburn-1": "iad", "us-phoenix-1": "phx" };

/** `count` OCI servers spread over `regions`: instances (core.Instance), every fifth a reserved public IP (core.PublicIp). */
export function simulatedOciServers(ips: FleetIps, count: number, regions: readonly string[]): Array<OciInstanceLike | OciPublicIpLike> {
  return Array.from({ length: count }, (_, j) => {
    const region = pick(regions, j);
    const key = OCI_SHORT_FORMS[region] ?? region;
    const address = addressOf(ips, j);
    if (j % 5 === 4) return { ipAddress: address, id: `ocid1.publicip.oc1.${key}.amaaaaaa${hex(j, 8)}` };
    return { publicIp: address, region: key, id: `ocid1.instance.oc1.${key}.anuwclj${hex(j, 8)}` };
  });
}
