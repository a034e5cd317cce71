// Tests of the Cloudflare origin cloud regions emulator (v1 and v2 families over one store): pure units
// (ip, store, faults) without sockets, then the HTTP surface. Every HTTP test starts its own emulator
// on port 0 and closes it.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator, type EmulatorOptions, type RecordedRequest } from "../../emulator";
import { FaultInjector, type Fault } from "../../emulator/faults";
import { canonicalizeIp, compareIps } from "../../emulator/ip";
import { ZoneStore, validateItem, type ItemValidator, type RegionCheck } from "../../emulator/store";
import { V1_KEYS } from "../../emulator/v1";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const OTHER_ZONE = "0123456789abcdef0123456789abcdef";
const TOKEN = "test-token_0123456789";
const T0 = Date.parse("2026-03-01T12:00:00.000Z");

interface ApiError {
  code: number;
  message: string;
  error_chain?: ApiError[];
}
interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}
interface Envelope<R> {
  success: boolean;
  errors: ApiError[];
  messages: unknown[];
  result: R | null;
  result_info?: ResultInfo;
}
interface Entry {
  "origin-ip": string;
  vendor: string;
  region: string;
  modified_on?: string;
}
interface Setting<V> {
  id: string;
  editable: boolean;
  value: V;
  modified_on: string | null;
}
interface BatchValue {
  succeeded: Array<{ "origin-ip": string; vendor?: string; region?: string }>;
  failed: Array<{ "origin-ip": string; error: string }>;
}
interface V2Entry {
  origin_ip: string;
  vendor: string;
  region: string;
  modified_on?: string;
}
interface V2Batch {
  succeeded: Array<{ origin_ip: string; vendor?: string; region?: string }>;
  failed: Array<{ origin_ip: string; error: string }>;
}
interface Regions {
  obtained_codes: boolean;
  vendors: Record<string, Array<{ name: string; upper_tier_colos: string[] }>>;
}
interface Reply<R> {
  status: number;
  headers: Headers;
  body: Envelope<R>;
}
interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

const V1 = `/zones/${ZONE}/cache/origin_cloud_regions`;
const V2 = `/zones/${ZONE}/origin/cloud_regions`;

