// The v2 endpoints (/origin/cloud_regions) over HTTP: single and batch PUT and DELETE, and the 3,500 ceiling.
import assert from "node:assert/strict";
import { ZONE, V2, call, ok, assertError, withEmu, item, v2item, manualClock, type V2Entry, type V2Batch } from "./support";

describe("emulator HTTP: v2 endpoints", () => {
  it("PUT one is an idempotent upsert whose body origin_ip must match the path IP", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      const path = `${V2}/${encodeURIComponent("2001:db8::1")}`;
      const created = ok(await call<V2Entry>(emu, "PUT", path, { body: v2item("2001:DB8:0::1", "gcp", "us-central1") }));
      assert.deepEqual(created, {
        origin_ip: "2001:db8::1",
        vendor: "gcp",
        region: "us-central1",
        modified_on: "2026-03-01T12:00:00.000Z",
      });
      c.advance(1000);
      assert.deepEqual(
        ok(await call<V2Entry>(emu, "PUT", path, { body: v2item("2001:db8::1", "gcp", "us-central1") })),
        created,
        "same again: nothing moves",
      );
      const changed = ok(await call<V2Entry>(emu, "PUT", path, { body: v2item("2001:db8::1", "gcp", "europe-west1") }));
      assert.deepEqual([changed.region, changed.modified_on], ["europe-west1", "2026-03-01T12:00:01.000Z"]);

      const mismatch = await call(emu, "PUT", path, { body: v2item("2001:db8::2", "gcp", "bogus-region") });
      assertError(mismatch, 400, 1146);
      assert.match(mismatch.body.errors[0]?.message ?? "", /ip_mismatch/);
      assertError(await call(emu, "PUT", path, { body: v2item("2001:db8::1", "gcp", "bogus-region") }), 400, 1157);
      assertError(await call(emu, "PUT", path, { body: v2item("2001:db8::1/128") }), 400, 1146);
      assertError(await call(emu, "PUT", `${V2}/not-an-ip`, { body: v2item("192.0.2.1") }), 400, 1146);
      const v1Shaped = await call(emu, "PUT", path, { body: item("2001:db8::1") });
      assertError(v1Shaped, 400, 1190);
      assert.match(v1Shaped.body.errors[0]?.message ?? "", /v2 requests use "origin_ip"/);
      assertError(await call(emu, "PUT", path), 400, 1190);
      assertError(await call(emu, "PUT", path, { rawBody: "{" }), 400, 1190);
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => [m.ip, m.region]),
        [["2001:db8::1", "europe-west1"]],
      );
    });
  });

  it("DELETE one answers {origin_ip} only, and 404/1142 when absent", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("2001:db8::1"));
      assert.deepEqual(ok(await call(emu, "DELETE", `${V2}/2001:DB8:0::1`)), { origin_ip: "2001:db8::1" });
      assertError(await call(emu, "DELETE", `${V2}/2001:db8::1`), 404, 1142);
      assertError(await call(emu, "DELETE", `${V2}/127.1`), 400, 1146);
      assert.deepEqual(emu.mappings(ZONE), []);
    });
  });

  it("PUT /batch merges, reports succeeded/failed flat, and hints when an item uses the v1 key", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("198.51.100.9", "oci", "us-ashburn-1"));
      const result = ok(
        await call<V2Batch>(emu, "PUT", `${V2}/batch`, {
          body: [
            v2item("192.0.2.1"),
            v2item("2001:DB8::1", "gcp", "us-central1"),
            v2item("198.51.100.1", "aws", "mars-1"),
            item("198.51.100.2"),
            v2item("2001:db8::1"),
            v2item("10.0.0.0/8"),
            "x",
          ],
        }),
      );
      assert.deepEqual(result, {
        succeeded: [
          { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
          { origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
        ],
        failed: [
          { origin_ip: "198.51.100.1", error: '[1157] region "mars-1" is not supported for vendor "aws"' },
          { origin_ip: "198.51.100.2", error: 'missing "origin_ip" (v2 requests use "origin_ip", not "ip" or "origin-ip")' },
          { origin_ip: "2001:db8::1", error: "duplicate IP in request" },
          { origin_ip: "10.0.0.0/8", error: '[1146] invalid IP address "10.0.0.0/8"' },
          { origin_ip: "x", error: 'item must be an object with "origin_ip", "vendor" and "region"' },
        ],
      });
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => m.ip),
        ["192.0.2.1", "198.51.100.9", "2001:db8::1"],
        "the mapping left out of the body is untouched (merge, not replace)",
      );
      ok(await call(emu, "PUT", `${V2}/batch`, { body: [] }));
      assert.equal(emu.mappings(ZONE).length, 3, "an empty batch removes nothing");
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: Array.from({ length: 101 }, (_, i) => v2item(`10.1.${i}.1`)) }), 400, 1191);
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: v2item("10.2.0.1") }), 400, 1190);
      assertError(await call(emu, "PUT", `${V2}/batch`), 400, 1190);
    });
  });

  it("DELETE /batch answers the deleted vendor and region, and not found as failed", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("192.0.2.1"));
      emu.putMapping(ZONE, item("2001:db8::1", "gcp", "us-central1"));
      const result = ok(await call<V2Batch>(emu, "DELETE", `${V2}/batch`, { body: ["2001:DB8:0::1", "192.0.2.99", "127.1", 5] }));
      assert.deepEqual(result, {
        succeeded: [{ origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1" }],
        failed: [
          { origin_ip: "192.0.2.99", error: "not found" },
          { origin_ip: "127.1", error: '[1146] invalid IP address "127.1"' },
          { origin_ip: "5", error: "item must be an IP address string" },
        ],
      });
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => m.ip),
        ["192.0.2.1"],
      );
      assertError(await call(emu, "DELETE", `${V2}/batch`, { body: Array.from({ length: 101 }, (_, i) => `10.1.${i}.1`) }), 400, 1191);
      assertError(await call(emu, "DELETE", `${V2}/batch`), 400, 1190);
    });
  });

  it("refuses with 403/1164, whole and before applying, a single PUT or batch PUT past 3,500 mappings", async () => {
    await withEmu({}, async (emu) => {
      for (let i = 0; i < 3499; i++) emu.putMapping(ZONE, item(`10.${i >> 8}.${i & 255}.1`));
      const before = emu.mappings(ZONE);
      assertError(
        await call(emu, "PUT", `${V2}/batch`, { body: [v2item("10.0.0.1", "aws", "us-west-2"), v2item("192.0.2.1"), v2item("192.0.2.2")] }),
        403,
        1164,
      );
      assert.deepEqual(emu.mappings(ZONE), before, "not even the update of an existing IP was applied");
      ok(await call(emu, "PUT", `${V2}/192.0.2.1`, { body: v2item("192.0.2.1") }));
      assertError(await call(emu, "PUT", `${V2}/192.0.2.2`, { body: v2item("192.0.2.2") }), 403, 1164);
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("192.0.2.2")] }), 403, 1164);
      ok(await call(emu, "PUT", `${V2}/10.0.0.1`, { body: v2item("10.0.0.1", "aws", "eu-west-1") }));
      assert.equal(emu.mappings(ZONE).length, 3500);
    });
  });
});
