// Authentication: missing, malformed and wrong credentials, the legacy key pair, read-only tokens.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { secretEquals } from "../../emulator/auth";
import { ZONE, TOKEN, V1, call, ok, assertError, withEmu, item, type Entry, type Setting } from "./support";

describe("emulator HTTP: authentication", () => {
  it("missing credentials → 400/9106; malformed Authorization → 400/6003 with error_chain 6111", async () => {
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "GET", V1, { token: null }), 400, 9106);
      for (const header of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer two words", TOKEN]) {
        const reply = await call(emu, "GET", V1, { token: null, headers: { authorization: header } });
        assertError(reply, 400, 6003);
        assert.deepEqual(
          reply.body.errors[0]?.error_chain?.map((e) => e.code),
          [6111],
        );
      }
      assertError(await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "a@example.com" } }), 400, 9106);
    });
  });

  it("a wrong token → 403/10000 (or 9109 when selected); any well-formed token passes when none is configured", async () => {
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "GET", V1, { token: "wrong-token" }), 403, 10000);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { token: "wrong-token", body: [item("192.0.2.1")] }), 403, 10000);
      assert.deepEqual(emu.mappings(ZONE), []);
    });
    await withEmu({ wrongTokenCode: 9109 }, async (emu) => {
      assertError(await call(emu, "GET", V1, { token: "wrong-token" }), 403, 9109);
    });
    const emu = await startEmulator();
    try {
      ok(await call(emu, "GET", V1, { token: "anything-at-all" }));
    } finally {
      await emu.close();
    }
  });

  it("accepts the configured legacy X-Auth-Email + X-Auth-Key pair only", async () => {
    await withEmu({ legacyAuth: { email: "ops@example.com", key: "abc123def456" } }, async (emu) => {
      ok(await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "ops@example.com", "x-auth-key": "abc123def456" } }));
      assertError(
        await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "ops@example.com", "x-auth-key": "wrong" } }),
        403,
        10000,
      );
      const badEmail = await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "nope", "x-auth-key": "abc123def456" } });
      assertError(badEmail, 400, 6003);
      assert.equal(badEmail.body.errors[0]?.error_chain?.[0]?.code, 6102);
    });
    await withEmu({}, async (emu) => {
      assertError(
        await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "ops@example.com", "x-auth-key": "abc123def456" } }),
        403,
        10000,
      );
    });
  });

  it("a read-only token reads with editable:false and its writes get 403/10000", async () => {
    await withEmu({ readOnlyToken: "read-only-token" }, async (emu) => {
      emu.putMapping(ZONE, item("192.0.2.1"));
      const list = ok(await call<Setting<Entry[]>>(emu, "GET", V1, { token: "read-only-token" }));
      assert.equal(list.editable, false);
      assert.equal(ok(await call<Setting<Entry[]>>(emu, "GET", V1)).editable, true);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { token: "read-only-token", body: [item("192.0.2.2")] }), 403, 10000);
      assertError(await call(emu, "DELETE", `${V1}/192.0.2.1`, { token: "read-only-token" }), 403, 10000);
      assert.equal(emu.mappings(ZONE).length, 1);
      assert.deepEqual(
        emu.requests.map((r) => r.authorized),
        [true, true, false, false],
      );
    });
  });

  it("setApiToken rotates the accepted token at run time: the old one is refused from the next request on", async () => {
    await withEmu({}, async (emu) => {
      ok(await call(emu, "GET", V1));
      emu.setApiToken("rotated-token_2");
      assertError(await call(emu, "GET", V1), 403, 10000);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] }), 403, 10000);
      ok(await call(emu, "PATCH", `${V1}/batch`, { token: "rotated-token_2", body: [item("192.0.2.1")] }));
      assert.equal(emu.mappings(ZONE).length, 1);
      emu.setApiToken(undefined);
      ok(await call(emu, "GET", V1, { token: "anything-at-all" }));
      for (const bad of ["", "two words", "tok\n"]) assert.throws(() => emu.setApiToken(bad), /b64token/, JSON.stringify(bad));
      assert.deepEqual(
        emu.requests.map((r) => r.authorized),
        [true, false, false, true, true],
      );
    });
  });

  it("compares secrets through equal-length digests (constant time), whatever the lengths", () => {
    assert.equal(secretEquals("abc", "abc"), true);
    for (const other of ["abd", "ab", "abcd", "", "ABC"]) assert.equal(secretEquals(other, "abc"), false, other);
  });

  it("refuses a legacy pair that no request could match at start", async () => {
    await assert.rejects(startEmulator({ legacyAuth: { email: "no-at-sign", key: "abc123" } }), /not an email address/);
    await assert.rejects(startEmulator({ legacyAuth: { email: "a@example.com", key: "has-dash" } }), /letters and digits/);
  });
});
