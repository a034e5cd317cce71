// Shared by the lifecycle specs (test/host/lifecycle-*.spec.ts): declared mappings over all four
// vendors, the provider text they store, the emulator's full region list, and the suite frame.
import assert from "node:assert/strict";
import { SYNTHETIC_SUPPORTED_REGIONS } from "../../emulator";
import type { Emulator } from "../../emulator";
import type { MappingsOutputs, OriginCloudRegionMappingsProvider } from "../../provider";
import type { Vendor } from "../../provider/core/types";
import { TEST_TOKEN, configuredProvider, startTestEmulator, zoneId } from "../support/emulator";

export interface Decl {
  ip: string;
  vendor: Vendor;
  region: string;
}

const REGIONS: Array<[Vendor, string]> = [
  ["aws", "us-east-1"],
  ["gcp", "us-central1"],
  ["azure", "westeurope"],
  ["oci", "us-ashburn-1"],
];

/** `n` declared mappings spread over all four vendors, IPv4 and IPv6. */
export function declared(n: number, offset = 0): Decl[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const [vendor, region] = REGIONS[i % REGIONS.length] as [Vendor, string];
    const ip = i % 5 === 4 ? `2001:db8::${(i + 1).toString(16)}` : `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    return { ip, vendor, region };
  });
}

export const PROVIDER_CODE = "serialized-provider-text";

/** The emulator's whole synthetic region list, by vendor (what it serves until a test replaces it). */
export const ALL_REGIONS: Record<string, string[]> = Object.fromEntries(
  Object.entries(SYNTHETIC_SUPPORTED_REGIONS).map(([vendor, regions]) => [vendor, Object.keys(regions)]),
);

/** What a lifecycle spec's suite shares: one emulator, one provider configured for the family. */
export interface ProviderSuite {
  emulator: Emulator;
  provider: OriginCloudRegionMappingsProvider;
  /** A zone no other test of the suite uses. */
  nextZone(): string;
  /** check + create, as the engine does, returning the checked inputs too. */
  create(
    zone: string,
    mappings: Decl[],
    extra?: Record<string, unknown>,
  ): Promise<{ inputs: Record<string, unknown>; result: CreateResult; outs: MappingsOutputs }>;
}

type CreateResult = Awaited<ReturnType<OriginCloudRegionMappingsProvider["create"]>>;

/**
 * Installs the suite's hooks (call it inside `describe`): the emulator starts before the suite and
 * stops after it; each test starts with no recorded requests, no faults and every region accepted.
 */
export function providerSuite(family: "v1" | "v2"): ProviderSuite {
  let zoneCounter = 100;
  const suite = {
    nextZone: () => zoneId(++zoneCounter),
    async create(zone: string, mappings: Decl[], extra: Record<string, unknown> = {}) {
      const checked = await suite.provider.check({}, { zoneId: zone, mappings, ...extra });
      assert.deepEqual(checked.failures, []);
      const inputs = { ...checked.inputs, __provider: PROVIDER_CODE };
      suite.emulator.clearRequests();
      const result = await suite.provider.create(inputs);
      return { inputs, result, outs: result.outs as MappingsOutputs };
    },
  } as ProviderSuite;
  before(async () => {
    suite.emulator = await startTestEmulator();
    suite.provider = await configuredProvider(suite.emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": family });
  });
  after(async () => {
    await suite.emulator.close();
  });
  beforeEach(() => {
    suite.emulator.clearRequests();
    suite.emulator.faults.clear();
    suite.emulator.rejectRegions([]);
  });
  return suite;
}
