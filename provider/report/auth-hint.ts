/**
 * What to do when Cloudflare refuses the API token. `pulumi refresh` and `pulumi destroy` run the
 * provider with the stack config recorded by the last `pulumi up`, so a token set in stack config
 * since then (after a rotation) is not the one they send: running them again cannot help. A token
 * from the environment is read at every run, so there the fix is the variable itself. A resource's
 * own `apiToken` is recorded in the state by `pulumi up`: refresh and destroy send the recorded one.
 */

/** The lifecycle step that failed, as the dynamic provider names it. */
export type HintStep = "check" | "diff" | "create" | "read" | "update" | "delete";

/** Where the credentials came from, and which step failed, for hints; never the token's value. */
export interface HintContext {
  tokenSource: string | undefined;
  step?: HintStep | undefined;
  /** The token is a resource's own `apiToken`, which the state records (refresh and destroy send that one). */
  recorded?: boolean | undefined;
  /** The host's config keys, when not the dynamic resource's (the provider plugin has its own namespace). */
  configKeys?: ConfigKeys | undefined;
}

/** The config keys messages name: the stack's token and the retry budget. */
export interface ConfigKeys {
  apiToken: string;
  retryBudgetSeconds: string;
}

/** The stack config key whose value `refresh` and `destroy` take from the last `up` (the dynamic resource's). */
const CONFIG_TOKEN_KEY = "cloudflare:apiToken";

function tokenKeyOf(hint: HintContext): string {
  return hint.configKeys?.apiToken ?? CONFIG_TOKEN_KEY;
}

const PERMISSIONS = "the Cache Settings Write and Zone Read permissions for this zone";

/** The command a step that runs on recorded config belongs to, if the step is one of those. */
function recordedConfigCommand(step: HintStep | undefined): string | undefined {
  if (step === "delete") return "pulumi destroy";
  if (step === "read") return "pulumi refresh";
  return undefined;
}

/** True when the hint is the rotation one: a refresh or destroy step, with a token from stack config or the state. */
export function isRotationCase(hint: HintContext): boolean {
  return (hint.tokenSource === tokenKeyOf(hint) || hint.recorded === true) && recordedConfigCommand(hint.step) !== undefined;
}

/** One or two sentences on a refused token: the rotation way out, or what to check and where. */
export function authHint(hint: HintContext): string {
  const command = recordedConfigCommand(hint.step);
  if (hint.recorded === true && command !== undefined) {
    return (
      `\`${command}\` sends the token recorded in the state by the last \`pulumi up\` (${hint.tokenSource ?? "the resource's apiToken"}). ` +
      "If the token was rotated, give the resource the new one and run `pulumi up` first (it records it, writing no mapping); " +
      `otherwise check the token and that it has ${PERMISSIONS}.`
    );
  }
  const key = tokenKeyOf(hint);
  if (hint.tokenSource === key && command !== undefined) {
    return (
      `\`${command}\` uses the configuration recorded by the last \`pulumi up\`, so it sent the ${key} of then, ` +
      `not one set since. If the token was rotated, run \`pulumi up\` first (it records the new one), or \`${command} --run-program\`; ` +
      `otherwise check the token and that it has ${PERMISSIONS}.`
    );
  }
  return `Check the API token (from ${hint.tokenSource ?? key}) and that it has ${PERMISSIONS}.`;
}
