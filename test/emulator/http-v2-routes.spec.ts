// The v2 endpoints (/origin/cloud_regions) over HTTP: supported_regions, unknown verbs, and the pipeline shared with v1.
import assert from "node:assert/strict";
import { ZONE, V1, V2, call, ok, assertError, withEmu, item, v2item, type V2Entry, type Regions } from "./support";

describe("emulator HTTP: v2 endpoints", () => {
  it("supported_regions has the v1 shape and honours the Tiered Cache switch", async () => {
    await withEmu({}, async (emu) => {
      assert.deepEqual(
        ok(await call<Regions>(emu, "GET", `${V2}/supported_regions`)),
        ok(await call<Regions>(emu, "GET", `${V1}/supported_regions`)),
      );
      emu.setTieredCache(false);
      assertError(await call(emu, "GET", `${V2}/supported_regions`), 400, 1194);
    });
  });

  it("answers every other verb on v2 paths like an unknown route", async () => {
    await withEmu({}, async (emu) => {
      const cases: Array<[string, string]> = [
        ["POST", V2],
        ["PATCH", V2],
        ["PUT", V2],
        ["DELETE", V2],
        ["GET", `${V2}/batch`],
        ["PATCH", `${V2}/batch`],
        ["POST", `${V2}/batch`],
        ["POST", `${V2}/192.0.2.1`],
        ["PATCH", `${V2}/192.0.2.1`],
        ["PUT", `${V2}/supported_regions`],
        ["GET", `${V2}/192.0.2.1/extra`],
        ["GET", `/zones/${ZONE.toUpperCase()}/origin/cloud_regions`],
      ];
      for (const [method, path] of cases) {
        const reply = await call(emu, method, path, method === "GET" ? {} : { body: [v2item("192.0.2.1")] });
        assertError(reply, 400, 7003, 7000);
        assert.equal(reply.body.errors[0]?.message, `Could not route to ${path}, perhaps your object identifier is invalid?`);
      }
      assert.deepEqual(emu.mappings(ZONE), []);
    });
  });

  it("goes through the same auth, read-only, rate-limit and fault pipeline as v1", async () => {
    // Only authorized, unfaulted requests count, and per credential: here just the three GETs below.
    await withEmu({ readOnlyToken: "read-only-token", rateLimit: { limit: 3, windowSeconds: 60 } }, async (emu) => {
      emu.putMapping(ZONE, item("192.0.2.1"));
      assertError(await call(emu, "GET", V2, { token: null }), 400, 9106);
      assertError(await call(emu, "GET", V2, { token: "wrong-token" }), 403, 10000);
      assert.equal(ok(await call<V2Entry[]>(emu, "GET", V2, { token: "read-only-token" })).length, 1);
      assertError(await call(emu, "PUT", `${V2}/batch`, { token: "read-only-token", body: [v2item("192.0.2.2")] }), 403, 10000);
      assertError(await call(emu, "DELETE", `${V2}/192.0.2.1`, { token: "read-only-token" }), 403, 10000);

      emu.faults.enqueue({ kind: "5xx", method: "PUT", path: /\/origin\/cloud_regions\/batch$/ });
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("192.0.2.2")] }), 500, 1140);
      assert.equal(emu.mappings(ZONE).length, 1, "the faulted write applied nothing");

      // One counter per credential, whichever family the request addresses.
      for (let i = 0; i < 3; i++) ok(await call(emu, "GET", i % 2 === 0 ? V1 : V2));
      const limited = await call(emu, "GET", V2);
      assertError(limited, 429, 971);
      assert.ok(limited.headers.get("retry-after"));
      assert.deepEqual(
        emu.requests.map((r) => r.status),
        [400, 403, 200, 403, 403, 500, 200, 200, 200, 429],
      );
    });
  });
});
