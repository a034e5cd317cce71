// Shared by the contract specs (test/contract/*.spec.ts): the official Cloudflare TypeScript SDK
// (`cloudflare`, a pinned dev dependency) pointed at an emulator on a free loopback port, and runtime
// checks that an answer has the shape the SDK declares.
//
// The shapes are typed from the SDK's own declarations: `Shape<T>` needs exactly one check per key of
// T, split by whether T declares it required, so a field the SDK adds, renames or makes optional in a
// new version fails `npm run typecheck` here before any request is made.
import assert from "node:assert/strict";
import Cloudflare from "cloudflare";
import type {
  OriginCloudRegionBulkUpdateResponse,
  OriginCloudRegionDeleteResponse,
  OriginCloudRegionGetResponse,
  OriginCloudRegionSupportedRegionsResponse,
} from "cloudflare/resources/cache/origin-cloud-regions";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

export const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
export const TOKEN = "contract-token_0123456789";

/** The vendors the SDK declares for an entry, as a record so that a change of the union fails typecheck. */
export type SdkVendor = OriginCloudRegionGetResponse["vendor"];
const SDK_VENDORS: Record<SdkVendor, true> = { aws: true, azure: true, gcp: true, oci: true };

/** A client as a user would make one, with nothing taken from the environment and no retries. */
export function sdkClient(emulator: Emulator, token: string | null = TOKEN, legacy?: { email: string; key: string }): Cloudflare {
  return new Cloudflare({
    apiToken: token,
    apiEmail: legacy?.email ?? null,
    apiKey: legacy?.key ?? null,
    userServiceKey: null,
    baseURL: emulator.url,
    maxRetries: 0,
    logLevel: "off",
  });
}

/** Runs `fn` against a fresh emulator (accepting {@link TOKEN}) and a client of it; closes the emulator. */
export async function withSdk(
  options: EmulatorOptions,
  fn: (client: Cloudflare["cache"]["originCloudRegions"], emulator: Emulator, cf: Cloudflare) => Promise<void>,
): Promise<void> {
  const emulator = await startEmulator({ port: 0, apiToken: TOKEN, ...options });
  try {
    const cf = sdkClient(emulator);
    await fn(cf.cache.originCloudRegions, emulator, cf);
  } finally {
    await emulator.close();
  }
}

// ---- Shapes ---------------------------------------------------------------------------------------

type RequiredKeys<T> = { [K in keyof T]-?: T extends Record<K, T[K]> ? K : never }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;
/** Fails the test (AssertionError) when `value`, found at `at`, is not what the SDK declares. */
export type Check = (value: unknown, at: string) => void;

/** One check per key of T: `required` ones must be present, `optional` ones may be absent; no other key may be sent. */
export interface Shape<T> {
  required: { [K in RequiredKeys<T>]-?: Check };
  optional: { [K in OptionalKeys<T>]-?: Check };
}

export const isString: Check = (v, at) => assert.equal(typeof v, "string", `${at} is a string`);
export const isBoolean: Check = (v, at) => assert.equal(typeof v, "boolean", `${at} is a boolean`);
export const isSdkVendor: Check = (v, at) =>
  assert.ok(typeof v === "string" && Object.hasOwn(SDK_VENDORS, v), `${at}: ${String(v)} is an SDK vendor`);

export function arrayOf(check: Check): Check {
  return (v, at) => {
    assert.ok(Array.isArray(v), `${at} is an array`);
    v.forEach((item: unknown, i) => check(item, `${at}[${i}]`));
  };
}

export function recordOf(check: Check): Check {
  return (v, at) => {
    assert.ok(typeof v === "object" && v !== null && !Array.isArray(v), `${at} is an object`);
    for (const [key, item] of Object.entries(v)) check(item, `${at}.${key}`);
  };
}

export function shaped<T>(shape: Shape<T>): Check {
  return (v, at) => {
    assert.ok(typeof v === "object" && v !== null && !Array.isArray(v), `${at} is an object`);
    const record = v as Record<string, unknown>;
    const required = shape.required as Record<string, Check>;
    const optional = shape.optional as Record<string, Check>;
    for (const [key, check] of Object.entries(required)) {
      assert.ok(Object.hasOwn(record, key), `${at}.${key} is present (required by the SDK's type)`);
      check(record[key], `${at}.${key}`);
    }
    for (const [key, check] of Object.entries(optional)) if (Object.hasOwn(record, key)) check(record[key], `${at}.${key}`);
    const declared = new Set([...Object.keys(required), ...Object.keys(optional)]);
    assert.deepEqual(
      Object.keys(record).filter((k) => !declared.has(k)),
      [],
      `${at} has only fields the SDK declares`,
    );
  };
}

/** Asserts that `value` has the shape of T as the SDK declares it. */
export function conforms<T>(value: unknown, shape: Shape<T>, at: string): asserts value is T {
  shaped(shape)(value, at);
}

/** An entry of list, get and update (the SDK declares one interface per method; they are the same). */
export const ENTRY: Shape<OriginCloudRegionGetResponse> = {
  required: { origin_ip: isString, region: isString, vendor: isSdkVendor },
  optional: { modified_on: isString },
};

export const DELETED: Shape<OriginCloudRegionDeleteResponse> = { required: { origin_ip: isString }, optional: {} };

type BatchItem = OriginCloudRegionBulkUpdateResponse.Succeeded;
const BATCH_ITEM: Shape<BatchItem> = {
  required: { origin_ip: isString },
  optional: { error: isString, region: isString, vendor: isString },
};
/** The delete response's items have the same declaration; the shape of one serves both. */
export const BATCH: Shape<OriginCloudRegionBulkUpdateResponse> = {
  required: { succeeded: arrayOf(shaped(BATCH_ITEM)), failed: arrayOf(shaped(BATCH_ITEM)) },
  optional: {},
};

const REGION: Shape<OriginCloudRegionSupportedRegionsResponse.Vendor> = {
  required: { name: isString, upper_tier_colos: arrayOf(isString) },
  optional: {},
};
export const SUPPORTED_REGIONS: Shape<OriginCloudRegionSupportedRegionsResponse> = {
  required: { obtained_codes: isBoolean, vendors: recordOf(arrayOf(shaped(REGION))) },
  optional: {},
};

/** The rejection `promise` ends with: an instance of `errorClass` with that status and these error codes. */
export async function rejectsWith(
  promise: Promise<unknown>,
  errorClass: new (...args: never[]) => InstanceType<typeof Cloudflare.APIError>,
  status: number,
  codes: number[],
): Promise<InstanceType<typeof Cloudflare.APIError>> {
  const error = await promise.then(
    () => assert.fail(`expected ${errorClass.name}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof errorClass, `${errorClass.name} expected, got ${String(error)}`);
  assert.equal(error.status, status);
  assert.deepEqual(
    error.errors.map((e) => e.code),
    codes,
  );
  return error;
}
