import type { Vendor } from "../../core/types";
import type { AddressCandidate } from "./addresses";
import { AdapterInputError, describeValue } from "./errors";
import type { ResolvedProperties } from "./properties";

/** A derived region, and what the user should know about it (logged as warnings on the resource). */
export interface RegionResult {
  region: string;
  warnings: string[];
}

/** How one kind of cloud resource becomes mappings: pure functions over its resolved properties. */
export interface ResourceRules {
  /** The kind as users know it, for messages, e.g. "ec2.Instance". */
  kind: string;
  /** The output properties the adapter resolves and passes to `addresses` and `region`. */
  properties: readonly string[];
  /** Properties the region can come from; a plain object needs one of them unless a region is given. */
  regionSources: readonly string[];
  /** Every address the resource reports, public or not. */
  addresses(props: ResolvedProperties): AddressCandidate[];
  /** The vendor's region id. Throws an AdapterInputError when the sources cannot be read. */
  region(props: ResolvedProperties): RegionResult;
}

/** What one adapter accepts. */
export interface CloudRules {
  /** The adapter's name, e.g. "fromAws". */
  adapter: string;
  vendor: Vendor;
  /** What the adapter accepts, in words, for error messages. */
  accepts: string;
  /** Rules for a Pulumi type token this adapter knows, undefined for any other token. */
  byToken(token: string): ResourceRules | undefined;
  /** Rules for a plain object by the properties it has, undefined when it has none this adapter reads. */
  byShape(has: (key: string) => boolean): ResourceRules | undefined;
}

/**
 * Packages of the cloud SDKs. A resource from one of them that an adapter does not accept (an AWS
 * instance given to `fromOci`, a GCP disk given to `fromGcp`) is refused by its type, even when its
 * properties happen to fit: duck typing alone would map it to the wrong vendor.
 */
const CLOUD_PACKAGES: ReadonlySet<string> = new Set([
  "aws",
  "aws-native",
  "awsx",
  "gcp",
  "google-native",
  "azure",
  "azure-native",
  "azuread",
  "oci",
]);

/**
 * Pure: the rules for one value passed to an adapter, or an AdapterInputError that says what it got
 * and what the adapter accepts. `token` is the value's Pulumi type when it is a resource.
 */
export function recognise(cloud: CloudRules, value: unknown, token: string | undefined, regionGiven: boolean): ResourceRules {
  const refuse = (got: string) => new AdapterInputError(`got ${got}; ${cloud.adapter} accepts ${cloud.accepts}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw refuse(describeValue(value));
  const byToken = token === undefined ? undefined : cloud.byToken(token);
  if (byToken) return byToken;
  if (token !== undefined && CLOUD_PACKAGES.has(token.split(":")[0] ?? "")) throw refuse(`a ${token} resource`);
  const has = (key: string) => key in value && (value as Record<string, unknown>)[key] !== undefined;
  const rules = cloud.byShape(has);
  if (!rules) throw refuse(token === undefined ? describeValue(value) : `a ${token} resource (${describeValue(value)})`);
  if (!regionGiven && !rules.regionSources.some(has)) {
    throw new AdapterInputError(
      `got ${describeValue(value)}, read as ${rules.kind}, with none of ${rules.regionSources.join(", ")} to derive` +
        ` its region from; add one, or pass { region } to ${cloud.adapter}`,
    );
  }
  return rules;
}
