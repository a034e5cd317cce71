/**
 * The token a step sends, chosen from the resource it serves: its own `apiToken` (from its inputs, or
 * for refresh and destroy from the state), the variable its `apiTokenEnvVar` names (read now, so a
 * rotated token is used at once), or the stack's token. Each comes with where it came from, which
 * every message about a refused token names; never the value.
 */
import type { CredentialChoice } from "../core/credentials";
import { credentialChoice, isHeaderSafe, resourceLabel, resourceTokenSource, variableProblem, variableSource } from "../core/credentials";
import { UNKNOWN } from "../core/types";
import type { HintContext, HintStep } from "../report/messages";
import type { SettingKeys, Settings } from "./settings";
import { messageKeys } from "./settings";

type Env = Readonly<Record<string, string | undefined>>;

/** What one step sends its requests with. */
export interface Credential {
  /** The token; undefined when there is none (no stack token) or it is not known yet (preview). */
  token: string | undefined;
  /** Where it came from, for messages; undefined for a stack without a token. */
  source: string | undefined;
  /** The token recorded in the state (a resource's `apiToken`): refresh and destroy send that one. */
  recorded: boolean;
}

/**
 * The hint for the error of a failed `step`: where the token of the resource `props` describe came
 * from (found without reading the token, which may be what failed), and the config keys of the host
 * that read `settings` (`keys`, when the settings may not be read yet).
 */
export function stepHint(
  step: HintStep,
  props: Record<string, unknown>,
  resource: string | undefined,
  settings: Settings | undefined,
  keys: SettingKeys | undefined = settings?.keys,
): HintContext {
  const { source, recorded } = sourceOf(credentialChoice(props), resource, settings);
  return { tokenSource: source, step, recorded, configKeys: messageKeys(keys) };
}

function sourceOf(choice: CredentialChoice, resource: string | undefined, settings: Settings | undefined) {
  if (choice.kind === "secret") return { source: resourceTokenSource(resource), recorded: true };
  if (choice.kind === "env") return { source: variableSource(choice.name), recorded: false };
  return { source: settings?.tokenSource, recorded: false };
}

/**
 * The credential of a step for the resource `props` describe (checked inputs, or stored outputs for
 * refresh and destroy). A variable that is unset, empty or unsendable fails the step, naming the
 * variable and the resource: `check` reports the same at preview, so this is a variable removed since.
 */
export function credentialFor(props: Record<string, unknown>, resource: string | undefined, settings: Settings, env: Env): Credential {
  const choice = credentialChoice(props);
  const { source, recorded } = sourceOf(choice, resource, settings);
  if (choice.kind === "stack") return { token: settings.token, source, recorded };
  if (choice.kind === "secret") {
    return { token: choice.token === UNKNOWN ? undefined : choice.token.trim(), source, recorded };
  }
  if (choice.name === UNKNOWN) return { token: undefined, source, recorded };
  const problem = variableProblem(choice.name, env);
  if (problem !== undefined) {
    throw new Error(`${problem}; it holds the API token of ${resourceLabel(resource)} (apiTokenEnvVar): set it`);
  }
  const token = (env[choice.name] as string).trim();
  // Checked by variableProblem; kept as a guard so that no header is ever built from it otherwise.
  if (!isHeaderSafe(token)) throw new Error(`${source} cannot be sent in an HTTP header`);
  return { token, source, recorded };
}
