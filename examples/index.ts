// Example: map the public IPs of a fleet of origin servers, spread over AWS, GCP, Azure and OCI,
// to their cloud regions, so Cloudflare's Tiered Cache picks upper-tier colos near each origin.
//
// Run it with `npm run example` (local API emulator; see scripts/example.sh), or against the real API
// with CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID set. The program is a plain Pulumi program that
// imports the package by its own name, so it can be copied into a project that has installed the
// package (with simulated-origins.ts, or with real VM resources in its place). In this repository the
// name resolves to the build in dist/ (package self-reference), so `npm run build` must run first;
// `npm run example` does that.
//
// The servers stand in for real VMs: one fleet per cloud (`SimulatedOriginServers`), dressed as that
// cloud's resources (simulated-cloud-servers.ts), and mapped by the adapters fromAws, fromGcp,
// fromAzure and fromOci, which read each server's public IPv4 and IPv6 addresses and derive its
// region. The IPs are unknown until the fleets are created, so `pulumi preview` of a new stack shows
// each adapter's list as one pending entry; `pulumi up` checks every mapping once it is known.
//
// What each lifecycle step sends to the Cloudflare API, on the zone's endpoint family (v2,
// /zones/{zoneId}/origin/cloud_regions, batch PUT; or v1, /zones/{zoneId}/cache/origin_cloud_regions,
// batch PATCH, when the account answers "no route" on v2):
//   preview (check)   GET  .../supported_regions               once per zone, validates vendor/region pairs
//   preview (diff)    nothing, unless IPs are added: those are looked up (a count and single reads, or
//                               the list) so that the summary marks the ones the zone already maps
//                               (the same look-up runs for a new stack's check)
//   up, first run     GET  the list                             takes over mappings already as declared; refuses
//                               IPs mapped elsewhere (unless adopt: true) and a zone without room, then
//                     batch upsert                              one request per 100 mappings, 4 in flight
//   up, changes       DELETE .../batch per 100 removed IPs, then one batch upsert per 100 new or changed
//                     (new IPs are looked up first: someone else may map them)
//   up, no changes    nothing (besides the preview's supported_regions GET)
//   refresh           GET  the list                             reports mappings changed or deleted outside Pulumi
//   destroy           DELETE .../batch                          one request per 100 IPs this stack owns
//   (zoneId change)   destroy in the old zone, then create in the new one (delete-before-replace)
//
// Stack config (project namespace): zoneId (required), serverCount (default 240, at most 480: a
// quarter per cloud).
// Provider config: cloudflare:apiToken (secret) or CLOUDFLARE_API_TOKEN; cloudflare:baseUrl or
// CLOUDFLARE_BASE_URL (defaults to https://api.cloudflare.com/client/v4); originCloudRegions:apiFamily
// (auto, v1 or v2), originCloudRegions:concurrency and originCloudRegions:retryBudgetSeconds.
import * as pulumi from "@pulumi/pulumi";
import { OriginCloudRegionMappings, fromAws, fromAzure, fromGcp, fromOci } from "pulumi-cloudflare-origin-cloud-regions";
import type { Vendor } from "pulumi-cloudflare-origin-cloud-regions";
import { simulatedAzurePublicIps, simulatedEc2Instances, simulatedGceInstances, simulatedOciServers } from "./simulated-cloud-servers";
import { SimulatedOriginServers } from "./simulated-origins";

// Where each cloud's servers run, round-robin. The API checks every region against the zone's
// supported_regions (the emulator's list is synthetic).
const REGIONS: Record<Vendor, readonly string[]> = {
  aws: [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-central-1",
    "ap-northeast-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "sa-east-1",
  ],
  gcp: [
    "us-central1",
    "us-east1",
    "us-east4",
    "us-west1",
    "europe-west1",
    "europe-west3",
    "europe-west4",
    "asia-northeast1",
    "asia-southeast1",
    "australia-southeast1",
  ],
  azure: [
    "eastus",
    "eastus2",
    "centralus",
    "westus2",
    "westeurope",
    "northeurope",
    "uksouth",
    "japaneast",
    "southeastasia",
    "australiaeast",
  ],
  oci: [
    "us-ashburn-1",
    "us-phoenix-1",
    "us-sanjose-1",
    "eu-frankfurt-1",
    "uk-london-1",
    "ap-tokyo-1",
    "ap-singapore-1",
    "ap-sydney-1",
    "sa-saopaulo-1",
  ],
};
const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const serverCount = config.getNumber("serverCount") ?? 240;
if (!Number.isInteger(serverCount) || serverCount < 4 || serverCount > 480) {
  throw new Error(`serverCount must be an integer from 4 to 480, got ${serverCount}`);
}
const perCloud = Math.floor(serverCount / 4);

// One fleet per cloud; each server's public IP is an output, known only after the fleet exists.
// Distinct seeds keep the fleets' addresses apart; OCI instances get IPv4 only (their IPv6
// addresses would live on separate core.Ipv6 resources, which fromOci does not read).
const fleet = (name: string, seed: number, ipv6 = true) => new SimulatedOriginServers(name, { count: perCloud, seed, ipv6 }).ips;

const origins = new OriginCloudRegionMappings("origins", {
  zoneId,
  mappings: [
    fromAws(simulatedEc2Instances(fleet("aws-servers", 0), perCloud, REGIONS.aws)),
    fromGcp(simulatedGceInstances(fleet("gcp-servers", 1), perCloud, REGIONS.gcp)),
    fromAzure(simulatedAzurePublicIps(fleet("azure-servers", 2), perCloud, REGIONS.azure)),
    fromOci(simulatedOciServers(fleet("oci-servers", 3, false), perCloud, REGIONS.oci)),
  ],
});

export const zone = origins.zoneId;
export const mappedIps = origins.mappings.apply((m) => Object.keys(m).length);
export const mappingsPerVendor = origins.mappings.apply((m) => {
  const counts: Record<string, number> = {};
  for (const { vendor } of Object.values(m)) counts[vendor] = (counts[vendor] ?? 0) + 1;
  return counts;
});
export const modifiedOn = origins.modifiedOn;
