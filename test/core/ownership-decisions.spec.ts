import assert from "node:assert/strict";
import { decideCreate, decideUpdate, zoneReadForUpdate } from "../../provider/core/ownership";
import { plan, toSet } from "../../provider/core/plan";
import type { Mapping } from "../../provider/core/types";

const m = (i: number, region = "us-east-1"): Mapping => ({ ip: `198.18.${i >> 8}.${i & 255}`, vendor: "aws", region });
const range = (from: number, n: number, region?: string) => Array.from({ length: n }, (_, k) => m(from + k, region));
const plain = { adopt: false, exclusive: false };

describe("ownership decisions (pure)", () => {
  describe("decideCreate", () => {
    it("an empty zone: everything declared is written, nothing is taken over", () => {
      const d = decideCreate([], toSet(range(0, 3)), plain);
      assert.deepEqual(d, { base: {}, work: plan({}, toSet(range(0, 3))), takenOver: 0, conflicts: [] });
    });

    it("mappings already as declared are taken over without a write; the zone's others are left out of base", () => {
      const d = decideCreate([m(1), m(7)], toSet(range(0, 3)), plain);
      assert.deepEqual(d.base, toSet([m(1)]));
      assert.deepEqual(d.work.upserts, [m(0), m(2)]);
      assert.deepEqual(d.work.deletes, []);
      assert.equal(d.takenOver, 1);
      assert.equal(d.refusal, undefined);
    });

    it("a declared IP mapped elsewhere refuses the create unless adopt, which overwrites it", () => {
      const live = [m(1, "eu-west-1")];
      const refused = decideCreate(live, toSet(range(0, 3)), plain);
      const conflict = { ip: m(1).ip, held: { vendor: "aws", region: "eu-west-1" }, declared: { vendor: "aws", region: "us-east-1" } };
      assert.deepEqual(refused.refusal, { kind: "conflicts", conflicts: [conflict] });
      const adopted = decideCreate(live, toSet(range(0, 3)), { adopt: true, exclusive: false });
      assert.equal(adopted.refusal, undefined);
      assert.deepEqual(adopted.base, toSet(live));
      assert.deepEqual(adopted.work.upserts, range(0, 3));
    });

    it("exclusive: starts from the whole zone, removes what is not declared, and is never refused for conflicts", () => {
      const live = [m(1, "eu-west-1"), m(9)];
      const d = decideCreate(live, toSet(range(0, 3)), { adopt: false, exclusive: true });
      assert.equal(d.refusal, undefined);
      assert.deepEqual(d.base, toSet(live));
      assert.deepEqual(d.work, { upserts: range(0, 3), deletes: [m(9).ip] });
    });

    it("no room: 600 new in a zone of 3,000 others is refused, with the counts the message needs", () => {
      const d = decideCreate(range(0, 3000), toSet(range(5000, 600)), plain);
      assert.deepEqual(d.refusal, { kind: "full", held: 3000, owned: 0, adding: 600, after: 3600 });
    });

    it("conflicts are reported before room", () => {
      const d = decideCreate([...range(0, 3000), m(5000, "eu-west-1")], toSet(range(5000, 600)), plain);
      assert.equal(d.refusal?.kind, "conflicts");
    });
  });

  describe("zoneReadForUpdate", () => {
    it("exclusive reads the list; adding IPs reads those; otherwise nothing", () => {
      assert.deepEqual(zoneReadForUpdate(toSet(range(0, 2)), toSet(range(0, 2)), true), { kind: "list" });
      assert.deepEqual(zoneReadForUpdate(toSet(range(0, 2)), toSet(range(0, 3)), false), { kind: "lookup", added: toSet([m(2)]) });
      assert.deepEqual(zoneReadForUpdate(toSet(range(0, 2)), toSet([m(0), m(1, "eu-west-1")]), false), { kind: "none" });
    });
  });

  describe("decideUpdate", () => {
    const owned = toSet(range(0, 3));

    it("no IP added: from what the state owns, no read", () => {
      const desired = toSet([m(0), m(1, "eu-west-1")]);
      assert.deepEqual(decideUpdate(owned, desired, { kind: "none" }, plain), {
        base: owned,
        work: plan(owned, desired),
        takenOver: 0,
        conflicts: [],
      });
    });

    it("an added IP the zone maps elsewhere refuses the update unless adopt", () => {
      const desired = toSet(range(0, 4));
      const seen = { kind: "lookup" as const, added: toSet([m(3)]), count: 4, held: [m(3, "eu-west-1")] };
      assert.equal(decideUpdate(owned, desired, seen, plain).refusal?.kind, "conflicts");
      const adopted = decideUpdate(owned, desired, seen, { adopt: true, exclusive: false });
      assert.equal(adopted.refusal, undefined);
      assert.deepEqual(adopted.work.upserts, [m(3)]);
    });

    it("an added IP already as declared is taken over: in base, not written", () => {
      const desired = toSet(range(0, 5));
      const d = decideUpdate(owned, desired, { kind: "lookup", added: toSet([m(3), m(4)]), count: 4, held: [m(3)] }, plain);
      assert.deepEqual(d.base, toSet(range(0, 4)));
      assert.deepEqual(d.work.upserts, [m(4)]);
      assert.equal(d.takenOver, 1);
    });

    it("no room: the IPs the resource owns count as present, the new ones as the read found them", () => {
      const many = toSet(range(0, 100));
      const desired = toSet([...range(0, 100), ...range(1000, 100)]);
      const d = decideUpdate(many, desired, { kind: "lookup", added: toSet(range(1000, 100)), count: 3450, held: [] }, plain);
      assert.deepEqual(d.refusal, { kind: "full", held: 3450, owned: 100, adding: 100, after: 3550 });
    });

    it("exclusive: from the whole zone as listed, removing what nobody declares", () => {
      const live = [...range(0, 3), m(50)];
      const d = decideUpdate(owned, toSet(range(0, 2)), { kind: "list", live }, { adopt: false, exclusive: true });
      assert.deepEqual(d.base, toSet(live));
      assert.deepEqual(d.work, { upserts: [], deletes: [m(2).ip, m(50).ip] });
      assert.equal(d.refusal, undefined);
    });

    it("exclusive and no room: the whole zone counts as owned", () => {
      const live = range(0, 3500);
      const d = decideUpdate({}, toSet([...range(0, 3500), m(9000)]), { kind: "list", live }, { adopt: false, exclusive: true });
      assert.deepEqual(d.refusal, { kind: "full", held: 3500, owned: 3500, adding: 1, after: 3501 });
    });
  });
});
