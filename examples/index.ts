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
// The servers' IPs come from another resource (`SimulatedOriginServers`, standing in for real VMs),
// so they are unknown until it is created: `pulumi preview` of a new stack shows the mappings as
// "computed" and the region of every server is still validated against the API.
//
// What each lifecycle step sends to the Cloudflare API (v1, /zones/{zoneId}/cache/origin_cloud_regions):
//   preview (check)   GET  .../supported_regions               once per zone, validates vendor/region pairs
//   preview (diff)    nothing                                   compares canonical IPs with the stack state
//   up, first run     GET  ...                                  refuses IPs that already have a mapping
//                               (unless adopt: true), then
//                     PATCH .../batch                           one request per 100 mappings
//   up, changes       DELETE .../batch  per 100 removed IPs, then PATCH .../batch per 100 new or changed
//   up, no changes    nothing (besides the preview's supported_regions GET)
//   refresh           GET  ...                                  reports mappings changed or deleted outside Pulumi
//   destroy           DELETE .../batch                          one request per 100 IPs this stack owns
//   (zoneId change)   destroy in the old zone, then create in the new one (delete-before-replace)
//
// Stack config (project namespace): zoneId (required), serverCount (default 240).
// Provider config: cloudflare:apiToken (secret) or CLOUDFLARE_API_TOKEN; cloudflare:baseUrl or
// CLOUDFLARE_BASE_URL (defaults to https://api.cloudflare.com/client/v4).
import * as pulumi from "@pulumi/pulumi";
import { OriginCloudRegionMappings } from "pulumi-cloudflare-origin-cloud-regions";
import type { Vendor } from "pulumi-cloudflare-origin-cloud-regions";
import { SimulatedOriginServers } from "./simulated-origins";

// Region ids per vendor. The API checks them against the zone's supported_regions.
const REGIONS: Record<Vendor, readonly string[]> = {
  aws: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-central-1", "ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "sa-east-1"],
  gcp: ["us-central1", "us-east1", "us-east4", "us-west1", "europe-west1", "europe-west3", "europe-west4", "asia-northeast1", "asia-southeast1", "australia-southeast1"],
  azure: ["eastus", "eastus2", "centralus", "westus2", "westeurope", "northeurope", "uksouth", "japaneast", "southeastasia", "australiaeast"],
  oci: ["us-ashburn-1", "us-phoenix-1", "us-sanjose-1", "eu-frankfurt-1", "uk-london-1", "ap-tokyo-1", "ap-singapore-1", "ap-sydney-1", "sa-saopaulo-1"],
};
const VENDOR_ORDER: readonly Vendor[] = ["aws", "gcp", "azure", "oci"];

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const serverCount = config.getNumber("serverCount") ?? 240;

/** Server i runs at vendor i mod 4, in that vendor's regions round-robin. */
function placement(i: number): { vendor: Vendor; region: string } {
  const vendor = VENDOR_ORDER[i % VENDOR_ORDER.length] ?? "aws";
  const regions = REGIONS[vendor];
  const region = regions[Math.floor(i / VENDOR_ORDER.length) % regions.length] ?? regions[0] ?? "";
  return { vendor, region };
}

// The fleet: each server's public IP is an output, known only after the servers exist.
const servers = new SimulatedOriginServers("origin-servers", { count: serverCount });

const origins = new OriginCloudRegionMappings("origins", {
  zoneId,
  mappings: Array.from({ length: serverCount }, (_, i) => ({
    ip: servers.ips.apply((ips) => ips[i] ?? ""),
    ...placement(i),
  })),
});

export const zone = origins.zoneId;
export const mappedIps = origins.mappings.apply((m) => Object.keys(m).length);
export const mappingsPerVendor = origins.mappings.apply((m) => {
  const counts: Record<string, number> = {};
  for (const { vendor } of Object.values(m)) counts[vendor] = (counts[vendor] ?? 0) + 1;
  return counts;
});
export const modifiedOn = origins.modifiedOn;
