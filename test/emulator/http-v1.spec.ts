// The v1 endpoints (/cache/origin_cloud_regions) over HTTP: single and batch calls, supported_regions, validation.
import assert from "node:assert/strict";
import {
  ZONE,
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

describe("emulator HTTP: v1 endpoints", () => {
  it("lists an empty zone as {value: [], modified_on: null} inside the setting envelope", async () => {
    await withEmu({}, async (emu) => {
      const reply = await call<Setting<Entry[]>>(emu, "GET", V1);
      assert.deepEqual(reply.body, {
        success: true,
        errors: [],
        messages: [],
        result: { id: "origin_public_cloud_region", editable: true, value: [], modified_on: null },
      });
      assert.match(reply.headers.get("content-type") ?? "", /application\/json/);
    });
  });

  it("POST creates one entry keyed origin-ip, and a second POST gets 400/1145", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      const created = ok(await call<Setting<Entry>>(emu, "POST", V1, { body: item("2001:0DB8:0000:0000:0000:0000:0000:0001") }));
      assert.deepEqual(created, {
        id: "origin_public_cloud_region",
        editable: true,
        value: { "origin-ip": "2001:db8::1", vendor: "aws", region: "us-east-1", modified_on: "2026-03-01T12:00:00.000Z" },
        modified_on: "2026-03-01T12:00:00.000Z",
      });
      assertError(await call(emu, "POST", V1, { body: item("2001:db8::1", "gcp", "us-central1") }), 400, 1145);
      assert.equal(emu.mappings(ZONE)[0]?.vendor, "aws");
    });
  });

  it("PATCH single upserts and answers with the whole list", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("192.0.2.1"));
      const result = ok(await call<Setting<Entry[]>>(emu, "PATCH", V1, { body: item("2001:db8::1", "gcp", "us-central1") }));
      assert.deepEqual(
        result.value.map((e) => [e["origin-ip"], e.vendor, e.region]),
        [
          ["192.0.2.1", "aws", "us-east-1"],
          ["2001:db8::1", "gcp", "us-central1"],
        ],
      );
      const again = ok(await call<Setting<Entry[]>>(emu, "PATCH", V1, { body: item("192.0.2.1", "aws", "us-west-2") }));
      assert.equal(again.value[0]?.region, "us-west-2");
      assert.equal(again.value.length, 2);
    });
  });

  it("GET one canonicalizes the path IP; missing IPs and empty zones give 404/1142", async () => {
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "GET", `${V1}/192.0.2.1`), 404, 1142);
      emu.putMapping(ZONE, item("2001:db8::1", "gcp", "us-central1"));
      for (const form of [encodeURIComponent("2001:DB8:0:0::1"), "2001:DB8:0:0::1", "2001:db8::1"]) {
        const got = ok(await call<Setting<Entry>>(emu, "GET", `${V1}/${form}`));
        assert.equal(got.value["origin-ip"], "2001:db8::1", form);
        assert.equal(got.value.vendor, "gcp");
        assert.equal(typeof got.value.modified_on, "string");
      }
      assertError(await call(emu, "GET", `${V1}/192.0.2.9`), 404, 1142);
      assertError(await call(emu, "GET", `${V1}/${encodeURIComponent("10.0.0.0/8")}`), 400, 1146);
      assertError(await call(emu, "GET", `${V1}/${encodeURIComponent("fe80::1%eth0")}`), 400, 1146);
    });
  });

  it("DELETE one returns the deleted entry, 404/1163 (v1 only) when missing, and an empty zone resets modified_on", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("192.0.2.1"));
      const deleted = ok(await call<Setting<Entry>>(emu, "DELETE", `${V1}/192.0.2.1`));
      assert.equal(deleted.value["origin-ip"], "192.0.2.1");
      assert.equal(deleted.value.region, "us-east-1");
      assert.equal(deleted.modified_on, null);
      assertError(await call(emu, "DELETE", `${V1}/192.0.2.1`), 404, 1163);
      const list = ok(await call<Setting<Entry[]>>(emu, "GET", V1));
      assert.deepEqual([list.value, list.modified_on], [[], null]);
    });
  });

  it("PATCH /batch reports succeeded (with vendor/region) and failed (with error) items", async () => {
    await withEmu({}, async (emu) => {
      const result = ok(
        await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, {
          body: [
            item("192.0.2.1"),
            item("2001:DB8::1", "gcp", "us-central1"),
            item("198.51.100.1", "aws", "mars-1"),
            item("198.51.100.2", "ibm", "x"),
            item("2001:db8::1"),
            item("10.0.0.0/8"),
          ],
        }),
      );
      assert.equal(result.id, "origin_public_cloud_region");
      assert.deepEqual(result.value, {
        succeeded: [
          { "origin-ip": "192.0.2.1", vendor: "aws", region: "us-east-1" },
          { "origin-ip": "2001:db8::1", vendor: "gcp", region: "us-central1" },
        ],
        failed: [
          { "origin-ip": "198.51.100.1", error: '[1157] region "mars-1" is not supported for vendor "aws"' },
          { "origin-ip": "198.51.100.2", error: '[1157] vendor "ibm" is not supported' },
          { "origin-ip": "2001:db8::1", error: "duplicate IP in request" },
          { "origin-ip": "10.0.0.0/8", error: '[1146] invalid IP address "10.0.0.0/8"' },
        ],
      });
      assert.equal(typeof result.modified_on, "string");
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => m.ip),
        ["192.0.2.1", "2001:db8::1"],
      );
      const nothing = ok(await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, { body: [item("1.2.3")] }));
      assert.equal(nothing.modified_on, null);
    });
  });

  it("DELETE /batch takes an array of IP strings and reports not found as failed", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("192.0.2.1"));
      emu.putMapping(ZONE, item("2001:db8::1", "gcp", "us-central1"));
      const result = ok(await call<Setting<BatchValue>>(emu, "DELETE", `${V1}/batch`, { body: ["2001:DB8:0::1", "192.0.2.99", "127.1"] }));
      assert.deepEqual(result.value, {
        succeeded: [{ "origin-ip": "2001:db8::1", vendor: "gcp", region: "us-central1" }],
        failed: [
          { "origin-ip": "192.0.2.99", error: "not found" },
          { "origin-ip": "127.1", error: '[1146] invalid IP address "127.1"' },
        ],
      });
      assert.equal(typeof result.modified_on, "string");
      assertError(await call(emu, "DELETE", `${V1}/batch`), 400, 1190);
      assertError(await call(emu, "DELETE", `${V1}/batch`, { body: { ips: ["192.0.2.1"] } }), 400, 1190);
    });
  });

  it("GET supported_regions returns the synthetic list, bare (no setting envelope)", async () => {
    await withEmu({}, async (emu) => {
      const regions = ok(await call<Regions>(emu, "GET", `${V1}/supported_regions`));
      assert.equal(regions.obtained_codes, true);
      assert.deepEqual(Object.keys(regions.vendors).sort(), ["aws", "azure", "gcp", "oci"]);
      assert.deepEqual(
        regions.vendors["aws"]?.find((r) => r.name === "us-east-1"),
        { name: "us-east-1", upper_tier_colos: ["IAD", "EWR"] },
      );
      assert.deepEqual(regions.vendors["gcp"]?.find((r) => r.name === "us-central1")?.upper_tier_colos, ["ORD"]);

      emu.setObtainedCodes(false);
      const noCodes = ok(await call<Regions>(emu, "GET", `${V1}/supported_regions`));
      assert.equal(noCodes.obtained_codes, false);
      assert.ok(Object.values(noCodes.vendors).every((list) => list.every((r) => r.upper_tier_colos.length === 0)));

      emu.setTieredCache(false);
      assertError(await call(emu, "GET", `${V1}/supported_regions`), 400, 1194);
      emu.setTieredCache(true);

      emu.setSupportedRegions({ aws: ["us-east-1", "made-up-1"] });
      const reduced = ok(await call<Regions>(emu, "GET", `${V1}/supported_regions`));
      assert.deepEqual(Object.keys(reduced.vendors), ["aws"]);
      const batch = ok(
        await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, {
          body: [item("192.0.2.1", "aws", "made-up-1"), item("192.0.2.2", "aws", "us-west-2"), item("192.0.2.3", "gcp", "us-central1")],
        }),
      );
      assert.deepEqual(
        batch.value.failed.map((f) => f.error),
        ['[1157] region "us-west-2" is not supported for vendor "aws"', '[1157] vendor "gcp" is not supported'],
      );
    });
  });

  it("single-item validation errors are 400 with the documented codes (1146 IP, 1157 vendor/region) or 1190 (body)", async () => {
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "POST", V1, { body: item("010.0.0.1") }), 400, 1146);
      assertError(await call(emu, "POST", V1, { body: item("10.0.0.1", "aws", "mars-1") }), 400, 1157);
      assertError(await call(emu, "PATCH", V1, { body: item("10.0.0.1", "ibm", "x") }), 400, 1157);
      assertError(await call(emu, "POST", V1, { body: { origin_ip: "10.0.0.1", vendor: "aws", region: "us-east-1" } }), 400, 1190);
      assertError(await call(emu, "POST", V1, { rawBody: "{not json" }), 400, 1190);
      assertError(await call(emu, "PATCH", V1), 400, 1190);
      assert.deepEqual(emu.mappings(ZONE), []);
    });
  });
});
