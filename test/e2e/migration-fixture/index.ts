// Fixture program of the migration e2e. Stack config (project namespace):
//   zoneId     the zone
//   mappings   JSON list of { ip, vendor, region }
//   phase      which version of the program runs:
//     per-ip           one OriginCloudRegion (stand-in for @pulumi/cloudflare's) per IP
//     per-ip-retained  the same with `retainOnDelete: true` (step 1 of the retainOnDelete path)
//     batch            one OriginCloudRegionMappings with `adopt: true`, the per-IP resources removed
//     batch-settled    the same without `adopt` (it only acts at creation)
import * as pulumi from "@pulumi/pulumi";
import { OriginCloudRegionMappings, isVendor } from "pulumi-cloudflare-origin-cloud-regions";
import { OriginCloudRegion } from "./origin-cloud-region";

interface MappingSpec {
  ip: string;
  vendor: string;
  region: string;
}

const config = new pulumi.Config();
const zoneId = config.require("zoneId");
const specs = config.requireObject<MappingSpec[]>("mappings");
const phase = config.require("phase");

if (phase === "per-ip" || phase === "per-ip-retained") {
  specs.forEach((m, i) => {
    new OriginCloudRegion(
      `origin-${i}`,
      { zoneId, originIp: m.ip, vendor: m.vendor, region: m.region },
      { retainOnDelete: phase === "per-ip-retained" },
    );
  });
} else if (phase === "batch" || phase === "batch-settled") {
  new OriginCloudRegionMappings("origins", {
    zoneId,
    mappings: specs.map(({ ip, vendor, region }) => {
      if (!isVendor(vendor)) throw new Error(`unknown vendor ${JSON.stringify(vendor)}`);
      return { ip, vendor, region };
    }),
    adopt: phase === "batch",
  });
} else {
  throw new Error(`phase must be per-ip, per-ip-retained, batch or batch-settled, got ${JSON.stringify(phase)}`);
}
