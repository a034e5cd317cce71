// Everything one emulator instance knows besides HTTP plumbing: the mapping store, the region
// catalogue and the behaviour switches. One object per instance, so several emulators can run in the
// same process without sharing anything.

import { checkVendorRegion, catalogueFromNames, syntheticCatalogue, type RegionInfo } from "./regions";
import { ZoneStore, type RegionCheck } from "./store";

export type FamilySwitch = "enabled" | "no-route";
/** v1: `/cache/origin_cloud_regions` (deprecated); v2: `/origin/cloud_regions` (reference §1). */
export type ApiFamily = "v1" | "v2";

export const API_FAMILIES: readonly ApiFamily[] = ["v1", "v2"];
const FAMILY_SWITCHES: readonly string[] = ["enabled", "no-route"];

export const ZONE_ID = /^[0-9a-f]{32}$/;
export const DEFAULT_REJECTION_MESSAGE = "region not supported by the region validation backend";

/** Throws on a value a JavaScript caller (or the CLI) could pass around the types. */
export function checkFamily(family: unknown, value: unknown): asserts family is ApiFamily {
  if (!API_FAMILIES.includes(family as ApiFamily))
    throw new RangeError(`unknown API family ${JSON.stringify(family)}; expected "v1" or "v2"`);
  if (!FAMILY_SWITCHES.includes(value as string))
    throw new RangeError(`family switch must be "enabled" or "no-route", got ${JSON.stringify(value)}`);
}

/** Per-request latency in ms; setTimeout silently turns anything above 2^31-1 into 1 ms, so cap there. */
export function checkLatency(ms: unknown): number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > 2 ** 31 - 1) {
    throw new RangeError(`latencyMs must be a number from 0 to ${2 ** 31 - 1}, got ${String(ms)}`);
  }
  return ms;
}

function pairKey(vendor: string, region: string): string {
  return `${vendor}\u0000${region}`;
}

export class EmulatorState {
  readonly store: ZoneStore;
  catalogue: Map<string, RegionInfo[]> = syntheticCatalogue();
  tieredCache = true;
  obtainedCodes = true;
  /** Both families share the one store; a family set to "no-route" answers like an unknown route. */
  families: Record<ApiFamily, FamilySwitch> = { v1: "enabled", v2: "enabled" };
  /** Every request waits this long (after its body is read) before it is answered. */
  latencyMs = 0;
  private rejected = new Map<string, string>();

  constructor(
    clock: () => Date,
    private readonly zones: ReadonlySet<string> | null,
  ) {
    this.store = new ZoneStore(clock);
  }

  /** A malformed id and an id outside the configured set get the same "no route" answer. */
  zoneExists(zoneId: string): boolean {
    return ZONE_ID.test(zoneId) && (this.zones === null || this.zones.has(zoneId));
  }

  /**
   * The published list is checked first; the rejection table then models the validation backend
   * disagreeing with that list, which clients must survive by reading `failed`.
   */
  readonly regionCheck: RegionCheck = (vendor, region) =>
    checkVendorRegion(this.catalogue, vendor, region) ?? this.rejected.get(pairKey(vendor, region)) ?? null;

  setSupportedRegions(vendors: Readonly<Record<string, readonly string[]>>): void {
    this.catalogue = catalogueFromNames(vendors);
  }

  /** Replaces the rejection table; an empty array clears it. */
  rejectRegions(pairs: ReadonlyArray<{ vendor: string; region: string; message?: string }>): void {
    this.rejected = new Map(pairs.map((p) => [pairKey(p.vendor, p.region), p.message ?? DEFAULT_REJECTION_MESSAGE]));
  }
}
