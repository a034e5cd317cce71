// Batch size, the 3,500-mapping ceiling, modified_on with an injected clock, and rejected regions, over HTTP.
import assert from "node:assert/strict";
import {
  ZONE,
  T0,
  V1,
  call,
  ok,
  assertError,
  withEmu,
  item,
  manualClock,
  type Entry,
  type Setting,
  type BatchValue,
  type Regions,
} from "./support";

describe("emulator HTTP: batches and limits", () => {
  it("accepts 100 items and refuses 101 or a non-array body with 400", async () => {
    await withEmu({}, async (emu) => {
      const hundred = Array.from({ length: 100 }, (_, i) => item(`10.0.${i}.1`));
      const result = ok(await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, { body: hundred }));
      assert.equal(result.value.succeeded.length, 100);
      const more = Array.from({ length: 101 }, (_, i) => item(`10.1.${i}.1`));
      assertError(await call(emu, "PATCH", `${V1}/batch`, { body: more }), 400, 1191);
      assertError(await call(emu, "DELETE", `${V1}/batch`, { body: more.map((m) => m.ip) }), 400, 1191);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { body: item("10.2.0.1") }), 400, 1190);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { rawBody: "[" }), 400, 1190);
      assert.equal(emu.mappings(ZONE).length, 100);
    });
  });

  it("rejects with 403/1164, whole and before applying, anything that would exceed 3,500 mappings", async () => {
    await withEmu({}, async (emu) => {
      for (let i = 0; i < 3499; i++) emu.putMapping(ZONE, item(`10.${i >> 8}.${i & 255}.1`));
      const before = emu.mappings(ZONE);
      const twoNew = [item("10.0.0.1", "aws", "us-west-2"), item("192.0.2.1"), item("192.0.2.2")];
      const refused = await call(emu, "PATCH", `${V1}/batch`, { body: twoNew });
      assertError(refused, 403, 1164);
      assert.deepEqual(emu.mappings(ZONE), before, "not even the update of an existing IP was applied");
      ok(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1"), item("10.0.0.1", "aws", "us-west-2")] }));
      assert.equal(emu.mappings(ZONE).length, 3500);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.2")] }), 403, 1164);
      assertError(await call(emu, "PATCH", V1, { body: item("192.0.2.2") }), 403, 1164);
      assertError(await call(emu, "POST", V1, { body: item("192.0.2.2") }), 403, 1164);
      ok(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1", "gcp", "us-central1")] }));
      ok(await call(emu, "PATCH", V1, { body: item("10.0.0.1", "aws", "eu-west-1") }));
    });
  });

  it("applies the modified_on rules with an injected clock", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      const at = (s: number): string => new Date(T0 + s * 1000).toISOString();
      ok(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1"), item("192.0.2.2")] }));
      c.advance(1000);
      const noop = ok(await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] }));
      assert.equal(noop.modified_on, at(0), "an unchanged re-apply does not move the set-level time");
      c.advance(1000);
      const changed = ok(await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1", "aws", "us-west-2")] }));
      assert.equal(changed.modified_on, at(2));
      const list = ok(await call<Setting<Entry[]>>(emu, "GET", V1));
      assert.equal(list.modified_on, at(2));
      assert.deepEqual(
        list.value.map((e) => e.modified_on),
        [at(2), at(0)],
      );
      c.advance(1000);
      const failedOnly = ok(await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, { body: [item("nope")] }));
      assert.equal(failedOnly.modified_on, null);
      const deleted = ok(await call<Setting<BatchValue>>(emu, "DELETE", `${V1}/batch`, { body: ["192.0.2.2"] }));
      assert.equal(deleted.modified_on, at(3));
      ok(await call(emu, "DELETE", `${V1}/batch`, { body: ["192.0.2.1"] }));
      const empty = ok(await call<Setting<Entry[]>>(emu, "GET", V1));
      assert.deepEqual([empty.value, empty.modified_on], [[], null]);
    });
  });

  it("rejectRegions fails listed pairs in batches although supported_regions still lists them", async () => {
    await withEmu({}, async (emu) => {
      emu.rejectRegions([
        { vendor: "aws", region: "us-east-1" },
        { vendor: "gcp", region: "us-central1", message: "backend says no" },
      ]);
      const result = ok(
        await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, {
          body: [item("192.0.2.1"), item("192.0.2.2", "gcp", "us-central1"), item("192.0.2.3", "aws", "us-west-2")],
        }),
      );
      assert.deepEqual(result.value.failed, [
        { "origin-ip": "192.0.2.1", error: "[1157] region not supported by the region validation backend" },
        { "origin-ip": "192.0.2.2", error: "[1157] backend says no" },
      ]);
      assert.equal(result.value.succeeded.length, 1);
      const regions = ok(await call<Regions>(emu, "GET", `${V1}/supported_regions`));
      assert.ok(regions.vendors["aws"]?.some((r) => r.name === "us-east-1"));
      emu.rejectRegions([]);
      ok(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] }));
      assert.equal(emu.mappings(ZONE).length, 2);
    });
  });
});
