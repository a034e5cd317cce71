/**
 * The mappings every benchmark declares: N distinct IPv4 addresses in 198.18.0.0/15 (the range RFC
 * 2544 sets aside for benchmarks), over the four vendors, with regions the emulator supports. Shared
 * by `npm run bench` and the engine benchmark's fixture program, so both measure the same input.
 */
import type { Vendor } from "../provider/core/types";

export interface BenchMapping {
  ip: string;
  vendor: Vendor;
  region: string;
}

const VENDOR_REGIONS: ReadonlyArray<readonly [Vendor, string]> = [
  ["aws", "us-east-1"],
  ["gcp", "us-central1"],
  ["azure", "westeurope"],
  ["oci", "us-ashburn-1"],
];

/** The one-IP change of every benchmark: the first mapping (aws) moves to this region. */
export const CHANGED_REGION = "us-west-2";

/** `n` mappings (n <= 131,072); with `changed`, the first one's region is {@link CHANGED_REGION}. */
export function benchMappings(n: number, changed = false): BenchMapping[] {
  if (!Number.isInteger(n) || n < 0 || n > 2 * 65536) throw new RangeError(`mapping count must be an integer from 0 to 131072, got ${n}`);
  return Array.from({ length: n }, (_, i) => {
    const [vendor, region] = VENDOR_REGIONS[i % VENDOR_REGIONS.length] as readonly [Vendor, string];
    return { ip: `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, vendor, region: changed && i === 0 ? CHANGED_REGION : region };
  });
}
