// Text taken from a response reaches messages without control characters or escape sequences,
// each piece bounded in length and the number of pieces bounded.
import assert from "node:assert/strict";
import { unwrap } from "../../provider/cloudflare/envelope";
import { ApiError, AuthError, ConnectionError, EnvelopeError, MAX_SERVER_TEXT, serverText } from "../../provider/cloudflare/errors";

const fail = (errors: unknown[]) => ({ success: false, errors, messages: [], result: null });

/** The message `unwrap` throws for a failed answer carrying `errors`. */
function failureMessage(errors: unknown[], status = 400, requestId?: string): string {
  try {
    unwrap("list mappings", status, fail(errors), requestId);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("unwrap did not throw");
}

/** True when `text` holds a C0 or C1 control character, DEL or ESC included. */
const hasControl = (text: string) =>
  [...text].some((ch) => ch.charCodeAt(0) < 0x20 || (ch.charCodeAt(0) >= 0x7f && ch.charCodeAt(0) <= 0x9f));

describe("server text in errors", () => {
  it("serverText strips ANSI escapes, C0 and C1 controls and bidi marks; line breaks become one space", () => {
    assert.equal(serverText("\x1b[31mred\x1b[0m text"), "red text");
    assert.equal(serverText("title\x1b]0;pwned\x07 done"), "title done");
    assert.equal(serverText("line one\r\nline two\ttab"), "line one line two tab");
    assert.equal(serverText("bell\x07 nul\x00 del\x7f c1\x85\x9b2Jx"), "bell nul del c1 x");
    assert.equal(serverText("a\u202eb\u2066c"), "abc");
    assert.equal(serverText("plain text, unchanged"), "plain text, unchanged");
  });

  it("serverText cuts long text at the cap with an ellipsis, never inside a surrogate pair", () => {
    const long = serverText("x".repeat(10_000));
    assert.equal(long.length, MAX_SERVER_TEXT);
    assert.ok(long.endsWith("…"));
    const emoji = serverText("😀".repeat(400));
    assert.ok(emoji.length <= MAX_SERVER_TEXT);
    assert.ok(!/[\ud800-\udbff]…$/.test(emoji), "no lone high surrogate before the ellipsis");
  });

  it("errors[].message, error_chain and cf-ray reach the message cleaned and bounded", () => {
    const message = failureMessage(
      [
        {
          code: 6003,
          message: "Invalid request headers\n\x1b[2J\x1b[HPASSWORD: ",
          error_chain: [{ code: 6111, message: "Invalid format for Authorization header\x1b[0m" }],
        },
      ],
      400,
      "ray\r\nSet-Cookie: x",
    );
    assert.equal(
      message,
      "Failed to list mappings (400): [6003] Invalid request headers PASSWORD: " +
        "(chain: [6111] Invalid format for Authorization header) (cf-ray ray Set-Cookie: x)",
    );
    assert.ok(!hasControl(message));
  });

  it("a long server message is cut, and at most ten messages are kept, then how many more", () => {
    const one = failureMessage([{ code: 1000, message: "y".repeat(100_000) }]);
    assert.ok(one.length < MAX_SERVER_TEXT + 60, `${one.length} characters`);
    const many = failureMessage(Array.from({ length: 25 }, (_, i) => ({ code: 1000 + i, message: `problem ${i}\x1b[1m` })));
    assert.match(many, /\[1009\] problem 9; … and 15 more$/);
    assert.doesNotMatch(many, /problem 10/);
    assert.ok(!hasControl(many));
    const chained = failureMessage([
      { code: 6003, message: "a", error_chain: Array.from({ length: 20 }, (_, i) => ({ code: 6100 + i, message: `c${i}` })) },
    ]);
    assert.match(chained, /\(chain: \[6100\] c0; .*\[6108\] c8\); … and 11 more$/);
  });

  it("the error keeps the first ten items, cleaned, and is still classified by every code", () => {
    const errors = [
      ...Array.from({ length: 12 }, () => ({ code: 1000, message: "x\x1b[31m" })),
      { code: 10000, message: "Authentication error" },
    ];
    assert.throws(
      () => unwrap("list mappings", 400, fail(errors)),
      (e: unknown) => e instanceof AuthError && e.errors.length === 10 && e.errors.every((m) => m.message === "x"),
    );
  });

  it("a malformed error_chain is dropped, not a reason to distrust the envelope", () => {
    assert.throws(
      () => unwrap("list mappings", 403, fail([{ code: 10000, message: "Authentication error", error_chain: "nope" }])),
      (e: unknown) => e instanceof AuthError && e.message === "Failed to list mappings (403): [10000] Authentication error",
    );
  });

  it("errors built directly clean their texts too (transport errors, bad shapes, item lists)", () => {
    const api = new ApiError("upsert 1 mapping", 500, [{ code: 1, message: "\x1b[31mboom\x1b[0m" }]);
    assert.equal(api.message, "Failed to upsert 1 mapping (500): [1] boom");
    const conn = new ConnectionError("list mappings", Object.assign(new Error("socket\x1b[2K hang up\n"), { code: "ECONNRESET" }));
    assert.equal(conn.message, "Failed to list mappings: no answer from the Cloudflare API (ECONNRESET: socket hang up)");
    const bad = new EnvelopeError("list mappings", 200, `result.${"k".repeat(1000)}\x07: Invalid input`);
    assert.ok(!hasControl(bad.message));
    assert.ok(bad.message.length < MAX_SERVER_TEXT + 100);
  });
});
