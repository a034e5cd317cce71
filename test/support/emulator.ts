import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorOptions } from "../../emulator";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import type { Mapping } from "../../provider/core/types";
import { collectReports } from "./reports";

/** A token that only tests use; assertions check it never leaks. */
export const TEST_TOKEN = "test-token-7c1e9b2f4d6a8e0c";

/** Zone ids for tests: 32 lowercase hex characters, distinct per `n`. */
export function zoneId(n: number): string {
  return n.toString(16).padStart(32, "0");
}

/** Mapping number `i`: an address of 198.18.0.0/15 (benchmarking range) on aws, in `region`. */
export function awsMapping(i: number, region = "us-east-1"): Mapping {
  return { ip: `198.18.${i >> 8}.${i & 255}`, vendor: "aws", region };
}

/** Mappings `from` (inclusive) to `to` (exclusive), as {@link awsMapping} numbers them. */
export function awsMappings(from: number, to: number, region?: string): Mapping[] {
  return Array.from({ length: to - from }, (_, k) => awsMapping(from + k, region));
}

/**
 * The emulator of a describe block: started before its tests and closed after them; each test
 * starts with no recorded requests and no rejected regions. Zones are numbered from `firstZone`.
 */
export function emulatorForSuite(firstZone: number): { readonly emulator: Emulator; nextZone(): string } {
  let running: Emulator | undefined;
  let counter = firstZone;
  before(async () => {
    running = await startTestEmulator();
  });
  after(async () => {
    await running?.close();
  });
  beforeEach(() => {
    running?.clearRequests();
    running?.rejectRegions([]);
  });
  return {
    get emulator(): Emulator {
      if (running === undefined) throw new Error("the suite's emulator runs only inside its tests");
      return running;
    },
    nextZone: () => zoneId(++counter),
  };
}

/** Starts an emulator on a free loopback port with the test token. Close it in `after`. */
export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, apiToken: TEST_TOKEN, ...options });
}

/** The config object the dynamic provider host passes to `configure`: namespaced keys. */
export function fakeConfig(values: Record<string, string>): { get(key: string): string | undefined; require(key: string): string } {
  return {
    get: (key) => values[key],
    require: (key) => {
      const value = values[key];
      if (value === undefined) throw new Error(`missing required configuration key ${key}`);
      return value;
    },
  };
}

/** A provider configured as the host would, pointing at the emulator; what it reports is collected (see reports.ts). */
export async function configuredProvider(
  emulator: Emulator,
  token = TEST_TOKEN,
  extra: Record<string, string> = {},
): Promise<OriginCloudRegionMappingsProvider> {
  const provider = new OriginCloudRegionMappingsProvider();
  collectReports(provider);
  await provider.configure({ config: fakeConfig({ "cloudflare:apiToken": token, "cloudflare:baseUrl": emulator.url, ...extra }) });
  return provider;
}

/** The batch requests an emulator received, by verb. */
export function batchRequests(emulator: Emulator, method: "PATCH" | "PUT" | "DELETE"): number {
  return emulator.requests.filter((r) => r.method === method && r.path.endsWith("/batch")).length;
}
