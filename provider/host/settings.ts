import type { FamilySetting } from "../cloudflare/family-choice";
import { FAMILY_SETTINGS } from "../cloudflare/family-choice";
import type { ConfigKeys } from "../report/messages";

/** Where the provider reads its credentials, endpoint and endpoint family. */
export interface Settings {
  /** The API token, if any was configured. Never logged and never put in state. */
  token: string | undefined;
  /** Where the token came from (config key or environment variable), for messages; never its value. */
  tokenSource: string | undefined;
  /** Base URL of the Cloudflare API, ending in `/client/v4`. */
  baseUrl: string;
  /** Where `baseUrl` came from (its config key when it is the default), for messages. */
  baseUrlSource: string;
  /** Which endpoint family to call. */
  apiFamily: FamilySetting;
  /** Where `apiFamily` came from, for messages. */
  apiFamilySource: string;
  /** Batch requests in flight at once within a step. */
  concurrency: number;
  /** How long one step may spend retrying, in milliseconds. */
  retryBudgetMs: number;
  /** The keys the settings were read from, when not {@link SETTINGS} (for messages). */
  keys?: SettingKeys;
}

/**
 * Reads namespaced stack config keys (the dynamic provider host's `Config`). A host whose keys are
 * not {@link SETTINGS} (the provider plugin's own namespace) names them in `keys`.
 */
export interface ConfigReader {
  get(key: string): string | undefined;
  keys?: SettingKeys;
}

/** The public Cloudflare API. */
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/**
 * Stack config keys and their environment fallbacks. `cloudflare:*` are the keys @pulumi/cloudflare
 * users already have; this package's own keys live in `originCloudRegions:*`, never in the
 * `cloudflare:` namespace, which belongs to @pulumi/cloudflare.
 */
export const SETTINGS = {
  apiToken: { key: "cloudflare:apiToken", env: "CLOUDFLARE_API_TOKEN" },
  baseUrl: { key: "cloudflare:baseUrl", env: "CLOUDFLARE_BASE_URL" },
  apiFamily: { key: "originCloudRegions:apiFamily", env: "ORIGIN_CLOUD_REGIONS_API_FAMILY" },
  concurrency: { key: "originCloudRegions:concurrency", env: "ORIGIN_CLOUD_REGIONS_CONCURRENCY" },
  retryBudgetSeconds: { key: "originCloudRegions:retryBudgetSeconds", env: "ORIGIN_CLOUD_REGIONS_RETRY_BUDGET_SECONDS" },
} as const;

/** The config key and environment variable of each setting. */
export type SettingKeys = { readonly [K in keyof typeof SETTINGS]: { readonly key: string; readonly env: string } };

/** Defaults and bounds of the numeric settings. */
export const CONCURRENCY = { fallback: 4, min: 1, max: 8 } as const;
export const RETRY_BUDGET_SECONDS = { fallback: 360, min: 1, max: 3600 } as const;

type Env = Readonly<Record<string, string | undefined>>;

/** A setting's value and the name of the place it came from; undefined when set nowhere. */
function lookup(
  config: ConfigReader | undefined,
  env: Env,
  setting: { key: string; env: string },
): { value: string; source: string } | undefined {
  const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  const fromConfig = nonEmpty(config?.get(setting.key));
  if (fromConfig !== undefined) return { value: fromConfig, source: setting.key };
  const fromEnv = nonEmpty(env[setting.env]);
  if (fromEnv !== undefined) return { value: fromEnv, source: `the ${setting.env} environment variable` };
  return undefined;
}

/**
 * Resolves settings: stack config first, then the environment, then defaults. Pure: config and
 * environment are passed in. Every error names the setting's source, so the user knows what to fix.
 */
