/**
 * The provider plugin's wire shapes and the lifecycle's. The engine sends secrets wrapped (the
 * plugin accepts secrets) and the lifecycle reads plain values; the plugin's `mappings` output is a
 * list of `{ ip, vendor, region }` (what its schema declares and SDKs type), where the lifecycle
 * keeps the stored form `{ "<ip>": "<vendor>/<region>" }`. Checked inputs keep the stored form: the
 * engine compares old and new inputs key by key, so `preview --diff` shows only the IPs that change.
 */
import type { MappingsOutputs, StoredMappings } from "../core/state-shape";
import { decodeTarget, encodeTarget } from "../core/stored-target";
import { UNKNOWN } from "../core/types";

type Props = Record<string, unknown>;

/** The signature key and value of a secret in the engine's property values. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Properties that are always secrets, whatever the program marked. */
const SECRET_PROPS = ["apiToken"] as const;

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Props)[SIG_KEY] === SECRET_SIG;
}

/** The value with every secret replaced by what it holds. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    const out: Props = {};
    for (const [k, v] of Object.entries(value)) out[k] = unwrapSecrets(v);
    return out;
  }
  return value;
}

/** Props as the lifecycle reads them. */
export function plainProps(value: unknown): Props {
  const props = unwrapSecrets(value ?? {}) as Props;
  return props;
}

/** Props as the engine stores them: the token a secret. */
export function withSecrets(props: Props): Props {
  const out: Props = { ...props };
  for (const key of SECRET_PROPS) {
    const v = out[key];
    if (v !== undefined && v !== null && !isSecret(v)) out[key] = { [SIG_KEY]: SECRET_SIG, value: v };
  }
  return out;
}

/** The plugin's output list of a stored set, sorted by IP. */
export function mappingList(stored: unknown): unknown {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return stored;
  return Object.keys(stored)
    .sort()
    .map((ip) => {
      const v = (stored as StoredMappings)[ip] as string;
      return v === UNKNOWN ? { ip, vendor: UNKNOWN, region: UNKNOWN } : { ip, ...decodeTarget(v) };
    });
}

/** A stored set from the plugin's output list (state written by the plugin). */
export function storedFromList(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const stored: StoredMappings = {};
  for (const m of value as Array<{ ip?: unknown; vendor?: unknown; region?: unknown }>) {
    if (typeof m?.ip === "string" && typeof m.vendor === "string" && typeof m.region === "string")
      stored[m.ip] = encodeTarget({ vendor: m.vendor, region: m.region });
  }
  return stored;
}

/** Outputs as the engine stores them. */
export function toWire(outs: MappingsOutputs | Props): Props {
  const props = { ...(outs as Props) };
  return withSecrets({ ...props, mappings: mappingList(props["mappings"]) });
}

/** Outputs (state) as the lifecycle reads them. */
export function fromWire(state: unknown): MappingsOutputs {
  const props = plainProps(state);
  return { ...props, mappings: storedFromList(props["mappings"]) } as unknown as MappingsOutputs;
}

/** The resource's name, from its URN (`urn:pulumi:stack::project::type::name`). */
export function nameOf(urn: string): string | undefined {
  const name = urn.split("::").pop();
  return name === undefined || name === "" ? undefined : name;
}