async function call<R = unknown>(emu: Emulator, method: string, path: string, opts: CallOptions = {}): Promise<Reply<R>> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token !== null) headers["authorization"] = `Bearer ${token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, body === undefined ? { method, headers } : { method, headers, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Envelope<R> };
}

/** The result of a successful call; fails the test with the errors otherwise. */
function ok<R>(reply: Reply<R>): R {
  assert.equal(reply.body.success, true, JSON.stringify(reply.body.errors));
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body.errors, []);
  assert.ok(reply.body.result !== null);
  return reply.body.result;
}

function assertError(reply: Reply<unknown>, status: number, ...codes: number[]): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.success, false);
  assert.equal(reply.body.result, null);
  assert.deepEqual(reply.body.messages, []);
  assert.deepEqual(
    reply.body.errors.map((e) => e.code),
    codes,
  );
}

async function withEmu(options: EmulatorOptions, fn: (emu: Emulator) => Promise<void>): Promise<void> {
  const emu = await startEmulator({ apiToken: TOKEN, ...options });
  try {
    await fn(emu);
  } finally {
    await emu.close();
  }
}

function item(ip: string, vendor = "aws", region = "us-east-1"): { ip: string; vendor: string; region: string } {
  return { ip, vendor, region };
}

function v2item(ip: string, vendor = "aws", region = "us-east-1"): { origin_ip: string; vendor: string; region: string } {
  return { origin_ip: ip, vendor, region };
}

function manualClock(start = T0): { clock: () => Date; advance(ms: number): void } {
  let now = start;
  return { clock: () => new Date(now), advance: (ms) => (now += ms) };
}

// ───────────────────────────────────────────── pure units ─────────────────────────────────────────────

describe("emulator/ip (pure)", () => {
  it("prints IPv6 in RFC 5952 form", () => {
    const cases: Array<[string, string]> = [
      ["2001:0DB8:0:0::0001", "2001:db8::1"],
      ["2001:DB8:0:0::1", "2001:db8::1"],
      ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // a single zero group is never compressed
      ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // tie: leftmost run
      ["1:0:0:2:0:0:0:3", "1:0:0:2::3"], // longest run wins
      ["0:0:0:0:0:0:0:0", "::"],
      ["0:0:0:0:0:0:0:1", "::1"],
      ["1:0:0:0:0:0:0:0", "1::"],
      ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
      ["::ffff:192.0.2.1", "::ffff:192.0.2.1"], // IPv4-mapped keeps the dotted tail
      ["::FFFF:C000:0201", "::ffff:192.0.2.1"],
      ["64:ff9b::192.0.2.1", "64:ff9b::c000:201"], // other embedded forms print in hex
      ["192.0.2.1", "192.0.2.1"],
      ["0.0.0.0", "0.0.0.0"],
      ["255.255.255.255", "255.255.255.255"],
    ];
    for (const [input, expected] of cases) assert.equal(canonicalizeIp(input), expected, input);
  });

  it("rejects legacy, padded, CIDR, zone-index and malformed forms", () => {
    for (const bad of [
      "010.0.0.1",
      "127.1",
      "0x7f.0.0.1",
      "1.2.3.256",
      "1.2.3",
      "1.2.3.4.5",
      " 1.2.3.4",
      "10.0.0.0/8",
      "2001:db8::/32",
      "fe80::1%eth0",
      "fe80::1%25eth0",
      "1:2:3:4:5:6:7:8:9",
      "1::2::3",
      ":::",
      "12345::1",
      "::ffff:01.2.3.4",
      "1.2.3.4::",
      "[::1]",
      "",
    ]) {
      assert.equal(canonicalizeIp(bad), null, bad);
    }
    assert.equal(canonicalizeIp(42), null);
  });

  it("orders IPv4 before IPv6, numerically", () => {
    const sorted = ["2001:db8::1", "10.0.0.2", "::1", "9.0.0.1", "10.0.0.10"].sort(compareIps);
    assert.deepEqual(sorted, ["9.0.0.1", "10.0.0.2", "10.0.0.10", "::1", "2001:db8::1"]);
  });
});

describe("emulator/store (pure)", () => {
  const accept: RegionCheck = (vendor) => (vendor === "aws" ? null : `vendor "${vendor}" is not supported`);
  const v1Items: ItemValidator = (raw) => validateItem(raw, accept, V1_KEYS);

  it("creates, lists sorted, gets canonically and refuses a second create", () => {
    const c = manualClock();
    const store = new ZoneStore(c.clock);
    assert.equal(store.modifiedOn(ZONE), null);
    assert.deepEqual(store.create(ZONE, item("10.0.0.2")), { ok: true, mapping: { ...item("10.0.0.2"), modifiedOn: "2026-03-01T12:00:00.000Z" } });
    store.create(ZONE, item("2001:DB8::1"));
    store.create(ZONE, item("10.0.0.1"));
    assert.deepEqual(
      store.list(ZONE).map((m) => m.ip),
      ["10.0.0.1", "10.0.0.2", "2001:db8::1"],
    );
    assert.equal(store.get(ZONE, "2001:db8:0:0::1")?.ip, "2001:db8::1");
    assert.deepEqual(store.create(ZONE, item("10.0.0.1", "aws", "us-west-2")), { ok: false, reason: "exists" });
    assert.equal(store.size(OTHER_ZONE), 0);
  });

  it("bumps per-entry modified_on only on a real change, and the set-level one on any applied change", () => {
    const c = manualClock();
    const store = new ZoneStore(c.clock);
    store.upsert(ZONE, item("10.0.0.1"));
    const t0 = "2026-03-01T12:00:00.000Z";
    c.advance(1000);
    store.upsert(ZONE, item("10.0.0.1")); // same vendor/region: nothing changes
    assert.equal(store.get(ZONE, "10.0.0.1")?.modifiedOn, t0);
    assert.equal(store.modifiedOn(ZONE), t0);
    c.advance(1000);
    store.upsert(ZONE, item("10.0.0.2"));
    assert.equal(store.get(ZONE, "10.0.0.1")?.modifiedOn, t0);
    assert.equal(store.modifiedOn(ZONE), "2026-03-01T12:00:02.000Z");
    c.advance(1000);
    store.upsert(ZONE, item("10.0.0.1", "aws", "us-west-2"));
    assert.equal(store.get(ZONE, "10.0.0.1")?.modifiedOn, "2026-03-01T12:00:03.000Z");
    c.advance(1000);
    store.delete(ZONE, "10.0.0.2");
    assert.equal(store.modifiedOn(ZONE), "2026-03-01T12:00:04.000Z");
    store.delete(ZONE, "10.0.0.1");
    assert.equal(store.modifiedOn(ZONE), null, "deleting the last mapping resets the set-level modified_on");
  });

  it("validates batch items one by one, flags duplicates and applies only the valid ones", () => {
    const store = new ZoneStore(manualClock().clock);
    const outcome = store.batchUpsert(
      ZONE,
      [item("10.0.0.1"), item("010.0.0.1"), item("10.0.0.2", "ibm"), { ip: "10.0.0.3" }, { origin_ip: "10.0.0.4", vendor: "aws", region: "r" }, item("10.0.0.01"), item("10.0.0.1"), "x"],
      v1Items,
    );
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.result.succeeded, [item("10.0.0.1")]);
    assert.deepEqual(outcome.result.failed, [
      { ip: "010.0.0.1", error: 'invalid IP address "010.0.0.1"' },
      { ip: "10.0.0.2", error: 'vendor "ibm" is not supported' },
      { ip: "10.0.0.3", error: 'missing "vendor"' },
      { ip: "10.0.0.4", error: 'missing "ip" (v1 requests use "ip", not "origin_ip" or "origin-ip")' },
      { ip: "10.0.0.01", error: 'invalid IP address "10.0.0.01"' },
      { ip: "10.0.0.1", error: "duplicate IP in request" },
      { ip: "x", error: 'item must be an object with "ip", "vendor" and "region"' },
    ]);
    assert.equal(outcome.result.modifiedOn, "2026-03-01T12:00:00.000Z");
    assert.deepEqual(
      store.list(ZONE).map((m) => m.ip),
      ["10.0.0.1"],
    );
    const none = store.batchUpsert(ZONE, [item("bad")], v1Items);
    assert.ok(none.ok);
    assert.equal(none.result.modifiedOn, null, "modified_on is null when the batch applied nothing");
  });

  it("rejects a batch upsert whole when it would exceed the ceiling", () => {
    const store = new ZoneStore(manualClock().clock, 3);
    store.upsert(ZONE, item("10.0.0.1"));
    store.upsert(ZONE, item("10.0.0.2"));
    const before = store.revision;
    assert.deepEqual(store.batchUpsert(ZONE, [item("10.0.0.1", "aws", "us-west-2"), item("10.0.0.3"), item("10.0.0.4")], v1Items), { ok: false, reason: "limit" });
    assert.equal(store.revision, before);
    assert.equal(store.get(ZONE, "10.0.0.1")?.region, "us-east-1", "nothing applied, not even the update");
    const fits = store.batchUpsert(ZONE, [item("10.0.0.1", "aws", "us-west-2"), item("10.0.0.3"), item("bad")], v1Items);
    assert.ok(fits.ok);
    assert.equal(store.size(ZONE), 3);
    assert.deepEqual(store.upsert(ZONE, item("10.0.0.9")), { ok: false, reason: "limit" });
    assert.deepEqual(store.create(ZONE, item("10.0.0.9")), { ok: false, reason: "limit" });
  });

  it("batch delete reports not found, invalid and duplicate IPs", () => {
    const store = new ZoneStore(manualClock().clock);
    store.upsert(ZONE, item("2001:db8::1", "gcp", "us-central1"));
    const result = store.batchDelete(ZONE, ["2001:DB8:0::1", "10.9.9.9", "nope", "2001:db8::1", 7]);
    assert.deepEqual(result.succeeded, [item("2001:db8::1", "gcp", "us-central1")]);
    assert.deepEqual(result.failed, [
      { ip: "10.9.9.9", error: "not found" },
      { ip: "nope", error: 'invalid IP address "nope"' },
      { ip: "2001:db8::1", error: "duplicate IP in request" },
      { ip: "7", error: "item must be an IP address string" },
    ]);
    assert.equal(result.modifiedOn, null, "zone is empty again");
    assert.equal(store.batchDelete(ZONE, ["10.9.9.9"]).modifiedOn, null);
  });

  it("snapshots and restores, and refuses a malformed snapshot", () => {
    const store = new ZoneStore(manualClock().clock);
    store.upsert(ZONE, item("10.0.0.1"));
    store.upsert(OTHER_ZONE, item("::1", "oci", "us-ashburn-1"));
    const copy = new ZoneStore(manualClock(0).clock);
    copy.restore(JSON.parse(JSON.stringify(store.snapshot())));
    assert.deepEqual(copy.snapshot(), store.snapshot());
    assert.throws(() => copy.restore({ version: 2, zones: {} }), /version 1/);
    assert.throws(() => copy.restore({ version: 1, zones: { [ZONE]: { mappings: [{ ip: "bad", vendor: "aws", region: "x", modifiedOn: "t" }] } } }), /invalid IP/);
    assert.deepEqual(copy.snapshot(), store.snapshot(), "a failed restore leaves state untouched");
  });
});

describe("emulator/faults (pure)", () => {
  function sequence(seed: number, n: number): Array<string | undefined> {
    const f = new FaultInjector();
    f.setRates({ rate429: 0.2, rate5xx: 0.2, rateReset: 0.1, seed });
    return Array.from({ length: n }, () => f.take("GET", "/x")?.kind);
  }

  it("draws the same faults for the same seed", () => {
    assert.deepEqual(sequence(7, 50), sequence(7, 50));
    assert.notDeepEqual(sequence(7, 50), sequence(8, 50));
    const kinds = new Set(sequence(7, 200));
    for (const k of ["429", "5xx", "reset", undefined]) assert.ok(kinds.has(k), String(k));
  });

  it("lets a request through after maxConsecutive faults", () => {
    const f = new FaultInjector();
    f.setRates({ rate5xx: 1, maxConsecutive: 2 });
    const kinds = Array.from({ length: 6 }, () => f.take("GET", "/x")?.kind);
    assert.deepEqual(kinds, ["5xx", "5xx", undefined, "5xx", "5xx", undefined]);
  });

  it("consumes the first scripted fault whose method and path match", () => {
    const f = new FaultInjector();
    f.enqueue({ kind: "5xx", method: "patch", path: /\/batch$/g }, { kind: "429", retryAfter: 3 });
    assert.deepEqual(f.take("GET", "/a/batch"), { kind: "429", retryAfter: 3 });
    assert.equal(f.take("GET", "/a/batch"), undefined);
    const fault: Fault | undefined = f.take("PATCH", "/a/batch");
    assert.deepEqual(fault, { kind: "5xx" });
    assert.equal(f.pending(), 0);
    assert.throws(() => f.enqueue({ kind: "delay", ms: -1 }), RangeError);
    assert.throws(() => f.setRates({ rate429: 0.6, rate5xx: 0.6 }), RangeError);
  });
});

// ───────────────────────────────────────────── HTTP surface ─────────────────────────────────────────────

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
      assertError(await call(emu, "GET", `${V1}/${encodeURIComponent("10.0.0.0/8")}`), 400, 1192);
      assertError(await call(emu, "GET", `${V1}/${encodeURIComponent("fe80::1%eth0")}`), 400, 1192);
    });
  });

  it("DELETE one returns the deleted entry, 404/1163 when missing, and an empty zone resets modified_on", async () => {
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
          body: [item("192.0.2.1"), item("2001:DB8::1", "gcp", "us-central1"), item("198.51.100.1", "aws", "mars-1"), item("198.51.100.2", "ibm", "x"), item("2001:db8::1"), item("10.0.0.0/8")],
        }),
      );
      assert.equal(result.id, "origin_public_cloud_region");
      assert.deepEqual(result.value, {
        succeeded: [
          { "origin-ip": "192.0.2.1", vendor: "aws", region: "us-east-1" },
          { "origin-ip": "2001:db8::1", vendor: "gcp", region: "us-central1" },
        ],
        failed: [
          { "origin-ip": "198.51.100.1", error: 'region "mars-1" is not supported for vendor "aws"' },
          { "origin-ip": "198.51.100.2", error: 'vendor "ibm" is not supported' },
          { "origin-ip": "2001:db8::1", error: "duplicate IP in request" },
          { "origin-ip": "10.0.0.0/8", error: 'invalid IP address "10.0.0.0/8"' },
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
          { "origin-ip": "127.1", error: 'invalid IP address "127.1"' },
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
      assert.deepEqual(regions.vendors["aws"]?.find((r) => r.name === "us-east-1"), { name: "us-east-1", upper_tier_colos: ["IAD", "EWR"] });
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
      const batch = ok(await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1", "aws", "made-up-1"), item("192.0.2.2", "aws", "us-west-2"), item("192.0.2.3", "gcp", "us-central1")] }));
      assert.deepEqual(
        batch.value.failed.map((f) => f.error),
        ['region "us-west-2" is not supported for vendor "aws"', 'vendor "gcp" is not supported'],
      );
    });
  });

  it("single-item validation errors are 400 with the emulator's codes", async () => {
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "POST", V1, { body: item("010.0.0.1") }), 400, 1192);
      assertError(await call(emu, "POST", V1, { body: item("10.0.0.1", "aws", "mars-1") }), 400, 1193);
      assertError(await call(emu, "PATCH", V1, { body: item("10.0.0.1", "ibm", "x") }), 400, 1193);
      assertError(await call(emu, "POST", V1, { body: { origin_ip: "10.0.0.1", vendor: "aws", region: "us-east-1" } }), 400, 1190);
      assertError(await call(emu, "POST", V1, { rawBody: "{not json" }), 400, 1190);
      assertError(await call(emu, "PATCH", V1), 400, 1190);
      assert.deepEqual(emu.mappings(ZONE), []);
    });
  });
});

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
      emu.rejectRegions([{ vendor: "aws", region: "us-east-1" }, { vendor: "gcp", region: "us-central1", message: "backend says no" }]);
      const result = ok(await call<Setting<BatchValue>>(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1"), item("192.0.2.2", "gcp", "us-central1"), item("192.0.2.3", "aws", "us-west-2")] }));
      assert.deepEqual(result.value.failed, [
        { "origin-ip": "192.0.2.1", error: "region not supported by the region validation backend" },
        { "origin-ip": "192.0.2.2", error: "backend says no" },
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

describe("emulator HTTP: v2 endpoints", () => {
  /** `n` mappings through the back door, IPv6 ones first so the sort order is exercised. */
  function seed(emu: Emulator, n: number): void {
    for (let i = n - 1; i >= 0; i--) emu.putMapping(ZONE, item(i % 3 === 0 ? `2001:db8::${(i + 1).toString(16)}` : `10.0.${i}.1`));
  }

  it("lists an empty zone flat, with result_info and 0 total_pages", async () => {
    await withEmu({}, async (emu) => {
      const reply = await call<V2Entry[]>(emu, "GET", V2);
      assert.deepEqual(reply.body, {
        success: true,
        errors: [],
        messages: [],
        result: [],
        result_info: { page: 1, per_page: 20, count: 0, total_count: 0, total_pages: 0 },
      });
    });
  });

  it("paginates with defaults page 1 / per_page 20, in the v1 sort order, and a page past the end is empty", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      seed(emu, 45);
      const order = emu.mappings(ZONE).map((m) => m.ip);
      assert.equal(order[0], "10.0.1.1", "IPv4 first, numerically");

      const first = await call<V2Entry[]>(emu, "GET", V2);
      assert.deepEqual(first.body.result_info, { page: 1, per_page: 20, count: 20, total_count: 45, total_pages: 3 });
      assert.deepEqual(first.body.result?.[0], { origin_ip: "10.0.1.1", vendor: "aws", region: "us-east-1", modified_on: "2026-03-01T12:00:00.000Z" });

      const pages: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const reply = await call<V2Entry[]>(emu, "GET", `${V2}?page=${page}&per_page=20`);
        pages.push(...ok(reply).map((e) => e.origin_ip));
        assert.equal(reply.body.result_info?.count, page < 3 ? 20 : 5);
      }
      assert.deepEqual(pages, order);

      const past = await call<V2Entry[]>(emu, "GET", `${V2}?page=4`);
      assert.deepEqual(ok(past), []);
      assert.deepEqual(past.body.result_info, { page: 4, per_page: 20, count: 0, total_count: 45, total_pages: 3 });

      const all = await call<V2Entry[]>(emu, "GET", `${V2}?per_page=100`);
      assert.deepEqual(
        ok(all).map((e) => e.origin_ip),
        order,
      );
      assert.deepEqual(all.body.result_info, { page: 1, per_page: 100, count: 45, total_count: 45, total_pages: 1 });
      const ones = await call<V2Entry[]>(emu, "GET", `${V2}?per_page=1&page=45`);
      assert.deepEqual([ok(ones).map((e) => e.origin_ip), ones.body.result_info?.total_pages], [[order[44]], 45]);
      assert.deepEqual(emu.requests.at(-1)?.path, V2, "the query stays out of the recorded path");
      assert.equal(emu.requests.at(-1)?.query, "per_page=1&page=45");
    });
  });

  it("refuses per_page outside 1-100 and page < 1 with 400 invalid_pagination", async () => {
    await withEmu({}, async (emu) => {
      for (const query of ["per_page=0", "per_page=101", "per_page=abc", "per_page=1.5", "per_page=", "page=0", "page=-1", "page=1e2", "page=%2B1", "page=1&page=2"]) {
        const reply = await call(emu, "GET", `${V2}?${query}`);
        assertError(reply, 400, 1197);
        assert.match(reply.body.errors[0]?.message ?? "", /invalid_pagination/, query);
      }
      ok(await call(emu, "GET", `${V2}?per_page=100&page=99&unrelated=x`));
    });
  });

  it("GET one canonicalizes the path IP; missing → 404/1142; invalid → 400/1192", async () => {
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "GET", `${V2}/192.0.2.1`), 404, 1142);
      emu.putMapping(ZONE, item("2001:db8::1", "gcp", "us-central1"));
      for (const form of [encodeURIComponent("2001:DB8:0:0::1"), "2001:DB8:0:0::1", "2001:db8::1"]) {
        const got = ok(await call<V2Entry>(emu, "GET", `${V2}/${form}`));
        assert.deepEqual(Object.keys(got).sort(), ["modified_on", "origin_ip", "region", "vendor"], "flat entry, no setting wrapper");
        assert.deepEqual([got.origin_ip, got.vendor, got.region], ["2001:db8::1", "gcp", "us-central1"], form);
      }
      assertError(await call(emu, "GET", `${V2}/${encodeURIComponent("10.0.0.0/8")}`), 400, 1192);
      assertError(await call(emu, "GET", `${V2}/%zz`), 400, 1192);
    });
  });

  it("PUT one is an idempotent upsert whose body origin_ip must match the path IP", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      const path = `${V2}/${encodeURIComponent("2001:db8::1")}`;
      const created = ok(await call<V2Entry>(emu, "PUT", path, { body: v2item("2001:DB8:0::1", "gcp", "us-central1") }));
      assert.deepEqual(created, { origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1", modified_on: "2026-03-01T12:00:00.000Z" });
      c.advance(1000);
      assert.deepEqual(ok(await call<V2Entry>(emu, "PUT", path, { body: v2item("2001:db8::1", "gcp", "us-central1") })), created, "same again: nothing moves");
      const changed = ok(await call<V2Entry>(emu, "PUT", path, { body: v2item("2001:db8::1", "gcp", "europe-west1") }));
      assert.deepEqual([changed.region, changed.modified_on], ["europe-west1", "2026-03-01T12:00:01.000Z"]);

      const mismatch = await call(emu, "PUT", path, { body: v2item("2001:db8::2", "gcp", "bogus-region") });
      assertError(mismatch, 400, 1198);
      assert.match(mismatch.body.errors[0]?.message ?? "", /ip_mismatch/);
      assertError(await call(emu, "PUT", path, { body: v2item("2001:db8::1", "gcp", "bogus-region") }), 400, 1193);
      assertError(await call(emu, "PUT", path, { body: v2item("2001:db8::1/128") }), 400, 1192);
      assertError(await call(emu, "PUT", `${V2}/not-an-ip`, { body: v2item("192.0.2.1") }), 400, 1192);
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

  it("DELETE one answers {origin_ip} only, and 404/1163 when absent", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("2001:db8::1"));
      assert.deepEqual(ok(await call(emu, "DELETE", `${V2}/2001:DB8:0::1`)), { origin_ip: "2001:db8::1" });
      assertError(await call(emu, "DELETE", `${V2}/2001:db8::1`), 404, 1163);
      assertError(await call(emu, "DELETE", `${V2}/127.1`), 400, 1192);
      assert.deepEqual(emu.mappings(ZONE), []);
    });
  });

  it("PUT /batch merges, reports succeeded/failed flat, and hints when an item uses the v1 key", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, item("198.51.100.9", "oci", "us-ashburn-1"));
      const result = ok(
        await call<V2Batch>(emu, "PUT", `${V2}/batch`, {
          body: [v2item("192.0.2.1"), v2item("2001:DB8::1", "gcp", "us-central1"), v2item("198.51.100.1", "aws", "mars-1"), item("198.51.100.2"), v2item("2001:db8::1"), v2item("10.0.0.0/8"), "x"],
        }),
      );
      assert.deepEqual(result, {
        succeeded: [
          { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
          { origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
        ],
        failed: [
          { origin_ip: "198.51.100.1", error: 'region "mars-1" is not supported for vendor "aws"' },
          { origin_ip: "198.51.100.2", error: 'missing "origin_ip" (v2 requests use "origin_ip", not "ip" or "origin-ip")' },
          { origin_ip: "2001:db8::1", error: "duplicate IP in request" },
          { origin_ip: "10.0.0.0/8", error: 'invalid IP address "10.0.0.0/8"' },
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
          { origin_ip: "127.1", error: 'invalid IP address "127.1"' },
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
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("10.0.0.1", "aws", "us-west-2"), v2item("192.0.2.1"), v2item("192.0.2.2")] }), 403, 1164);
      assert.deepEqual(emu.mappings(ZONE), before, "not even the update of an existing IP was applied");
      ok(await call(emu, "PUT", `${V2}/192.0.2.1`, { body: v2item("192.0.2.1") }));
      assertError(await call(emu, "PUT", `${V2}/192.0.2.2`, { body: v2item("192.0.2.2") }), 403, 1164);
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("192.0.2.2")] }), 403, 1164);
      ok(await call(emu, "PUT", `${V2}/10.0.0.1`, { body: v2item("10.0.0.1", "aws", "eu-west-1") }));
      assert.equal(emu.mappings(ZONE).length, 3500);
    });
  });

  it("supported_regions has the v1 shape and honours the Tiered Cache switch", async () => {
    await withEmu({}, async (emu) => {
      assert.deepEqual(ok(await call<Regions>(emu, "GET", `${V2}/supported_regions`)), ok(await call<Regions>(emu, "GET", `${V1}/supported_regions`)));
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
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("192.0.2.2")] }), 500, 1195);
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

describe("emulator HTTP: routing", () => {
  const ROUTE_CODES = [7003, 7000];

  it("answers unknown routes and malformed zone ids with 400 and 7003/7000", async () => {
    await withEmu({}, async (emu) => {
      const reply = await call(emu, "GET", `/zones/${ZONE}/cache/no_such_thing`);
      assertError(reply, 400, ...ROUTE_CODES);
      assert.equal(reply.body.errors[0]?.message, `Could not route to /zones/${ZONE}/cache/no_such_thing, perhaps your object identifier is invalid?`);
      assert.equal(reply.body.errors[1]?.message, "No route for that URI");
      for (const bad of [ZONE.toUpperCase(), ZONE.slice(1), `${ZONE}0`, "not-a-zone"]) {
        assertError(await call(emu, "GET", `/zones/${bad}/cache/origin_cloud_regions`), 400, ...ROUTE_CODES);
      }
      assertError(await call(emu, "PUT", V1, { body: item("192.0.2.1") }), 400, ...ROUTE_CODES);
      assertError(await call(emu, "GET", `${V1}/batch`), 400, ...ROUTE_CODES);
      assertError(await call(emu, "POST", `/zones/${ZONE}/origin/cloud_regions`, { body: v2item("192.0.2.1") }), 400, ...ROUTE_CODES);
      const outside = await fetch(`${emu.url.replace("/client/v4", "")}/zones/${ZONE}/cache/origin_cloud_regions`, { headers: { authorization: `Bearer ${TOKEN}` } });
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
      assertError(await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "ops@example.com", "x-auth-key": "wrong" } }), 403, 10000);
      const badEmail = await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "nope", "x-auth-key": "abc123def456" } });
      assertError(badEmail, 400, 6003);
      assert.equal(badEmail.body.errors[0]?.error_chain?.[0]?.code, 6102);
    });
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "GET", V1, { token: null, headers: { "x-auth-email": "ops@example.com", "x-auth-key": "abc123def456" } }), 403, 10000);
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
});

describe("emulator HTTP: rate limiting", () => {
  it("sends Ratelimit headers and answers 429/971 with Retry-After once the window's quota is spent", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock, rateLimit: { limit: 3, windowSeconds: 10 } }, async (emu) => {
      const seen: Array<string | null> = [];
      for (let i = 0; i < 3; i++) {
        const reply = await call(emu, "GET", V1);
        assert.equal(reply.status, 200);
        seen.push(reply.headers.get("ratelimit"));
        assert.equal(reply.headers.get("ratelimit-policy"), '"default";q=3;w=10');
      }
      assert.deepEqual(seen, ['"default";r=2;t=10', '"default";r=1;t=10', '"default";r=0;t=10']);
      c.advance(4000);
      const limited = await call(emu, "GET", V1);
      assertError(limited, 429, 971);
      assert.equal(limited.body.errors[0]?.message, "Please wait and consider throttling your request speed");
      assert.equal(limited.headers.get("retry-after"), "6");
      assert.equal((await call(emu, "GET", V1, { token: "another-token" })).status, 403, "other credentials have their own counter");
      c.advance(6000);
      assert.equal((await call(emu, "GET", V1)).status, 200, "a new window starts");
    });
  });

  it("counts per token", async () => {
    const emu = await startEmulator({ rateLimit: { limit: 1, windowSeconds: 60 } });
    try {
      assert.equal((await call(emu, "GET", V1, { token: "token-a" })).status, 200);
      assert.equal((await call(emu, "GET", V1, { token: "token-a" })).status, 429);
      assert.equal((await call(emu, "GET", V1, { token: "token-b" })).status, 200);
    } finally {
      await emu.close();
    }
  });
});

describe("emulator HTTP: fault injection", () => {
  it("429 fault: code 971 and Retry-After, then normal service", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "429", retryAfter: 7 });
      const limited = await call(emu, "GET", V1);
      assertError(limited, 429, 971);
      assert.equal(limited.headers.get("retry-after"), "7");
      assert.ok(limited.headers.get("ratelimit"));
      emu.faults.enqueue({ kind: "429" });
      assert.equal((await call(emu, "GET", V1)).headers.get("retry-after"), "1", "default Retry-After is 1 s");
      ok(await call(emu, "GET", V1));
      assert.deepEqual(
        emu.requests.map((r) => [r.status, r.fault]),
        [
          [429, "429"],
          [429, "429"],
          [200, undefined],
        ],
      );
    });
  });

  it("5xx faults carry internal_error or region_validation_error and apply nothing", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "5xx" }, { kind: "5xx", status: 503, code: "region_validation_error" });
      const first = await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] });
      assertError(first, 500, 1195);
      assert.match(first.body.errors[0]?.message ?? "", /internal_error/);
      const second = await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] });
      assertError(second, 503, 1196);
      assert.match(second.body.errors[0]?.message ?? "", /region_validation_error/);
      assert.deepEqual(emu.mappings(ZONE), []);
    });
  });

  it("reset drops the connection before applying; reset-after-apply applies, then drops", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "reset" });
      await assert.rejects(call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] }), TypeError);
      assert.deepEqual(emu.mappings(ZONE), []);

      emu.faults.enqueue({ kind: "reset-after-apply" });
      await assert.rejects(call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.2")] }), TypeError);
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => m.ip),
        ["192.0.2.2"],
        "the change was applied although the client saw a socket error",
      );
      assert.deepEqual(
        emu.requests.map((r) => [r.status, r.fault]),
        [
          [null, "reset"],
          [null, "reset-after-apply"],
        ],
      );
      ok(await call(emu, "GET", V1));
    });
  });

  it("delay answers normally after waiting; no-route answers 7003/7000", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "delay", ms: 250 }, { kind: "no-route" });
      const started = Date.now();
      ok(await call(emu, "GET", V1));
      assert.ok(Date.now() - started >= 240, "delayed");
      assertError(await call(emu, "GET", V1), 400, 7003, 7000);
    });
  });

  it("a scripted fault waits for a request matching its method and path", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "5xx", method: "PATCH", path: /\/batch$/ });
      ok(await call(emu, "GET", V1));
      ok(await call(emu, "PATCH", V1, { body: item("192.0.2.1") }));
      assert.equal(emu.faults.pending(), 1);
      assert.equal((await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.2")] })).status, 500);
      assert.equal(emu.faults.pending(), 0);
      emu.faults.enqueue({ kind: "reset" }, { kind: "reset" });
      emu.faults.clear();
      assert.equal(emu.faults.pending(), 0);
      ok(await call(emu, "GET", V1));
    });
  });

  it("rates with a seed give the same outcome sequence; maxConsecutive guarantees progress", async () => {
    async function outcomes(seed: number): Promise<Array<number | "dropped">> {
      const emu = await startEmulator({ apiToken: TOKEN });
      try {
        emu.faults.setRates({ rate429: 0.25, rate5xx: 0.25, rateReset: 0.15, seed, retryAfter: 2 });
        const seen: Array<number | "dropped"> = [];
        for (let i = 0; i < 30; i++) {
          seen.push(await call(emu, "GET", V1).then((r) => r.status, () => "dropped" as const));
        }
        return seen;
      } finally {
        await emu.close();
      }
    }
    const a = await outcomes(42);
    assert.deepEqual(await outcomes(42), a);
    for (const expected of [200, 429, 500, "dropped"]) assert.ok(a.includes(expected as number | "dropped"), String(expected));

    await withEmu({}, async (emu) => {
      emu.faults.setRates({ rate5xx: 1, maxConsecutive: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(emu, "GET", V1)).status);
      assert.deepEqual(statuses, [500, 200, 500, 200]);
      emu.faults.setRates(null);
      ok(await call(emu, "GET", V1));
    });
  });
});

describe("emulator: request log, persistence, lifecycle", () => {
  it("records every request in order with path, query, body, status and auth", async () => {
    await withEmu({}, async (emu) => {
      await call(emu, "GET", `${V1}?x=1`);
      await call(emu, "PATCH", `${V1}/batch`, { body: [item("2001:db8::1")] });
      await call(emu, "DELETE", `${V1}/${encodeURIComponent("2001:db8::1")}`);
      await call(emu, "GET", V1, { token: "wrong" });
      const arrivals = emu.requests.map((r) => r.receivedAt);
      assert.deepEqual([...arrivals].sort((a, b) => a - b), arrivals, "arrival times in log order");
      assert.deepEqual(emu.requests.map(({ receivedAt: _at, ...rest }) => rest), [
        { method: "GET", path: V1, query: "x=1", body: undefined, status: 200, authorized: true },
        { method: "PATCH", path: `${V1}/batch`, query: "", body: [item("2001:db8::1")], status: 200, authorized: true },
        { method: "DELETE", path: `${V1}/2001%3Adb8%3A%3A1`, query: "", body: undefined, status: 200, authorized: true },
        { method: "GET", path: V1, query: "", body: undefined, status: 403, authorized: false },
      ]);
      assert.deepEqual(
        emu.writeRequests().map((r) => r.method),
        ["PATCH", "DELETE"],
      );
      emu.clearRequests();
      assert.deepEqual(emu.requests, []);
    });
  });

  it("direct state control: putMapping canonicalizes, deleteMapping reports", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, { ip: "2001:0DB8::0001", vendor: "aws", region: "not-validated" });
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => [m.ip, m.region]),
        [["2001:db8::1", "not-validated"]],
      );
      assert.throws(() => emu.putMapping(ZONE, item("127.1")), /invalid IP/);
      assert.equal(emu.deleteMapping(ZONE, "2001:db8:0::1"), true);
      assert.equal(emu.deleteMapping(ZONE, "2001:db8::1"), false);
    });
  });

  it("persists to dataFile atomically and loads it on the next start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-spec-"));
    const file = join(dir, "state.json");
    try {
      await withEmu({ dataFile: file }, async (emu) => {
        ok(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1"), item("2001:db8::1", "gcp", "us-central1")] }));
        emu.putMapping(OTHER_ZONE, item("10.0.0.1", "oci", "us-ashburn-1"));
      });
      assert.ok(existsSync(file));
      assert.deepEqual(readdirSync(dir), ["state.json"], "no temporary file left behind");
      const saved = JSON.parse(readFileSync(file, "utf8")) as { version: number; zones: Record<string, unknown> };
      assert.equal(saved.version, 1);
      assert.deepEqual(Object.keys(saved.zones).sort(), [OTHER_ZONE, ZONE].sort());

      await withEmu({ dataFile: file }, async (emu) => {
        const list = ok(await call<Setting<Entry[]>>(emu, "GET", V1));
        assert.deepEqual(
          list.value.map((e) => e["origin-ip"]),
          ["192.0.2.1", "2001:db8::1"],
        );
        assert.equal(emu.mappings(OTHER_ZONE).length, 1);
        ok(await call(emu, "DELETE", `${V1}/batch`, { body: ["192.0.2.1", "2001:db8::1"] }));
      });
      const after = JSON.parse(readFileSync(file, "utf8")) as { zones: Record<string, unknown> };
      assert.deepEqual(Object.keys(after.zones), [OTHER_ZONE]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start on a corrupt dataFile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-spec-"));
    try {
      const file = join(dir, "state.json");
      writeFileSync(file, "{ not json");
      await assert.rejects(startEmulator({ dataFile: file }), /not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses non-loopback hosts", async () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com"]) {
      await assert.rejects(startEmulator({ host }), /non-loopback/, host);
    }
    const emu = await startEmulator({ host: "localhost" });
    try {
      assert.match(emu.url, /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\/client\/v4$/);
    } finally {
      await emu.close();
    }
  });

  it("exposes url and port, and close() ends keep-alive and delayed connections promptly", async () => {
    const emu = await startEmulator({ apiToken: TOKEN });
    assert.equal(emu.url, `http://127.0.0.1:${emu.port}/client/v4`);
    ok(await call(emu, "GET", V1));
    emu.faults.enqueue({ kind: "delay", ms: 10_000 });
    const pending = call(emu, "GET", V1).then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await emu.close();
    assert.ok(Date.now() - started < 1000, "close() is prompt");
    assert.equal(await pending, "dropped");
  });

  it("runs several independent instances at once", async () => {
    const [a, b] = await Promise.all([startEmulator({ apiToken: TOKEN }), startEmulator({ apiToken: TOKEN })]);
    try {
      a.putMapping(ZONE, item("192.0.2.1"));
      a.setFamily("v1", "no-route");
      assert.deepEqual(b.mappings(ZONE), []);
      ok(await call(b, "GET", V1));
      assert.equal(b.requests.length, 1);
      assert.equal(a.requests.length, 0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

/** Runs emulator/main.ts with `args`; collects its output and exit code. */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/main.ts", ...args], {
    cwd: join(__dirname, "..", ".."),
    // An empty EMULATOR_API_TOKEN is ignored, so an inherited one cannot change which tokens pass.
    env: { ...process.env, EMULATOR_API_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  /** The URL from the one stdout line, once the emulator is listening. */
  async function url(): Promise<string> {
    const deadline = Date.now() + 15_000;
    while (!out.stdout.includes("\n") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const match = /^Cloudflare API emulator listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)\n$/.exec(out.stdout);
    assert.ok(match?.[1], `stdout was ${JSON.stringify(out.stdout)}; stderr ${out.stderr}`);
    return match[1];
  }
  return { child, out, exited, url };
}

describe("emulator CLI", () => {
  it("prints one line on stdout, logs requests to stderr without the token, stops on SIGTERM", async () => {
    const secret = "cli-secret-token-123";
    const cli = runCli(["--port", "0"], { EMULATOR_API_TOKEN: secret });
    try {
      const base = await cli.url();
      const good = await fetch(`${base}${V1}`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(good.status, 200);
      const bad = await fetch(`${base}${V1}`, { headers: { authorization: "Bearer some-other-token" } });
      assert.equal(bad.status, 403);
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
    const { stdout, stderr } = cli.out;
    assert.equal(stdout.split("\n").filter(Boolean).length, 1, "nothing else on stdout");
    assert.match(stderr, new RegExp(`GET ${V1} -> 200\\n`));
    assert.match(stderr, new RegExp(`GET ${V1} -> 403\\n`));
    assert.ok(!stderr.includes(secret) && !stderr.includes("some-other-token") && !/authorization/i.test(stderr), stderr);
  });

  it("--v1/--v2 switch the families; requests are still answered under --latency-ms", async () => {
    const cli = runCli(["--port", "0", "--v1", "no-route", "--v2=enabled", "--latency-ms", "5"]);
    try {
      const base = await cli.url();
      const headers = { authorization: `Bearer ${TOKEN}` };
      const v1 = await fetch(`${base}${V1}`, { headers });
      assert.equal(v1.status, 400);
      assert.deepEqual(((await v1.json()) as Envelope<unknown>).errors.map((e) => e.code), [7003, 7000]);
      const v2 = await fetch(`${base}${V2}`, { headers });
      assert.equal(v2.status, 200);
      assert.deepEqual(((await v2.json()) as Envelope<unknown>).result_info?.total_pages, 0);
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
    assert.match(cli.out.stderr, new RegExp(`GET ${V1} -> 400\\n`));
    assert.match(cli.out.stderr, new RegExp(`GET ${V2} -> 200\\n`));

    const v2Off = runCli(["--port", "0", "--v2", "no-route"]);
    try {
      const base = await v2Off.url();
      assert.equal((await fetch(`${base}${V2}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 400);
      assert.equal((await fetch(`${base}${V1}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
    } finally {
      v2Off.child.kill("SIGTERM");
    }
    assert.equal(await v2Off.exited, 0);
  });

  it("refuses bad --v1, --v2 and --latency-ms values with a usage error (exit 2)", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--v1", "off"], /invalid --v1 "off": expected enabled or no-route/],
      [["--v2=maybe"], /invalid --v2 "maybe": expected enabled or no-route/],
      [["--latency-ms", "-5"], /invalid --latency-ms "-5"/],
      [["--latency-ms", "1.5"], /invalid --latency-ms "1.5"/],
      [["--latency-ms"], /missing value for --latency-ms/],
    ];
    const runs = cases.map(([args]) => runCli(["--port", "0", ...args]));
    for (const [i, run] of runs.entries()) {
      const [args, message] = cases[i] ?? [[], /never/];
      assert.equal(await run.exited, 2, args.join(" "));
      assert.match(run.out.stderr, message);
      assert.match(run.out.stderr, /usage: cf-ocr-emulator .*--v1 enabled\|no-route.*--v2 enabled\|no-route.*--latency-ms N/);
      assert.equal(run.out.stdout, "", "no URL printed");
    }
  });
});
