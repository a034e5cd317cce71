/**
 * The shape of the resource's state: its outputs, and the helpers that read inputs and stored
 * outputs defensively (state written by older versions of this package must still be read).
 */
import type { CredentialProps, FamilyName, HeldSet, HeldTarget, MappingSet, MappingTarget } from "./types";
import { UNKNOWN } from "./types";
import { isPlaceholderKey } from "./inputs";
import { decodeTarget, encodeTarget } from "./stored-target";
import { credentialProps } from "./credentials";

/**
 * A mapping set as the state stores it (checked inputs and outputs): `{ "<ip>": "<vendor>/<region>" }`,
 * the vendor escaped so that the first "/" always ends it (see stored-target.ts).
 * One string per mapping rather than an object: every engine call carries the set two or three times
 * as protobuf Structs, and an object per mapping costs the provider host several times the memory of
 * a string. The resource's `mappings` output is turned back into objects in the program.
 */
export type StoredMappings = Record<string, string>;

/** The resource's outputs as stored in state. */
export interface MappingsOutputs {
  zoneId: string;
  mappings: StoredMappings;
  adopt: boolean;
  /** The resource owns the zone's whole mapping set; absent (false) in state written before it existed. */
  exclusive?: boolean;
  modifiedOn: string | null;
  /** The endpoint family the last successful step used; absent in state written before families existed. */
  apiFamily?: FamilyName | null;
  /** The provider code's behaviour version that wrote this state (see {@link IMPL_VERSION}). */
  implVersion?: number;
  /**
   * True after a step applied only part of what it was given: the state then records less than the
   * inputs declare, so the next diff must not leave the comparison to the engine (see lifecycle.ts).
   */
  incomplete?: boolean;
  /**
   * The resource's own token, when it has one: refresh and destroy receive only the outputs, so it is
   * kept here too. A secret in the state (the resource marks it so; the engine stores ciphertext).
   * Absent in state of resources without one, which use the stack's token as before.
   */
  apiToken?: string;
  /** The name of the variable holding the resource's token (read at every step), when it has one. */
  apiTokenEnvVar?: string;
}

/**
 * Bumped whenever read or delete behave differently. `pulumi refresh` and `pulumi destroy` run the
 * provider code stored in the state, not the installed one; a bump makes the next `pulumi up` an
 * update, which stores the new code, even when no mapping changes. 2: endpoint families (v2 first).
 * 3: mapping sets stored as strings (see {@link StoredMappings}). 4: the stored provider is a stub
 * that hands every call to the installed package (host/stored-provider.ts), so from then on
 * `refresh` and `destroy` run the installed code. 5: refresh returns inputs that declare what the
 * zone holds, and a partial failure marks its state `incomplete`, so that diff can leave the
 * comparison to the engine (which then shows only the IPs that change); state written before may
 * record less than its inputs declare without saying so.
 */
export const IMPL_VERSION = 5;

export function isMappingSet(value: unknown): value is MappingSet {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A mapping set every IP of which is known: not the unknown sentinel, no placeholder key. */
export function isKnownMappingSet(value: unknown): value is MappingSet {
  return isMappingSet(value) && !Object.keys(value).some(isPlaceholderKey);
}

/** The stored form of a set; a value not known yet (preview) stays the unknown sentinel. */
export function storeMappings(set: HeldSet): StoredMappings {
  const stored: StoredMappings = {};
  for (const [ip, t] of Object.entries(set) as Array<[string, HeldTarget | typeof UNKNOWN]>)
    stored[ip] = t === UNKNOWN ? UNKNOWN : encodeTarget(t);
  return stored;
}

/**
 * A set read back from state or checked inputs: stored strings, or the objects of state written
 * before version 3. Undefined when `value` is not a set (the unknown sentinel, a missing value).
 */
export function loadMappings(value: unknown): MappingSet | undefined {
  if (!isMappingSet(value)) return undefined;
  const set: Record<string, MappingTarget | typeof UNKNOWN> = {};
  for (const [ip, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === UNKNOWN) set[ip] = UNKNOWN;
    // A vendor read from state may be one this package does not know (see ownedMappings).
    else if (typeof v === "string") set[ip] = decodeTarget(v) as MappingTarget;
    else set[ip] = v as MappingTarget;
  }
  return set as MappingSet;
}

/**
 * The mappings recorded in state; tolerant of state written before any mapping was applied. What a
 * read recorded is what the zone held, so a vendor may be one this package does not know.
 */
export function ownedMappings(outs: { mappings?: unknown } | undefined): HeldSet {
  return loadMappings(outs?.mappings) ?? {};
}

/** The resource's name, carried (hidden: `__` keys are not displayed) so that messages can name it. */
export function named(props: Record<string, unknown>): { __label?: string } {
  const name = props["__label"];
  return typeof name === "string" ? { __label: name } : {};
}

export function outputs(
  zoneId: string,
  mappings: HeldSet,
  flags: { adopt: boolean; exclusive: boolean },
  modifiedOn: string | null,
  apiFamily: FamilyName | null | undefined,
  credentials: CredentialProps = {},
): MappingsOutputs {
  return {
    zoneId,
    mappings: storeMappings(mappings),
    ...flags,
    modifiedOn,
    apiFamily: apiFamily ?? null,
    implVersion: IMPL_VERSION,
    ...credentials,
  };
}

/**
 * The checked inputs that declare exactly what `outs` records: what a refresh hands back as the
 * resource's inputs, so that the engine's own comparison with the program's inputs is exact.
 */
export function declaredBy(outs: MappingsOutputs): Record<string, unknown> {
  return {
    zoneId: outs.zoneId,
    mappings: outs.mappings,
    adopt: outs.adopt === true,
    exclusive: outs.exclusive === true,
    implVersion: outs.implVersion ?? null,
    ...credentialProps(outs as unknown as Record<string, unknown>),
  };
}

/** create and update only ever run with known values; anything else is a bug worth a clear message. */
export function knownInputs(inputs: Record<string, unknown>): { zoneId: string; mappings: MappingSet; adopt: boolean; exclusive: boolean } {
  const { zoneId, adopt, exclusive } = inputs;
  const mappings = loadMappings(inputs["mappings"]);
  if (typeof zoneId !== "string" || zoneId === UNKNOWN || !isKnownMappingSet(mappings)) {
    throw new Error("OriginCloudRegionMappings received inputs that were not checked (zoneId or mappings missing or unknown)");
  }
  return { zoneId, mappings, adopt: adopt === true, exclusive: exclusive === true };
}
