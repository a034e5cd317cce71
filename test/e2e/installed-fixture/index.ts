// A user's program: it imports the installed package by name, and uses its own zod 3 for its config.
// Stack config (project namespace): zoneId, and mappings as a JSON list of { ip, vendor, region }.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OriginCloudRegionMappings, VENDORS, isVendor } from "pulumi-cloudflare-origin-cloud-regions";
import type { OriginCloudRegionMappingArgs } from "pulumi-cloudflare-origin-cloud-regions";

const config = new pulumi.Config();

// zod 3, the program's own major; the package validates its inputs with its own zod 4.
const declared = z.array(z.object({ ip: z.string(), vendor: z.string(), region: z.string() })).parse(config.requireObject("mappings"));

// A vendor from config is a plain string; isVendor narrows it to Vendor without a cast.
const mappings: OriginCloudRegionMappingArgs[] = declared.map(({ ip, vendor, region }, i) => {
  if (!isVendor(vendor)) {
    throw new Error(`mappings[${i}].vendor must be one of ${VENDORS.join(", ")}, got ${JSON.stringify(vendor)}`);
  }
  return { ip, vendor, region };
});

const origins = new OriginCloudRegionMappings("origins", { zoneId: config.require("zoneId"), mappings });

export const mapped = origins.mappings;
// The copies of zod and undici this program itself loads.
export const programZod: string = require("zod/package.json").version;
export const programUndici: string = require("undici/package.json").version;
