import assert from "node:assert/strict";
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  isRetryableTransportError,
  parseRetryAfter,
  retryDelayMs,
} from "../../provider/cloudflare/retry";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, factor: 2, maxDelayMs: 8000, maxRetryAfterMs: 300_000 };

describe("retryDelayMs", () => {
  it("Retry-After in seconds is authoritative and not jittered", () => {
    assert.equal(retryDelayMs(1, "3", policy, NOW, 0.99), 3000);
    assert.equal(retryDelayMs(4, "3", policy, NOW, 0), 3000);
  });
  it("Retry-After 0 means now", () => assert.equal(retryDelayMs(3, "0", policy, NOW, 0.5), 0));
  it("Retry-After as an HTTP-date counts from now", () => {
    assert.equal(retryDelayMs(1, "Sat, 28 Nov 2026 12:00:07 GMT", policy, NOW, 0.5), 7000);
  });
  it("an HTTP-date in the past means now", () => {
    assert.equal(retryDelayMs(1, "Sat, 28 Nov 2026 11:59:00 GMT", policy, NOW, 0.5), 0);
  });
  it("Retry-After is capped", () => assert.equal(retryDelayMs(1, "100000", policy, NOW, 0.5), 300_000));
  for (const bad of ["soon", "-1", "1.5", "", "  ", "12abc", "Mon, 99 Foo 2026"]) {
    it(`malformed Retry-After ${JSON.stringify(bad)} falls back to backoff with jitter`, () => {
      assert.equal(retryDelayMs(1, bad, policy, NOW, 0), 250);
      assert.equal(retryDelayMs(1, bad, policy, NOW, 1), 500);
    });
  }
  it("backoff doubles per attempt within [d/2, d] and is capped", () => {
    const lo = [1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, undefined, policy, NOW, 0));
    const hi = [1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, undefined, policy, NOW, 1));
    assert.deepEqual(lo, [250, 500, 1000, 2000, 4000, 4000]);
    assert.deepEqual(hi, [500, 1000, 2000, 4000, 8000, 8000]);
  });
  it("jitter spreads delays between the bounds", () => {
    assert.equal(retryDelayMs(2, undefined, policy, NOW, 0.5), 750);
  });
});

describe("parseRetryAfter", () => {
  it("absent is undefined", () => assert.equal(parseRetryAfter(undefined, NOW), undefined));
  it("seconds", () => assert.equal(parseRetryAfter("120", NOW), 120_000));
  it("padded seconds", () => assert.equal(parseRetryAfter(" 2 ", NOW), 2000));
});

describe("what is retried", () => {
  it("429 and 5xx only", () => {
    for (const s of [429, 500, 502, 503, 504, 599]) assert.ok(isRetryableStatus(s), String(s));
    for (const s of [200, 400, 401, 403, 404, 409, 422]) assert.ok(!isRetryableStatus(s), String(s));
  });
  it("transport failures by code", () => {
    assert.ok(isRetryableTransportError(Object.assign(new Error("x"), { code: "ECONNRESET" })));
    assert.ok(isRetryableTransportError(Object.assign(new Error("x"), { code: "UND_ERR_SOCKET" })));
    assert.ok(!isRetryableTransportError(new TypeError("programming error")));
    assert.ok(!isRetryableTransportError(Object.assign(new Error("x"), { code: "ERR_INVALID_URL" })));
  });
});
