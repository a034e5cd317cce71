import assert from "node:assert/strict";
import { unwrap } from "../../provider/cloudflare/envelope";
import {
  ApiError,
  AuthError,
  CloudflareError,
  EnvelopeError,
  FeatureUnavailableError,
  NotFoundError,
  RateLimitError,
} from "../../provider/cloudflare/errors";

const fail = (errors: Array<{ code: number; message: string }>) => ({ success: false, errors, messages: [], result: null });

describe("unwrap", () => {
  it("returns result on 2xx with success: true", () => {
    assert.deepEqual(
      unwrap("list mappings", 200, { success: true, errors: [], messages: [{ code: 10000, message: "info" }], result: { a: 1 } }).result,
      { a: 1 },
    );
  });
  it("a 200 with success: false is a failure", () => {
    assert.throws(
      () => unwrap("list mappings", 200, fail([{ code: 1000, message: "nope" }])),
      (e: unknown) => e instanceof ApiError && e.status === 200,
    );
  });
  it("success: true with a 4xx status is a failure", () => {
    assert.throws(() => unwrap("list mappings", 400, { success: true, errors: [], messages: [], result: null }), ApiError);
  });
  const cases: Array<[string, number, Array<{ code: number; message: string }>, new (...a: never[]) => ApiError, string]> = [
    [
      "route absent",
      400,
      [
        { code: 7003, message: "Could not route" },
        { code: 7000, message: "No route for that URI" },
      ],
      FeatureUnavailableError,
      "CF_FEATURE_UNAVAILABLE",
    ],
    ["rate limited", 429, [{ code: 971, message: "Please wait" }], RateLimitError, "CF_RATE_LIMITED"],
    ["bad token", 403, [{ code: 10000, message: "Authentication error" }], AuthError, "CF_AUTH"],
    ["missing headers", 400, [{ code: 9106, message: "Missing X-Auth-Key" }], AuthError, "CF_AUTH"],
    ["malformed header", 400, [{ code: 6003, message: "Invalid request headers" }], AuthError, "CF_AUTH"],
    ["not found", 404, [{ code: 1142, message: "not found" }], NotFoundError, "CF_NOT_FOUND"],
    ["zone full", 403, [{ code: 1164, message: "too many mappings" }], ApiError, "CF_API_ERROR"],
  ];
  for (const [name, status, errors, cls, code] of cases) {
    it(`${name} (${status}, ${errors.map((e) => e.code).join("/")}) → ${cls.name}`, () => {
      assert.throws(
        () => unwrap("upsert 120 mappings", status, fail(errors)),
        (e: unknown) =>
          e instanceof cls && e instanceof CloudflareError && e.code === code && e.status === status && e.errors.length === errors.length,
      );
    });
  }
  it("messages read 'Failed to <action> (<status>): [code] message'", () => {
    assert.throws(
      () =>
        unwrap(
          "upsert 120 mappings",
          429,
          fail([{ code: 971, message: "Please wait and consider throttling your request speed" }]),
          "abc123",
        ),
      {
        message: "Failed to upsert 120 mappings (429): [971] Please wait and consider throttling your request speed (cf-ray abc123)",
      },
    );
  });
  it("a body that is not an envelope is an EnvelopeError on 2xx", () => {
    assert.throws(() => unwrap("list mappings", 200, { hello: "world" }), EnvelopeError);
  });
  it("a non-envelope error body keeps its status", () => {
    assert.throws(
      () => unwrap("list mappings", 502, "<html>bad gateway</html>"),
      (e: unknown) => e instanceof ApiError && e.status === 502,
    );
  });
});
