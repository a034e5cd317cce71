/**
 * A resource's own credentials: `apiToken` (a secret the state stores, encrypted) or `apiTokenEnvVar`
 * (the name of a variable read at run time, the only thing stored), or neither (the stack's token).
 * Pure: the environment is passed in. No text here ever holds a token's value.
 */
import type { CheckFailure } from "./inputs";
import type { CredentialProps } from "./types";
import { UNKNOWN } from "./types";

/** The credential properties as checked inputs and outputs carry them; absent when not set. */
export type { CredentialProps } from "./types";

/** Which token a resource's steps send. */
export type CredentialChoice =
  | { kind: "stack" }
  /** `token` is the unknown sentinel during a preview where it comes from a resource not created yet. */
  | { kind: "secret"; token: string }
  | { kind: "env"; name: string };

type Env = Readonly<Record<string, string | undefined>>;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isSet = (value: unknown) => value !== undefined && value !== null;

/** `resource "origins"`: how messages name a resource. */
export function resourceLabel(resource: string | undefined): string {
  return `resource ${JSON.stringify(resource ?? "(unnamed)")}`;
}

/** `the apiToken of resource "origins"`: where a resource's own token came from, for messages. */
export function resourceTokenSource(resource: string | undefined): string {
  return `the apiToken of ${resourceLabel(resource)}`;
}

/** `the ORIGINS_TOKEN environment variable`, as the stack token's variable is named. */
export function variableSource(name: string): string {
  return `the ${name} environment variable`;
}

/** Visible ASCII and spaces only: what an `Authorization` header can carry. */
export function isHeaderSafe(value: string): boolean {
  return /^[\x20-\x7e]+$/.test(value);
}

/** The credential properties of `props` worth storing (checked inputs, outputs). */
export function credentialProps(props: Record<string, unknown>): CredentialProps {
  const out: CredentialProps = {};
  const token = props["apiToken"];
  const name = props["apiTokenEnvVar"];
  if (typeof token === "string") out.apiToken = token;
  if (typeof name === "string") out.apiTokenEnvVar = name;
  return out;
}

/** Whether two sets of credential properties name the same token source. */
export function sameCredentials(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const x = credentialProps(a);
  const y = credentialProps(b);
  return x.apiToken === y.apiToken && x.apiTokenEnvVar === y.apiTokenEnvVar;
}

/** The resource's choice, from checked inputs or stored outputs (check has refused both set). */
export function credentialChoice(props: Record<string, unknown>): CredentialChoice {
  const { apiToken, apiTokenEnvVar } = credentialProps(props);
  if (apiToken !== undefined) return { kind: "secret", token: apiToken };
  if (apiTokenEnvVar !== undefined) return { kind: "env", name: apiTokenEnvVar };
  return { kind: "stack" };
}

/**
 * The problems `check` reports about the credential properties, before any request: both set, a
 * variable name that is not one, a variable unset or empty, a token no HTTP header can carry.
 * Token problems name no property: Pulumi prints a property's value next to its failure.
 */
export function credentialFailures(news: Record<string, unknown>, resource: string | undefined, env: Env): CheckFailure[] {
  const token = news["apiToken"];
  const name = news["apiTokenEnvVar"];
  const who = resourceLabel(resource);
  if (isSet(token) && isSet(name)) {
    return [
      {
        property: "apiTokenEnvVar",
        reason: `${who} sets both apiToken and apiTokenEnvVar; give one of them (or neither, for the stack's token)`,
      },
    ];
  }
  if (isSet(token) && token !== UNKNOWN) {
    if (typeof token !== "string") return [{ property: "", reason: `apiToken of ${who} must be a string (the API token)` }];
    if (token.trim() === "") return [{ property: "", reason: `apiToken of ${who} is empty; give the API token, or leave apiToken out` }];
    if (!isHeaderSafe(token.trim())) return [{ property: "", reason: `apiToken of ${who} ${unsendable}` }];
  }
  if (isSet(name) && name !== UNKNOWN) {
    if (typeof name !== "string" || !ENV_NAME.test(name)) {
      return [
        {
          property: "apiTokenEnvVar",
          reason: `is not the name of an environment variable (letters, digits and _, not starting with a digit)`,
        },
      ];
    }
    const problem = variableProblem(name, env);
    if (problem !== undefined) return [{ property: "apiTokenEnvVar", reason: `${problem}; it holds the API token of ${who}` }];
  }
  return [];
}

const unsendable =
  "contains a line break or another character that cannot be sent in an HTTP header; copy the token again without surrounding text";

/** What is wrong with the variable `name` as a token source, if anything (never its value). */
export function variableProblem(name: string, env: Env): string | undefined {
  const value = env[name];
  if (value === undefined) return `the ${name} environment variable is not set in the environment of this pulumi command`;
  if (value.trim() === "") return `the ${name} environment variable is empty in the environment of this pulumi command`;
  if (!isHeaderSafe(value.trim())) return `the ${name} environment variable ${unsendable}`;
  return undefined;
}
