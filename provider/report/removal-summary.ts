/**
 * Exclusive mode: a resource with `exclusive: true` owns the zone's whole mapping set, so every
 * mapping the zone holds that the program does not declare is one to remove; preview lists them
 * (see core/ownership.ts `undeclared`) so that a person sees what `up` would delete before it does.
 */
import { bounded, plural } from "./messages";
import type { HeldMapping } from "../core/types";

/** What preview prints: how many undeclared mappings `up` removes, at most 20 of them, then a count. */
export function removalSummary(zoneId: string, mappings: readonly HeldMapping[]): string {
  return [
    `Zone ${zoneId} (exclusive): up will remove ${plural(mappings.length, "mapping")} the zone holds that this resource does not declare:`,
    ...bounded(mappings.map((m) => `${m.ip} (${m.vendor}/${m.region})`)).map((l) => `  - ${l}`),
    "Declare them to keep them, or set `exclusive: false` to leave mappings this resource does not declare alone.",
  ].join("\n");
}
