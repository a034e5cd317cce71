/** Where the provider reads its credentials and endpoint. */
export interface Settings {
  /** The API token, if any was configured. Never logged and never put in state. */
  token: string | undefined;
  /** Base URL of the Cloudflare API, ending in `/client/v4`. */
  baseUrl: string;
}

/** Reads namespaced stack config keys (the dynamic provider host's `Config`). */
export interface ConfigReader {
  get(key: string): string | undefined;
}

/** The public Cloudflare API. */
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

/** Stack config keys; `cloudflare:apiToken` is the key @pulumi/cloudflare users already have. */
export const CONFIG_KEYS = { apiToken: "cloudflare:apiToken", baseUrl: "cloudflare:baseUrl" } as const;

/**
 * Resolves settings: stack config first, then `CLOUDFLARE_API_TOKEN` / `CLOUDFLARE_BASE_URL`,
 * then the public endpoint. Pure: config and environment are passed in.
 */
export function resolveSettings(config: ConfigReader | undefined, env: Readonly<Record<string, string | undefined>>): Settings {
  const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  const token = nonEmpty(config?.get(CONFIG_KEYS.apiToken)) ?? nonEmpty(env["CLOUDFLARE_API_TOKEN"]);
  const rawBaseUrl = nonEmpty(config?.get(CONFIG_KEYS.baseUrl)) ?? nonEmpty(env["CLOUDFLARE_BASE_URL"]) ?? DEFAULT_BASE_URL;
  return { token, baseUrl: validateBaseUrl(rawBaseUrl) };
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Accepts https URLs, and plain http only for a loopback host (a local emulator): a token sent
 * over plain http to anywhere else could be read on the way.
 */
export function validateBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`cloudflare:baseUrl ${JSON.stringify(raw)} is not a URL`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new Error("cloudflare:baseUrl must not carry credentials; set cloudflare:apiToken instead");
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    throw new Error(`cloudflare:baseUrl ${JSON.stringify(raw)} uses plain http on a non-loopback host; use https`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`cloudflare:baseUrl ${JSON.stringify(raw)} must be an http(s) URL`);
  }
  return url.toString().replace(/\/+$/, "");
}

/** The error for a missing token, telling the user both ways to set one. */
export function missingTokenError(): Error {
  return new Error(
    "No Cloudflare API token: run `pulumi config set --secret cloudflare:apiToken <token>` " +
      "or set the CLOUDFLARE_API_TOKEN environment variable (permissions: Cache Settings Write, Zone Read)",
  );
}
