/**
 * The provider plugin's Pulumi package schema: what `pulumi package get-schema` returns, what SDK
 * generators read, and what users see in their IDE. Every property has a description.
 */
import { SETTINGS } from "../host/settings";
import type { SettingKeys } from "../host/settings";

/** The package name users type (YAML `type:` prefixes, SDK package names, `pulumi plugin install`). */
export const PACKAGE = "cloudflare-origin-cloud-regions";
/** The one resource's type token. */
export const RESOURCE_TOKEN = `${PACKAGE}:index:OriginCloudRegionMappings`;

/** The plugin's settings: its own config namespace, the same environment fallbacks as the dynamic resource. */
export const PLUGIN_SETTINGS: SettingKeys = {
  apiToken: { key: `${PACKAGE}:apiToken`, env: SETTINGS.apiToken.env },
  baseUrl: { key: `${PACKAGE}:baseUrl`, env: SETTINGS.baseUrl.env },
  apiFamily: { key: `${PACKAGE}:apiFamily`, env: SETTINGS.apiFamily.env },
  concurrency: { key: `${PACKAGE}:concurrency`, env: SETTINGS.concurrency.env },
  retryBudgetSeconds: { key: `${PACKAGE}:retryBudgetSeconds`, env: SETTINGS.retryBudgetSeconds.env },
};

const str = (description: string) => ({ type: "string", description });
const bool = (description: string) => ({ type: "boolean", description });
const int = (description: string) => ({ type: "integer", description });

/** The generated Go SDK's package path (a local module: programs add a `replace` for it). */
export const GO_IMPORT_PATH = `${PACKAGE}/sdk/go/cloudflareorigincloudregions`;

const MAPPING = `${PACKAGE}:index:Mapping`;

const configVariables = {
  apiToken: {
    ...str(`Cloudflare API token (Cache Settings Write, Zone Read). Falls back to the ${SETTINGS.apiToken.env} environment variable.`),
    secret: true,
  },
  baseUrl: str(`Base URL of the Cloudflare API (default https://api.cloudflare.com/client/v4). Env: ${SETTINGS.baseUrl.env}.`),
  apiFamily: str(`Endpoint family: auto (default), v1 or v2. Env: ${SETTINGS.apiFamily.env}.`),
  concurrency: int(`Batch requests in flight at once within a step, 1 to 8 (default 4). Env: ${SETTINGS.concurrency.env}.`),
  retryBudgetSeconds: int(
    `How long one step may spend retrying, 1 to 3600 seconds (default 360). Env: ${SETTINGS.retryBudgetSeconds.env}.`,
  ),
};

const mappingsList = {
  type: "array",
  items: { $ref: `#/types/${MAPPING}` },
};

const inputProperties = {
  zoneId: str("The zone's ID (32 hexadecimal characters). Changing it replaces the resource."),
  mappings: {
    ...mappingsList,
    description: "The mappings this resource owns: one per origin IP, at most 3,500 per zone (Cloudflare's limit).",
  },
  adopt: bool("Take over mappings the zone already holds for declared IPs when the resource is created (default false)."),
  exclusive: bool(
    "The resource owns the zone's whole mapping set: mappings nobody declared are removed by `up`, shown by preview, and reported as drift by refresh (default false).",
  ),
  apiToken: { ...str("This resource's own Cloudflare API token, instead of the provider's (a secret)."), secret: true },
  apiTokenEnvVar: str("The name of an environment variable that holds this resource's token, read at every step."),
};

const properties = {
  zoneId: str("The zone's ID."),
  mappings: {
    type: "object",
    additionalProperties: { type: "string" },
    description:
      'The mappings now applied, keyed by canonical IP: `"<vendor>/<region>"` (a "/" in a vendor is written "%2F", a "%" as "%25").',
  },
  adopt: bool("Whether existing mappings were taken over at creation."),
  exclusive: bool("Whether the resource owns the zone's whole mapping set."),
  modifiedOn: str("When the zone's mappings last changed, as Cloudflare reports it."),
  apiFamily: str("The endpoint family the last step used (v1 or v2)."),
  implVersion: int("The behaviour version of the provider that wrote this state."),
  apiToken: { ...str("The resource's own token, when it has one (a secret)."), secret: true },
  apiTokenEnvVar: str("The name of the variable holding the resource's token, when it has one."),
};

/** The schema, for `version` (the plugin's version, which is the package's). */
export function schema(version: string): Record<string, unknown> {
  return {
    name: PACKAGE,
    displayName: "Cloudflare origin cloud regions",
    version,
    description: "Manages Cloudflare origin cloud-region mappings of a zone in batches: one resource for all the origin IPs of a zone.",
    keywords: ["pulumi", "cloudflare", "tiered-cache", "origin", "cloud-region"],
    license: "Apache-2.0",
    publisher: "pulumi-cloudflare-origin-cloud-regions",
    config: { variables: configVariables },
    // Names of the generated SDKs (npm run build:sdks). Node.js programs have the dynamic resource too.
    language: {
      nodejs: { packageName: `${PACKAGE}-plugin-sdk` },
      python: { packageName: "pulumi_cloudflare_origin_cloud_regions" },
      go: { importBasePath: GO_IMPORT_PATH },
    },
    provider: {
      description: "The provider's settings; each falls back to its environment variable, then its default.",
      properties: configVariables,
      inputProperties: configVariables,
    },
    types: {
      [MAPPING]: {
        type: "object",
        description: "One origin IP and the cloud region Cloudflare's tiered cache treats it as being in.",
        properties: {
          ip: str("The origin's IPv4 or IPv6 address."),
          vendor: str("The cloud vendor: aws, azure, gcp or oci."),
          region: str("The vendor's region name, e.g. us-east-1."),
        },
        required: ["ip", "vendor", "region"],
      },
    },
    resources: {
      [RESOURCE_TOKEN]: {
        description:
          "A set of Cloudflare origin cloud-region mappings in one zone, applied in batches of 100. Mappings it did not create are left alone unless `adopt` or `exclusive` says otherwise.",
        inputProperties,
        requiredInputs: ["zoneId", "mappings"],
        properties,
        required: ["zoneId", "mappings", "adopt", "exclusive"],
      },
    },
  };
}
