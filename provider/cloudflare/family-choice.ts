import { CloudflareError, hasErrorCode, statusOf } from "./errors";
import type { FamilyName, FamilySetting } from "../core/types";
import type { ApiFamily } from "./wire";

export type { FamilySetting } from "../core/types";

/** The allowed values of the family setting, in the order they are documented. */
export const FAMILY_SETTINGS: readonly FamilySetting[] = ["auto", "v1", "v2"];

/** Where each family lives, for messages. */
export const FAMILY_PATHS: Readonly<Record<FamilyName, string>> = {
  v1: "/zones/{zone_id}/cache/origin_cloud_regions",
  v2: "/zones/{zone_id}/origin/cloud_regions",
};

/** True for Cloudflare's "no route for that URI" answer (7000/7003, or a 404 without an envelope). */
export function isNoRoute(error: unknown): boolean {
  return hasErrorCode(error, "CF_FEATURE_UNAVAILABLE");
}

/**
 * Decides, per zone and per process, which endpoint family to call, and runs operations on it.
 *
 * In `auto` the first operation on a zone goes to v2. An answer of "no route" there means the family
 * does not exist for this account, and nothing was applied, so the same operation is redone on v1 and
 * v1 is used for that zone from then on. Any other answer from v2 (success, or an error that carries
 * an HTTP status) proves the route exists and settles v2. A transport failure settles nothing.
 * Operations that are not safe to send twice must be preceded by a read while undecided
 * ({@link FamilyChooser.decided}); the client does that.
 */
export class FamilyChooser {
  private readonly chosen = new Map<string, ApiFamily>();
  private readonly deciding = new Map<string, Promise<unknown>>();

  constructor(
    private readonly setting: FamilySetting,
    private readonly families: Readonly<Record<FamilyName, ApiFamily>>,
    private readonly onFallback: (zoneId: string) => void = () => {},
    /** Where the setting came from (config key or environment variable), for messages. */
    private readonly source: string = "originCloudRegions:apiFamily",
  ) {}

  /** The family settled for a zone, if any (a pinned setting is settled from the start). */
  familyFor(zoneId: string): FamilyName | undefined {
    return this.setting === "auto" ? this.chosen.get(zoneId)?.name : this.setting;
  }

  /** True when the next operation on the zone goes to a known family (no probing, no fallback). */
  decided(zoneId: string): boolean {
    return this.familyFor(zoneId) !== undefined;
  }

  /** Runs `op` on the zone's family, settling the family first if needed. */
  async run<T>(zoneId: string, op: (family: ApiFamily) => Promise<T>): Promise<T> {
    for (;;) {
      const known = this.setting === "auto" ? this.chosen.get(zoneId) : this.families[this.setting];
      if (known) return this.runPinned(zoneId, known, op);
      // Operations running side by side on an undecided zone wait for the first one to settle it.
      const inFlight = this.deciding.get(zoneId);
      if (inFlight) {
        await inFlight.catch(() => undefined);
        if (this.chosen.has(zoneId)) continue;
      }
      const attempt = this.decide(zoneId, op);
      this.deciding.set(zoneId, attempt);
      try {
        return await attempt;
      } finally {
        if (this.deciding.get(zoneId) === attempt) this.deciding.delete(zoneId);
      }
    }
  }

  private async runPinned<T>(zoneId: string, family: ApiFamily, op: (family: ApiFamily) => Promise<T>): Promise<T> {
    try {
      return await op(family);
    } catch (error) {
      if (!isNoRoute(error)) throw error;
      if (this.setting === "auto") throw unavailable(zoneId, [family.name], error);
      throw pinnedUnavailable(zoneId, family.name, this.source, error);
    }
  }

  private async decide<T>(zoneId: string, op: (family: ApiFamily) => Promise<T>): Promise<T> {
    const { v1, v2 } = this.families;
    try {
      const value = await op(v2);
      this.chosen.set(zoneId, v2);
      return value;
    } catch (error) {
      if (!isNoRoute(error)) {
        if (statusOf(error) !== undefined) this.chosen.set(zoneId, v2);
        throw error;
      }
    }
    let value: T;
    try {
      value = await op(v1);
    } catch (error) {
      if (isNoRoute(error)) throw unavailable(zoneId, ["v2", "v1"], error);
      if (statusOf(error) !== undefined) this.settleOnV1(zoneId);
      throw error;
    }
    this.settleOnV1(zoneId);
    return value;
  }

  private settleOnV1(zoneId: string): void {
    if (this.chosen.get(zoneId) === this.families.v1) return;
    this.chosen.set(zoneId, this.families.v1);
    this.onFallback(zoneId);
  }
}

/** The step-level conclusion that no family serves the zone. Never retried. */
function unavailable(zoneId: string, tried: FamilyName[], cause: unknown): CloudflareError {
  const what = tried.length > 1 ? "both endpoint families answered no route" : `the ${tried[0]} endpoint family answered no route`;
  return new CloudflareError(
    "CF_UNAVAILABLE",
    `Origin cloud regions are not available for zone ${zoneId} on this account: ${what}. ` +
      "Check the zone id and that the API token can reach this zone; nothing was written.",
    { cause },
  );
}

function pinnedUnavailable(zoneId: string, family: FamilyName, source: string, cause: unknown): CloudflareError {
  const other: FamilyName = family === "v1" ? "v2" : "v1";
  return new CloudflareError(
    "CF_UNAVAILABLE",
    `The ${family} endpoint family (${FAMILY_PATHS[family]}) answered no route for zone ${zoneId}, and ` +
      `${source} pins it. Check the zone id and the token's access to the zone, or set ` +
      `${source} to auto (or ${other}); nothing was written.`,
    { cause },
  );
}
