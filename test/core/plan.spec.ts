import assert from "node:assert/strict";
import { applyOutcome, chunk, plan, sameSet, toList, toSet } from "../../provider/core/plan";
import type { MappingSet } from "../../provider/core/types";

/** `n` distinct IPv4 mappings, 10.x.y.1. */
function mappings(n: number, region = "us-east-1"): MappingSet {
  return toSet(Array.from({ length: n }, (_, i) => ({ ip: `10.${i >> 8}.${i & 255}.1`, vendor: "aws" as const, region })));
}

describe("plan", () => {
  it("creates everything from nothing, in address order", () => {
    const p = plan({}, { "192.0.2.10": { vendor: "aws", region: "a" }, "192.0.2.9": { vendor: "gcp", region: "b" } });
    assert.deepEqual(
      p.upserts.map((m) => m.ip),
      ["192.0.2.9", "192.0.2.10"],
    );
    assert.deepEqual(p.deletes, []);
  });
  it("deletes everything when nothing is desired", () => {
    const p = plan(mappings(3), {});
    assert.deepEqual(p, { upserts: [], deletes: ["10.0.0.1", "10.0.1.1", "10.0.2.1"] });
  });
  it("sends nothing when the sets are equal", () => {
    assert.deepEqual(plan(mappings(250), mappings(250)), { upserts: [], deletes: [] });
  });
  it("upserts a changed region and a changed vendor, and nothing unchanged", () => {
    const current: MappingSet = {
      "192.0.2.1": { vendor: "aws", region: "a" },
      "192.0.2.2": { vendor: "aws", region: "a" },
      "192.0.2.3": { vendor: "aws", region: "a" },
    };
    const desired: MappingSet = {
      "192.0.2.1": { vendor: "aws", region: "b" },
      "192.0.2.2": { vendor: "gcp", region: "a" },
      "192.0.2.3": { vendor: "aws", region: "a" },
    };
    assert.deepEqual(plan(current, desired), {
      upserts: [
        { ip: "192.0.2.1", vendor: "aws", region: "b" },
        { ip: "192.0.2.2", vendor: "gcp", region: "a" },
      ],
      deletes: [],
    });
  });
  it("change one, add one, remove one gives two upserts and one delete", () => {
    const current = mappings(250);
    const desired: MappingSet = {
      ...current,
      "10.0.5.1": { vendor: "gcp", region: "us-central1" },
      "203.0.113.7": { vendor: "oci", region: "us-ashburn-1" },
    };
    delete desired["10.0.9.1"];
    const p = plan(current, desired);
    assert.deepEqual(
      p.upserts.map((m) => m.ip),
      ["10.0.5.1", "203.0.113.7"],
    );
    assert.deepEqual(p.deletes, ["10.0.9.1"]);
  });
  it("treats IPv6 keys by value (keys are canonical already)", () => {
    const p = plan(
      { "2001:db8::1": { vendor: "gcp", region: "x" } },
      { "2001:db8::1": { vendor: "gcp", region: "x" }, "::1": { vendor: "aws", region: "y" } },
    );
    assert.deepEqual(p, { upserts: [{ ip: "::1", vendor: "aws", region: "y" }], deletes: [] });
  });
});

describe("chunk", () => {
  const sizes = (n: number) => chunk(Array.from({ length: n }, (_, i) => i)).map((c) => c.length);
  it("0 items → no batch", () => assert.deepEqual(sizes(0), []));
  it("1 item → one batch", () => assert.deepEqual(sizes(1), [1]));
  it("99 items → one batch", () => assert.deepEqual(sizes(99), [99]));
  it("100 items → one batch", () => assert.deepEqual(sizes(100), [100]));
  it("101 items → 100 + 1", () => assert.deepEqual(sizes(101), [100, 1]));
  it("200 items → 100 + 100", () => assert.deepEqual(sizes(200), [100, 100]));
  it("250 items → 100 + 100 + 50", () => assert.deepEqual(sizes(250), [100, 100, 50]));
  it("3,500 items → 35 full batches", () => {
    const s = sizes(3500);
    assert.equal(s.length, 35);
    assert.ok(s.every((n) => n === 100));
  });
  it("keeps order and loses nothing", () => {
    const items = Array.from({ length: 321 }, (_, i) => i);
    assert.deepEqual(chunk(items).flat(), items);
  });
  it("refuses a size that is not a positive integer", () => {
    assert.throws(() => chunk([1], 0), /positive integer, got 0/);
    assert.throws(() => chunk([1], 1.5), /positive integer, got 1.5/);
  });
  it("planning 3,500 new mappings makes 35 batches of 100", () => {
    assert.equal(chunk(plan({}, mappings(3500)).upserts).length, 35);
  });
});

describe("applyOutcome and set helpers", () => {
  it("records only what was applied", () => {
    const base = mappings(3);
    const next = applyOutcome(
      base,
      [
        { ip: "192.0.2.1", vendor: "gcp", region: "x" },
        { ip: "10.0.0.1", vendor: "aws", region: "changed" },
      ],
      ["10.0.1.1"],
    );
    assert.deepEqual(next, {
      "10.0.0.1": { vendor: "aws", region: "changed" },
      "10.0.2.1": { vendor: "aws", region: "us-east-1" },
      "192.0.2.1": { vendor: "gcp", region: "x" },
    });
    assert.deepEqual(Object.keys(base).length, 3, "the base set is not modified");
  });
  it("sameSet compares targets, not key order", () => {
    assert.ok(
      sameSet(
        { a: { vendor: "aws", region: "x" }, b: { vendor: "gcp", region: "y" } },
        { b: { vendor: "gcp", region: "y" }, a: { vendor: "aws", region: "x" } },
      ),
    );
    assert.ok(!sameSet({ a: { vendor: "aws", region: "x" } }, { a: { vendor: "aws", region: "z" } }));
    assert.ok(!sameSet({ a: { vendor: "aws", region: "x" } }, {}));
  });
  it("toList and toSet round-trip in address order", () => {
    const set = mappings(5);
    assert.deepEqual(toSet(toList(set)), set);
    assert.deepEqual(
      toList(set).map((m) => m.ip),
      Object.keys(set),
    );
  });
});
