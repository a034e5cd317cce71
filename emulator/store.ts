// In-memory mapping state for every zone. Pure: no I/O, time comes from the injected clock, and it
// knows nothing of HTTP or wire key names, so it can be tested without sockets and persisted by the
// caller through snapshot()/restore().

import { canonicalizeIp, compareIps } from "./ip";
import { rawIpText, type ItemValidator, type MappingInput } from "./validate";
import type { BatchFailure, BatchResult, Mapping, StoreSnapshot } from "./store-types";

export {
  validateItem,
  type ItemKeys,
  type ItemProblem,
  type ItemValidation,
  type ItemValidator,
  type MappingInput,
  type RegionCheck,
} from "./validate";

/** Documented per-zone ceiling (reference §1: 403 / 1164). */
export const MAX_MAPPINGS_PER_ZONE = 3500;

export type { BatchFailure, BatchResult, Mapping, StoreSnapshot } from "./store-types";

interface Zone {
  mappings: Map<string, Mapping>;
  modifiedOn: string | null;
}

type ApplyEffect = "added" | "changed" | "unchanged";

function requireCanonical(ip: string): string {
  const canonical = canonicalizeIp(ip);
  if (canonical === null) throw new TypeError(`invalid IP address ${JSON.stringify(ip)}`);
  return canonical;
}

export class ZoneStore {
  private readonly zones = new Map<string, Zone>();
  private changes = 0;

  constructor(
    private readonly clock: () => Date,
    readonly maxMappings: number = MAX_MAPPINGS_PER_ZONE,
  ) {}

  /** Grows on every applied change; lets the caller persist only when something happened. */
  get revision(): number {
    return this.changes;
  }

  list(zoneId: string): Mapping[] {
    const zone = this.zones.get(zoneId);
    if (zone === undefined) return [];
    return [...zone.mappings.values()].sort((a, b) => compareIps(a.ip, b.ip)).map((m) => ({ ...m }));
  }

  /** Set-level modified_on: null when the zone has no mappings (its rule record is gone). */
  modifiedOn(zoneId: string): string | null {
    return this.zones.get(zoneId)?.modifiedOn ?? null;
  }

  size(zoneId: string): number {
    return this.zones.get(zoneId)?.mappings.size ?? 0;
  }

  get(zoneId: string, ip: string): Mapping | undefined {
    const canonical = canonicalizeIp(ip);
    const found = canonical === null ? undefined : this.zones.get(zoneId)?.mappings.get(canonical);
    return found === undefined ? undefined : { ...found };
  }

  /** POST semantics: refuses an IP that already has a mapping. */
  create(zoneId: string, item: MappingInput): { ok: true; mapping: Mapping } | { ok: false; reason: "exists" | "limit" } {
    const ip = requireCanonical(item.ip);
    if (this.zones.get(zoneId)?.mappings.has(ip)) return { ok: false, reason: "exists" };
    if (this.size(zoneId) + 1 > this.maxMappings) return { ok: false, reason: "limit" };
    this.applyAll(zoneId, [{ ...item, ip }]);
    return { ok: true, mapping: this.mustGet(zoneId, ip) };
  }

  /** PATCH semantics: create or overwrite. `ignoreLimit` is for direct test seeding only. */
  upsert(zoneId: string, item: MappingInput, ignoreLimit = false): { ok: true; mapping: Mapping } | { ok: false; reason: "limit" } {
    const ip = requireCanonical(item.ip);
    const isNew = !this.zones.get(zoneId)?.mappings.has(ip);
    if (!ignoreLimit && isNew && this.size(zoneId) + 1 > this.maxMappings) return { ok: false, reason: "limit" };
    this.applyAll(zoneId, [{ ...item, ip }]);
    return { ok: true, mapping: this.mustGet(zoneId, ip) };
  }

  delete(zoneId: string, ip: string): Mapping | undefined {
    const existing = this.get(zoneId, ip);
    if (existing === undefined) return undefined;
    this.removeAll(zoneId, [existing.ip]);
    return existing;
  }

  /**
   * Validates every item on its own and applies only the valid ones. When the valid new IPs would
   * push the zone past the ceiling, nothing at all is applied (emulator choice, reference §9 item 5).
   * `validate` comes from the calling family, which knows its own IP key name.
   */
  batchUpsert(
    zoneId: string,
    items: readonly unknown[],
    validate: ItemValidator,
  ): { ok: true; result: BatchResult } | { ok: false; reason: "limit" } {
    const succeeded: MappingInput[] = [];
    const failed: BatchFailure[] = [];
    const seen = new Set<string>();
    for (const raw of items) {
      const verdict = validate(raw);
      // Strict duplicate rule: any earlier item naming the same canonical IP, valid or not, wins.
      const ip = verdict.ok ? verdict.item.ip : verdict.ipParsed ? verdict.ip : null;
      if (ip !== null && seen.has(ip)) {
        failed.push({ ip, error: "duplicate IP in request" });
        continue;
      }
      if (ip !== null) seen.add(ip);
      if (verdict.ok) succeeded.push(verdict.item);
      else failed.push({ ip: verdict.ip, error: verdict.error, problem: verdict.problem });
    }
    const zone = this.zones.get(zoneId);
    const added = succeeded.filter((item) => !zone?.mappings.has(item.ip)).length;
    if (this.size(zoneId) + added > this.maxMappings) return { ok: false, reason: "limit" };
    this.applyAll(zoneId, succeeded);
    return { ok: true, result: { succeeded, failed, modifiedOn: succeeded.length > 0 ? this.modifiedOn(zoneId) : null } };
  }

