/**
 * The provider plugin's wire shapes and the lifecycle's. The engine sends secrets wrapped (the
 * plugin accepts secrets) and the lifecycle reads plain values; what the plugin answers marks the
 * token a secret again. Mappings keep the stored form `{ "<ip>": "<vendor>/<region>" }` in checked
 * inputs and outputs alike: the engine compares old and new inputs key by key, so `preview --diff`
 * shows only the IPs that change, and a preview (whose outputs are the checked inputs) shows the
 * `mappings` output in the shape `up` gives it.
 */
import type { MappingsOutputs } from "../core/state-shape";

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
  return unwrapSecrets(value ?? {}) as Props;
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

/** Outputs as the engine stores them. */
export function toWire(outs: MappingsOutputs | Props): Props {
  return withSecrets({ ...(outs as Props) });
}

/** Outputs (state) as the lifecycle reads them. */
export function fromWire(state: unknown): MappingsOutputs {
  return plainProps(state) as unknown as MappingsOutputs;
}

/** The resource's name, from its URN (`urn:pulumi:stack::project::type::name`). */
export function nameOf(urn: string): string | undefined {
  const name = urn.split("::").pop();
  return name === undefined || name === "" ? undefined : name;
}