export function resolveSettings(config: ConfigReader | undefined, env: Env): Settings {
  const keys = config?.keys ?? SETTINGS;
  const token = lookup(config, env, keys.apiToken);
  if (token !== undefined && !isHeaderSafe(token.value)) {
    // Caught here, before any request: undici would refuse the header and report it as a connection failure.
    throw new Error(
      `The API token from ${token.source} contains a line break or another character that cannot be sent in an HTTP header; ` +
        "copy the token again without surrounding text",
    );
  }
  const baseUrl = lookup(config, env, keys.baseUrl);
  const family = lookup(config, env, keys.apiFamily);
  return {
    token: token?.value,
    tokenSource: token?.source,
    baseUrl: baseUrl === undefined ? DEFAULT_BASE_URL : validateBaseUrl(baseUrl.value, baseUrl.source),
    baseUrlSource: baseUrl?.source ?? keys.baseUrl.key,
    apiFamily: family === undefined ? "auto" : validateFamily(family.value, family.source),
    apiFamilySource: family?.source ?? keys.apiFamily.key,
    concurrency: integerSetting(lookup(config, env, keys.concurrency), CONCURRENCY),
    retryBudgetMs: integerSetting(lookup(config, env, keys.retryBudgetSeconds), RETRY_BUDGET_SECONDS) * 1000,
    ...(keys === SETTINGS ? {} : { keys }),
  };
}

function integerSetting(
  found: { value: string; source: string } | undefined,
  bounds: { fallback: number; min: number; max: number },
): number {
  if (found === undefined) return bounds.fallback;
  const n = Number(found.value);
  if (/^\d+$/.test(found.value) && n >= bounds.min && n <= bounds.max) return n;
  throw new Error(
    `${found.source} is ${JSON.stringify(found.value)}, which is not a whole number ` +
      `from ${bounds.min} to ${bounds.max} (default ${bounds.fallback})`,
  );
}

/** Visible ASCII and spaces only: what an `Authorization` header can carry. */
function isHeaderSafe(value: string): boolean {
  return /^[\x20-\x7e]+$/.test(value);
}

function validateFamily(value: string, source: string): FamilySetting {
  const allowed = FAMILY_SETTINGS as readonly string[];
  if (allowed.includes(value.toLowerCase())) return value.toLowerCase() as FamilySetting;
  throw new Error(`${source} is ${JSON.stringify(value)}, which is not one of ${FAMILY_SETTINGS.join(", ")} (default auto)`);
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Accepts https URLs, and plain http only for a loopback host (a local emulator): a token sent
 * over plain http to anywhere else could be read on the way. No credentials, query or fragment.
 */
export function validateBaseUrl(raw: string, source: string = SETTINGS.baseUrl.key): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${source} ${JSON.stringify(raw)} is not a URL`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new Error(`${source} must not carry credentials; set ${SETTINGS.apiToken.key} instead`);
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    throw new Error(`${source} ${JSON.stringify(raw)} uses plain http on a non-loopback host; use https`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${source} ${JSON.stringify(raw)} must be an http(s) URL`);
  }
  // Every request path is appended to the base URL: a query or fragment would end up in the middle of it.
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(raw)) {
    throw new Error(`${source} ${JSON.stringify(raw)} must not have a query (?…) or fragment (#…); give the API's base path only`);
  }
  return url.toString().replace(/\/+$/, "");
}

/** The config keys messages name, when the settings are read from `keys` other than {@link SETTINGS} (see Settings.keys). */
export function messageKeys(keys: SettingKeys | undefined): ConfigKeys | undefined {
  return keys === undefined ? undefined : { apiToken: keys.apiToken.key, retryBudgetSeconds: keys.retryBudgetSeconds.key };
}

/** The error for a missing token, telling the user every way to set one. */
export function missingTokenError(keys: SettingKeys = SETTINGS): Error {
  return new Error(
    `No Cloudflare API token: run \`pulumi config set --secret ${keys.apiToken.key} <token>\` ` +
      `or set the ${keys.apiToken.env} environment variable, or give the resource its own apiToken or apiTokenEnvVar ` +
      "(permissions: Cache Settings Write, Zone Read)",
  );
}
