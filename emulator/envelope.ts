// Response envelope and error codes.
//
// Codes marked "documented/observed" come from reference §2.5: where the reference pages' example
// bodies give a code (1140, 1141, 1142, 1146, 1156, 1157), the emulator answers with it. The ones marked
// EMULATOR CHOICE answer situations Cloudflare documents only by name (or not at all); they sit together
// in 1190-1199, a range no documented code uses, so a client can never mistake one for a documented
// code. Clients must branch on the HTTP status for these, never on the number.

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
  // documented (reference §2.5, the reference pages' example bodies included)
  /** 404: no mapping for that IP (v1 GET one; v2 GET one and DELETE one). */
  entryNotFound: 1142,
  /** 404: no mapping for that IP (v1 DELETE one only). */
  v1DeleteNotFound: 1163,
  alreadyExists: 1145,
  tooManyMappings: 1164,
  /** 500 `internal_error` of a batch upsert (v1 batch PATCH; the emulator uses it for v2 batch PUT too). */
  batchUpsertInternalError: 1140,
  /** 500 `internal_error` of a batch delete (both families). */
  batchDeleteInternalError: 1141,
  /** 400: invalid IP, a body `origin_ip` that differs from the path's, or bad pagination parameters. */
  invalidIp: 1146,
  /** 400: invalid vendor or region (single-item endpoints; batch items name it in their `error`). */
  invalidVendorRegion: 1157,
  /** 5xx `region_validation_error`: "Failed to validate region against cloud vendor" (batch endpoints). */
  regionValidationError: 1156,
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
  // EMULATOR CHOICE: supported_regions while Tiered Cache is off ("requires Tiered Cache", error undocumented).
  tieredCacheDisabled: 1194,
  // EMULATOR CHOICE: a Host header that is not a loopback name (403; DNS-rebinding defence).
  forbiddenHost: 1199,
  // EMULATOR CHOICE: 5xx `internal_error` outside the batch endpoints (the examples give a code for batches only).
  internalError: 1195,
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

/** Which kind of endpoint an injected 5xx hits: the documented codes differ (reference §2.5). */
export type FaultEndpoint = "batch-upsert" | "batch-delete" | "other";

/**
 * An injected 5xx. `region_validation_error` is 1156 ("Failed to validate region against cloud
 * vendor"); `internal_error` is 1140 on a batch upsert, 1141 on a batch delete, and 1195 elsewhere
 * (emulator choice: the examples give no code for the other endpoints).
 */
export function serverError(status: number, code: "internal_error" | "region_validation_error", endpoint: FaultEndpoint = "other"): Reply {
  if (code === "region_validation_error") {
    return failure(status, { code: CODES.regionValidationError, message: "Failed to validate region against cloud vendor" });
  }
  const internal =
    endpoint === "batch-upsert"
      ? CODES.batchUpsertInternalError
      : endpoint === "batch-delete"
        ? CODES.batchDeleteInternalError
        : CODES.internalError;
  return failure(status, { code: internal, message: "internal_error: internal server error" });
}

/** v1 wraps every result except supported_regions in the zone-setting envelope (reference §3.1). */
export function setting(value: unknown, editable: boolean, modifiedOn: string | null): Record<string, unknown> {
  return { id: SETTING_ID, editable, value, modified_on: modifiedOn };
}