  /** Deletes every listed IP that exists; the rest go to `failed` with a reason. */
  batchDelete(zoneId: string, items: readonly unknown[]): BatchResult {
    const succeeded: MappingInput[] = [];
    const failed: BatchFailure[] = [];
    const seen = new Set<string>();
    for (const raw of items) {
      if (typeof raw !== "string") {
        failed.push({ ip: rawIpText(raw), error: "item must be an IP address string", problem: "body" });
        continue;
      }
      const ip = canonicalizeIp(raw);
      if (ip === null) {
        failed.push({ ip: raw, error: `invalid IP address ${JSON.stringify(raw)}`, problem: "ip" });
        continue;
      }
      if (seen.has(ip)) {
        failed.push({ ip, error: "duplicate IP in request" });
        continue;
      }
      seen.add(ip);
      const existing = this.zones.get(zoneId)?.mappings.get(ip);
      if (existing === undefined) failed.push({ ip, error: "not found" });
      else succeeded.push({ ip, vendor: existing.vendor, region: existing.region });
    }
    this.removeAll(
      zoneId,
      succeeded.map((m) => m.ip),
    );
    return { succeeded, failed, modifiedOn: succeeded.length > 0 ? this.modifiedOn(zoneId) : null };
  }

  snapshot(): StoreSnapshot {
    const zones: StoreSnapshot["zones"] = {};
    for (const zoneId of [...this.zones.keys()].sort()) {
      zones[zoneId] = { modifiedOn: this.modifiedOn(zoneId), mappings: this.list(zoneId) };
    }
    return { version: 1, zones };
  }

  /** Replaces all state; throws on a malformed snapshot rather than starting half-loaded. */
  restore(snapshot: unknown): void {
    if (typeof snapshot !== "object" || snapshot === null || (snapshot as { version?: unknown }).version !== 1) {
      throw new Error("unsupported emulator snapshot (expected version 1)");
    }
    const zonesIn = (snapshot as { zones?: unknown }).zones;
    if (typeof zonesIn !== "object" || zonesIn === null) throw new Error("emulator snapshot has no zones object");
    const next = new Map<string, Zone>();
    for (const [zoneId, value] of Object.entries(zonesIn as Record<string, unknown>)) {
      const zone = value as { modifiedOn?: unknown; mappings?: unknown };
      if (!Array.isArray(zone.mappings)) throw new Error(`emulator snapshot zone ${zoneId} has no mappings array`);
      const mappings = new Map<string, Mapping>();
      for (const m of zone.mappings as Array<Record<string, unknown>>) {
        const { ip, vendor, region, modifiedOn } = m;
        if (typeof ip !== "string" || typeof vendor !== "string" || typeof region !== "string" || typeof modifiedOn !== "string") {
          throw new Error(`emulator snapshot zone ${zoneId} has a malformed mapping`);
        }
        const canonical = requireCanonical(ip);
        mappings.set(canonical, { ip: canonical, vendor, region, modifiedOn });
      }
      if (mappings.size === 0) continue;
      const modifiedOn = typeof zone.modifiedOn === "string" ? zone.modifiedOn : this.now();
      next.set(zoneId, { mappings, modifiedOn });
    }
    this.zones.clear();
    for (const [zoneId, zone] of next) this.zones.set(zoneId, zone);
    this.changes++;
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private mustGet(zoneId: string, ip: string): Mapping {
    const found = this.get(zoneId, ip);
    if (found === undefined) throw new Error("mapping vanished right after being written");
    return found;
  }

  /** One timestamp per operation, so every entry touched by one batch carries the same modified_on. */
  private applyAll(zoneId: string, items: readonly MappingInput[]): void {
    if (items.length === 0) return;
    const now = this.now();
    const zone = this.zones.get(zoneId) ?? { mappings: new Map<string, Mapping>(), modifiedOn: null };
    let touched = false;
    for (const item of items) {
      if (this.applyOne(zone, item, now) !== "unchanged") touched = true;
    }
    if (!touched) return;
    zone.modifiedOn = now;
    this.zones.set(zoneId, zone);
    this.changes++;
  }

  // Per-entry modified_on moves only on a real vendor/region change (emulator choice, §9 item 11),
  // so a client re-applying the same desired state sees stable timestamps.
  private applyOne(zone: Zone, item: MappingInput, now: string): ApplyEffect {
    const existing = zone.mappings.get(item.ip);
    if (existing !== undefined && existing.vendor === item.vendor && existing.region === item.region) return "unchanged";
    zone.mappings.set(item.ip, { ip: item.ip, vendor: item.vendor, region: item.region, modifiedOn: now });
    return existing === undefined ? "added" : "changed";
  }

  private removeAll(zoneId: string, ips: readonly string[]): void {
    const zone = this.zones.get(zoneId);
    if (zone === undefined || ips.length === 0) return;
    for (const ip of ips) zone.mappings.delete(ip);
    // Deleting the last mapping deletes the rule record, so the set-level modified_on goes back to null.
    if (zone.mappings.size === 0) this.zones.delete(zoneId);
    else zone.modifiedOn = this.now();
    this.changes++;
  }
}
