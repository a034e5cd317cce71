// emulator/store without sockets: the zone store, its modified_on rules, batch validation, snapshots.
import assert from "node:assert/strict";
import { ZoneStore, validateItem, type ItemValidator, type RegionCheck } from "../../emulator/store";
import { V1_KEYS } from "../../emulator/v1";
import { ZONE, OTHER_ZONE, item, manualClock } from "./support";

describe("emulator/store (pure)", () => {
  const accept: RegionCheck = (vendor) => (vendor === "aws" ? null : `vendor "${vendor}" is not supported`);
  const v1Items: ItemValidator = (raw) => validateItem(raw, accept, V1_KEYS);

  it("creates, lists sorted, gets canonically and refuses a second create", () => {
    const c = manualClock();
    const store = new ZoneStore(c.clock);
    assert.equal(store.modifiedOn(ZONE), null);
    assert.deepEqual(store.create(ZONE, item("10.0.0.2")), {
      ok: true,
      mapping: { ...item("10.0.0.2"), modifiedOn: "2026-03-01T12:00:00.000Z" },
    });
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
      [
        item("10.0.0.1"),
        item("010.0.0.1"),
        item("10.0.0.2", "ibm"),
        { ip: "10.0.0.3" },
        { origin_ip: "10.0.0.4", vendor: "aws", region: "r" },
        item("10.0.0.01"),
        item("10.0.0.1"),
        "x",
      ],
      v1Items,
    );
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.result.succeeded, [item("10.0.0.1")]);
    assert.deepEqual(outcome.result.failed, [
      { ip: "010.0.0.1", error: 'invalid IP address "010.0.0.1"', problem: "ip" },
      { ip: "10.0.0.2", error: 'vendor "ibm" is not supported', problem: "vendor_region" },
      { ip: "10.0.0.3", error: 'missing "vendor"', problem: "body" },
      { ip: "10.0.0.4", error: 'missing "ip" (v1 requests use "ip", not "origin_ip" or "origin-ip")', problem: "body" },
      { ip: "10.0.0.01", error: 'invalid IP address "10.0.0.01"', problem: "ip" },
      { ip: "10.0.0.1", error: "duplicate IP in request" },
      { ip: "x", error: 'item must be an object with "ip", "vendor" and "region"', problem: "body" },
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
    assert.deepEqual(store.batchUpsert(ZONE, [item("10.0.0.1", "aws", "us-west-2"), item("10.0.0.3"), item("10.0.0.4")], v1Items), {
      ok: false,
      reason: "limit",
    });
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
      { ip: "nope", error: 'invalid IP address "nope"', problem: "ip" },
      { ip: "2001:db8::1", error: "duplicate IP in request" },
      { ip: "7", error: "item must be an IP address string", problem: "body" },
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
    assert.throws(
      () => copy.restore({ version: 1, zones: { [ZONE]: { mappings: [{ ip: "bad", vendor: "aws", region: "x", modifiedOn: "t" }] } } }),
      /invalid IP/,
    );
    assert.deepEqual(copy.snapshot(), store.snapshot(), "a failed restore leaves state untouched");
  });
});
