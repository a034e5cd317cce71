// Response envelope and error codes.
//
// Codes marked "documented/observed" come from reference §2.5. The ones marked EMULATOR CHOICE answer
// situations Cloudflare documents only by name (or not at all); they sit together in 1190-1199, a
// range no documented code uses, so a client can never mistake one for a documented code. Clients must
// branch on the HTTP status for these, never on the number.

export interface ApiMessage {
  code: number;
  message: string;
  error_chain?: ApiMessage[];
}

/** Added to the envelope of paginated lists (reference §2.1); only the v2 list is paginated. */
export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface Envelope {
  success: boolean;
  errors: ApiMessage[];
  messages: ApiMessage[];
  result: unknown;
  result_info?: ResultInfo;
}

export interface Reply {
  status: number;
  body: Envelope;
  headers?: Record<string, string>;
}

export const CODES = {
  // documented (reference §2.5)
  entryNotFoundGet: 1142,
  alreadyExists: 1145,
  entryNotFoundDelete: 1163,
  tooManyMappings: 1164,
  // observed
  rateLimited: 971,
  invalidHeaders: 6003,
  invalidEmailHeader: 6102,
  invalidKeyHeader: 6103,
  invalidAuthorizationHeader: 6111,
  couldNotRoute: 7003,
  noRoute: 7000,
  missingAuth: 9106,
  invalidAccessToken: 9109,
  authenticationError: 10000,
  // EMULATOR CHOICE: request body is not JSON, not the expected shape, or absent where required.
  invalidBody: 1190,
  // EMULATOR CHOICE: batch body holds more than 100 items (OpenAPI `maxItems: 100`).
  batchTooLarge: 1191,
  // EMULATOR CHOICE: doc name `invalid_ip` (single-item endpoints and path IPs).
  invalidIp: 1192,
  // EMULATOR CHOICE: doc name `invalid_vendor_region` (single-item endpoints).
  invalidVendorRegion: 1193,
  // EMULATOR CHOICE: supported_regions while Tiered Cache is off ("requires Tiered Cache", error undocumented).
  tieredCacheDisabled: 1194,
  // EMULATOR CHOICE: 5xx doc names `internal_error` and `region_validation_error`.
  internalError: 1195,
  regionValidationError: 1196,
  // EMULATOR CHOICE: doc name `invalid_pagination` (v2 list: page < 1, per_page outside 1-100, not an integer).
  invalidPagination: 1197,
  // EMULATOR CHOICE: doc name `ip_mismatch` (v2 PUT whose body origin_ip differs from the path IP).
  ipMismatch: 1198,
} as const;

export const SETTING_ID = "origin_public_cloud_region";
export const RATE_LIMIT_MESSAGE = "Please wait and consider throttling your request speed";

export function success(result: unknown, status = 200): Reply {
  return { status, body: { success: true, errors: [], messages: [], result } };
}

export function paginated(result: unknown[], info: ResultInfo): Reply {
  return { status: 200, body: { success: true, errors: [], messages: [], result, result_info: info } };
}

export function failure(status: number, ...errors: ApiMessage[]): Reply {
  return { status, body: { success: false, errors, messages: [], result: null } };
}

/** The answer Cloudflare gives for an unknown route and for a malformed identifier alike (§2.5). */
export function noRoute(path: string): Reply {
  return failure(
    400,
    { code: CODES.couldNotRoute, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
    { code: CODES.noRoute, message: "No route for that URI" },
  );
}

export function rateLimited(retryAfterSeconds: number): Reply {
  const reply = failure(429, { code: CODES.rateLimited, message: RATE_LIMIT_MESSAGE });
  reply.headers = { "retry-after": String(Math.max(0, Math.ceil(retryAfterSeconds))) };
  return reply;
}

export function serverError(status: number, code: "internal_error" | "region_validation_error"): Reply {
  return code === "region_validation_error"
    ? failure(status, { code: CODES.regionValidationError, message: "region_validation_error: the region validation backend failed" })
    : failure(status, { code: CODES.internalError, message: "internal_error: internal server error" });
}

/** v1 wraps every result except supported_regions in the zone-setting envelope (reference §3.1). */
export function setting(value: unknown, editable: boolean, modifiedOn: string | null): Record<string, unknown> {
  return { id: SETTING_ID, editable, value, modified_on: modifiedOn };
}
