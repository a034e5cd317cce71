/**
 * Two resources that each own a zone's whole mapping set (`exclusive: true`) would delete each
 * other's mappings on every `up`. The provider cannot see that (each step knows one resource), but
 * the program can: every exclusive resource claims its zone here as its zone id resolves, and a
 * second claim fails the program at preview, naming both resources.
 *
 * Process-wide (on `globalThis`), because a program may load this package twice (two copies in
 * node_modules) and both must share one registry.
 */
const KEY = Symbol.for("pulumi-cloudflare-origin-cloud-regions/exclusive-zones");

function claims(): Map<string, string> {
  const registry = globalThis as unknown as Record<symbol, Map<string, string> | undefined>;
  return (registry[KEY] ??= new Map());
}

/** Records that `resourceName` owns `zoneId` exclusively; throws when another resource already does. */
export function claimExclusiveZone(zoneId: string, resourceName: string): void {
  const zone = zoneId.toLowerCase();
  const holder = claims().get(zone);
  if (holder !== undefined && holder !== resourceName) {
    throw new Error(
      `OriginCloudRegionMappings "${resourceName}" and "${holder}" both set \`exclusive: true\` for zone ${zone}: ` +
        "each would delete the other's mappings. Keep one exclusive resource per zone (merge their mappings), " +
        "or set `exclusive: false` on one.",
    );
  }
  claims().set(zone, resourceName);
}

/** Forgets every claim (tests that run several programs in one process). */
export function resetExclusiveZones(): void {
  claims().clear();
}
