/**
 * The errors a lifecycle step ends with, shaped for the dynamic provider host: bounded, no stack
 * trace, and for a partial failure the fields the host records in state.
 */
import type { Execution } from "../core/execution";
import type { CheckFailure } from "../core/inputs";
import { MAX_ITEM_LINES, bounded, count, partialReasons, plural, problemLines, zoneFullMessage } from "./messages";
import type { MappingsOutputs } from "../core/state-shape";
import type { Conflict, Refusal } from "../core/ownership";
import { ZONE_MAPPING_LIMIT } from "../core/types";

/** The error shape the dynamic provider host records as a partially applied resource. */
export type PartialFailure = Error & { id: string; properties: Record<string, unknown>; reasons: string[] };

/** A step that applied nothing: what failed, bounded, and no state to record. */
export function stepFailure(action: string, zoneId: string, run: Execution): string {
  return [
    `Failed to ${action} origin cloud-region mappings in zone ${zoneId}: ${partialReasons("applied", run)[0]}`,
    ...bounded(problemLines(run)).map((l) => `  ${l}`),
  ].join("\n");
}

/** Declared IPs the zone maps elsewhere: how many, the first ten with what is held and what is declared. */
export function conflictMessage(zoneId: string, conflicts: readonly Conflict[]): string {
  const lines = conflicts.map(
    (c) => `${c.ip}: the zone has ${c.held.vendor}/${c.held.region}, declared ${c.declared.vendor}/${c.declared.region}`,
  );
  return [
    `Zone ${zoneId} already maps ${plural(conflicts.length, "declared IP")} to another vendor or region ` +
      "(mappings this resource does not own):",
    ...bounded(lines, 10).map((l) => `  ${l}`),
    "Nothing was written. Set `adopt: true` to take them over with the declared values, or remove those IPs from the resource.",
  ].join("\n");
}

/** Check failures, at most 20, then one on the next failing property (whose value is small) counting the rest. */
export function boundedFailures(failures: CheckFailure[]): CheckFailure[] {
  if (failures.length <= MAX_ITEM_LINES) return failures;
  const next = failures[MAX_ITEM_LINES] as CheckFailure;
  return [
    ...failures.slice(0, MAX_ITEM_LINES),
    { property: next.property, reason: `… and ${count(failures.length - MAX_ITEM_LINES)} more problems like the ones above` },
  ];
}

/**
 * A partial failure: the host records `id` and exactly `properties` (what was applied) in state and
 * shows `reasons`, the first of which says how much was applied. The dynamic provider's entry adds
 * `__provider` to `properties` (see host/entry.ts).
 */
export function partialFailure(id: string, outs: MappingsOutputs, run: Execution): PartialFailure {
  const reasons = partialReasons("applied", run);
  const message = [`Origin cloud-region mappings in zone ${outs.zoneId}: ${reasons[0]}`, ...reasons.slice(1).map((l) => `  ${l}`)].join(
    "\n",
  );
  return Object.assign(new Error(message), { id, properties: { ...outs }, reasons });
}

/**
 * An error the host can print without a stack trace: the host writes `${error}: ${error.stack}`, so
 * the name is the resource's and the stack is empty. The fields a partial failure carries (id,
 * properties, reasons) are kept.
 */
export function presentable(error: unknown, message: string): Error {
  const out = new Error(message);
  const fields = error as { id?: unknown; properties?: unknown; reasons?: unknown; code?: unknown };
  for (const key of ["id", "properties", "reasons", "code"] as const) {
    if (fields?.[key] !== undefined)
      Object.defineProperty(out, key, { value: fields[key], enumerable: true, writable: true, configurable: true });
  }
  Object.defineProperty(out, "name", { value: "OriginCloudRegionMappings", writable: true, configurable: true });
  Object.defineProperty(out, "stack", { value: "", writable: true, configurable: true });
  return out;
}

/** Why a step writes nothing: the conflicts it would overwrite, or the room the zone lacks. */
export function refusalMessage(zoneId: string, refusal: Refusal): string {
  return refusal.kind === "conflicts"
    ? conflictMessage(zoneId, refusal.conflicts)
    : zoneFullMessage(zoneId, refusal.held, refusal.owned, refusal.adding, refusal.after, ZONE_MAPPING_LIMIT);
}
