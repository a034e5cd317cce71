// Routes: unknown paths, malformed and unknown zone ids, a family with no routes.
import assert from "node:assert/strict";
import { ZONE, OTHER_ZONE, TOKEN, V1, call, ok, assertError, withEmu, item, v2item } from "./support";

describe("emulator HTTP: routing", () => {
  const ROUTE_CODES = [7003, 7000];

  it("answers unknown routes and malformed zone ids with 400 and 7003/7000", async () => {
    await withEmu({}, async (emu) => {
      const reply = await call(emu, "GET", `/zones/${ZONE}/cache/no_such_thing`);
      assertError(reply, 400, ...ROUTE_CODES);
      assert.equal(
        reply.body.errors[0]?.message,
        `Could not route to /zones/${ZONE}/cache/no_such_thing, perhaps your object identifier is invalid?`,
      );
      assert.equal(reply.body.errors[1]?.message, "No route for that URI");
      for (const bad of [ZONE.toUpperCase(), ZONE.slice(1), `${ZONE}0`, "not-a-zone"]) {
        assertError(await call(emu, "GET", `/zones/${bad}/cache/origin_cloud_regions`), 400, ...ROUTE_CODES);
      }
      assertError(await call(emu, "PUT", V1, { body: item("192.0.2.1") }), 400, ...ROUTE_CODES);
      assertError(await call(emu, "GET", `${V1}/batch`), 400, ...ROUTE_CODES);
      assertError(await call(emu, "POST", `/zones/${ZONE}/origin/cloud_regions`, { body: v2item("192.0.2.1") }), 400, ...ROUTE_CODES);
      const outside = await fetch(`${emu.url.replace("/client/v4", "")}/zones/${ZONE}/cache/origin_cloud_regions`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(outside.status, 400);
      assert.ok(outside.headers.get("ratelimit"), "rate-limit headers on every answer");
    });
  });

  it("knows only the configured zones when `zones` is given", async () => {
    await withEmu({ zones: [OTHER_ZONE] }, async (emu) => {
      assertError(await call(emu, "GET", V1), 400, ...ROUTE_CODES);
      ok(await call(emu, "GET", `/zones/${OTHER_ZONE}/cache/origin_cloud_regions`));
      assert.throws(() => emu.putMapping(ZONE, item("192.0.2.1")), /does not exist/);
    });
  });

  it("setFamily('v1', 'no-route') removes every v1 route", async () => {
    await withEmu({}, async (emu) => {
      emu.setFamily("v1", "no-route");
      assertError(await call(emu, "GET", V1), 400, ...ROUTE_CODES);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] }), 400, ...ROUTE_CODES);
      assert.deepEqual(emu.mappings(ZONE), []);
      emu.setFamily("v1", "enabled");
      ok(await call(emu, "GET", V1));
    });
  });
});
