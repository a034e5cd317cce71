// Both endpoint families over one store, each switched on or off alone, and request latency.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RecordedRequest } from "../../emulator";
import {
  ZONE,
  TOKEN,
  V1,
  V2,
  call,
  ok,
  assertError,
  withEmu,
  item,
  v2item,
  manualClock,
  type Entry,
  type Setting,
  type V2Entry,
} from "./support";

describe("emulator HTTP: one store, two families", () => {
  it("a v1 batch write reads back through the v2 list and single GET", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      ok(await call(emu, "PATCH", `${V1}/batch`, { body: [item("2001:db8::1", "gcp", "us-central1"), item("192.0.2.1")] }));
      assert.deepEqual(ok(await call<V2Entry[]>(emu, "GET", V2)), [
        { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1", modified_on: "2026-03-01T12:00:00.000Z" },
        { origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1", modified_on: "2026-03-01T12:00:00.000Z" },
      ]);
      assert.equal(ok(await call<V2Entry>(emu, "GET", `${V2}/2001:db8::1`)).region, "us-central1");
    });
  });

  it("a v2 write reads back through v1, which keeps the store's modified_on rules", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      ok(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("192.0.2.1"), v2item("192.0.2.2")] }));
      c.advance(1000);
      ok(await call(emu, "PUT", `${V2}/192.0.2.2`, { body: v2item("192.0.2.2", "aws", "us-west-2") }));
      const list = ok(await call<Setting<Entry[]>>(emu, "GET", V1));
      assert.deepEqual(list.value, [
        { "origin-ip": "192.0.2.1", vendor: "aws", region: "us-east-1", modified_on: "2026-03-01T12:00:00.000Z" },
        { "origin-ip": "192.0.2.2", vendor: "aws", region: "us-west-2", modified_on: "2026-03-01T12:00:01.000Z" },
      ]);
      assert.equal(list.modified_on, "2026-03-01T12:00:01.000Z");
      ok(await call(emu, "DELETE", `${V2}/batch`, { body: ["192.0.2.1", "192.0.2.2"] }));
      const empty = ok(await call<Setting<Entry[]>>(emu, "GET", V1));
      assert.deepEqual([empty.value, empty.modified_on], [[], null]);
    });
  });

  it("persists v2 writes to the same dataFile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-spec-"));
    const file = join(dir, "state.json");
    try {
      await withEmu({ dataFile: file }, async (emu) => {
        ok(await call(emu, "PUT", `${V2}/192.0.2.1`, { body: v2item("192.0.2.1") }));
      });
      await withEmu({ dataFile: file }, async (emu) => {
        assert.deepEqual(
          ok(await call<Setting<Entry[]>>(emu, "GET", V1)).value.map((e) => e["origin-ip"]),
          ["192.0.2.1"],
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("emulator: family switches and latency", () => {
  const ROUTE_CODES = [7003, 7000];

  it("setFamily switches each family's routes alone, and both together", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("192.0.2.1"));
      emu.setFamily("v1", "no-route");
      for (const [method, path] of [
        ["GET", V1],
        ["GET", `${V1}/192.0.2.1`],
        ["GET", `${V1}/supported_regions`],
        ["DELETE", `${V1}/batch`],
      ] as const) {
        assertError(await call(emu, method, path, method === "GET" ? {} : { body: ["192.0.2.1"] }), 400, ...ROUTE_CODES);
      }
      assert.equal(ok(await call<V2Entry[]>(emu, "GET", V2)).length, 1, "v2 still served");

      emu.setFamily("v1", "enabled");
      emu.setFamily("v2", "no-route");
      for (const [method, path] of [
        ["GET", V2],
        ["GET", `${V2}/192.0.2.1`],
        ["GET", `${V2}/supported_regions`],
        ["DELETE", `${V2}/batch`],
      ] as const) {
        assertError(await call(emu, method, path, method === "GET" ? {} : { body: ["192.0.2.1"] }), 400, ...ROUTE_CODES);
      }
      assert.equal(ok(await call<Setting<Entry[]>>(emu, "GET", V1)).value.length, 1, "v1 still served");

      emu.setFamily("v1", "no-route");
      assertError(await call(emu, "GET", V1), 400, ...ROUTE_CODES);
      assertError(await call(emu, "GET", V2), 400, ...ROUTE_CODES);
      assert.equal(emu.mappings(ZONE).length, 1, "switching routes off touches no data");
      emu.setFamily("v2", "enabled");
      ok(await call(emu, "GET", V2));
      assert.throws(() => emu.setFamily("v3" as "v1", "no-route"), RangeError);
      assert.throws(() => emu.setFamily("v1", "off" as "no-route"), RangeError);
    });
  });

  it("the families option starts with a family switched off; both default to enabled", async () => {
    await withEmu({ families: { v2: "no-route" } }, async (emu) => {
      assertError(await call(emu, "GET", V2), 400, ...ROUTE_CODES);
      ok(await call(emu, "GET", V1));
      emu.setFamily("v2", "enabled");
      ok(await call(emu, "GET", V2));
    });
    await withEmu({ families: { v1: "no-route" } }, async (emu) => {
      assertError(await call(emu, "GET", V1), 400, ...ROUTE_CODES);
      ok(await call(emu, "GET", V2));
    });
    await withEmu({ families: {} }, async (emu) => {
      ok(await call(emu, "GET", V1));
      ok(await call(emu, "GET", V2));
    });
    await assert.rejects(startEmulator({ families: { v1: "disabled" as "no-route" } }), RangeError);
  });

  it("latencyMs is validated, and a delayed request is still answered normally", async () => {
    for (const latencyMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      await assert.rejects(startEmulator({ latencyMs }), RangeError, String(latencyMs));
    }
    await withEmu({ latencyMs: 20 }, async (emu) => {
      ok(await call(emu, "PUT", `${V2}/192.0.2.1`, { body: v2item("192.0.2.1") }));
      assert.equal(ok(await call<Setting<Entry[]>>(emu, "GET", V1)).value.length, 1);
      assert.throws(() => emu.setLatency(-5), RangeError);
      emu.setLatency(0);
      ok(await call(emu, "GET", V2));
    });
  });

  it("latency holds a request back before it is applied; a later, faster request overtakes it; close() cuts the wait short", async () => {
    const settled: RecordedRequest[] = [];
    const emu = await startEmulator({ apiToken: TOKEN, latencyMs: 60_000, onRequest: (r) => settled.push(r) });
    let slow: Promise<string> | undefined;
    try {
      slow = call(emu, "PUT", `${V2}/192.0.2.1`, { body: v2item("192.0.2.1") }).then(
        () => "answered",
        () => "dropped",
      );
      while (emu.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100)); // let its body finish arriving, so it waits under 60 s
      emu.setLatency(0);
      ok(await call(emu, "GET", V2));
      assert.deepEqual(emu.mappings(ZONE), [], "the held-back write is not applied yet");
      assert.deepEqual(
        settled.map((r) => [r.method, r.status]),
        [["GET", 200]],
        "the later request was answered first",
      );
    } finally {
      await emu.close();
    }
    assert.equal(await slow, "dropped");
    // Without close() waking it, this request would only settle after 60 s (past mocha's timeout).
    while (settled.length < 2) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(
      settled.map((r) => [r.method, r.status]),
      [
        ["GET", 200],
        ["PUT", null],
      ],
    );
    assert.deepEqual(emu.mappings(ZONE), [], "a request cut short is never applied");
  });
});
