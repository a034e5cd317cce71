import type { Mapping, Vendor } from "../../core/types";
import { sortAddresses } from "./addresses";
import type { DroppedAddress } from "./addresses";
import { AdapterInputError, describeValue } from "./errors";
import type { ResolvedProperties } from "./properties";
import type { RegionResult, ResourceRules } from "./resource-rules";

/** The mappings of one resource, the warnings to log on it, and the addresses it got none for. */
export interface ResourceMappings {
  mappings: Mapping[];
  warnings: string[];
  dropped: DroppedAddress[];
}

/**
 * Pure: one mapping per public address of a resource. A resource without a public address gives
 * none, and its region is then not even derived: a server that is not reachable from the internet
 * is not an error. `override` is the adapter's `{ region }` option, used verbatim when given.
 */
export function mappingsOf(vendor: Vendor, rules: ResourceRules, props: ResolvedProperties, override: unknown): ResourceMappings {
  const { addresses, dropped } = sortAddresses(rules.addresses(props));
  if (addresses.length === 0) return { mappings: [], warnings: [], dropped };
  const { region, warnings } = override === undefined ? rules.region(props) : overriddenRegion(override);
  return { mappings: addresses.map((ip) => ({ ip, vendor, region })), warnings, dropped };
}

function overriddenRegion(override: unknown): RegionResult {
  if (typeof override !== "string" || override.trim() === "") {
    throw new AdapterInputError(`the region option is ${describeValue(override)}; expected a region id string`);
  }
  return { region: override, warnings: [] };
}

/**
 * Pure: the mappings of several resources as one list, an exact repeat dropped: an Elastic IP
 * associated with an instance is also that instance's `publicIp`, and both may be passed. The same
 * IP with two different regions is kept twice, for `check` to report as a duplicate.
 */
export function combinedMappings(lists: ReadonlyArray<readonly Mapping[]>): Mapping[] {
  const seen = new Set<string>();
  return lists.flat().filter((m) => {
    const key = `${m.ip} ${m.vendor} ${m.region}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
