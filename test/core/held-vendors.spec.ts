// A mapping the zone holds with a vendor the package does not know (Cloudflare adds vendors over
// time) is a mapping like any other: someone else's unless declared, drift for an exclusive resource;
// it is stored in state and read back as it is.
import assert from "node:assert/strict";
import { decideCreate, decideUpdate, undeclared } from "../../provider/core/ownership";
import { plan, toSet } from "../../provider/core/plan";
import { loadMappings, ownedMappings, storeMappings } from "../../provider/core/state-shape";
import type { HeldMapping, Mapping } from "../../provider/core/types";
import { changeSummary } from "../../provider/report/change-summary";
import { removalSummary } from "../../provider/report/removal-summary";

const alibaba: HeldMapping = { ip: "2001:db8::a1", vendor: "alibaba", region: "cn-hangzhou" };
const mine: Mapping = { ip: "198.18.0.1", vendor: "aws", region: "us-east-1" };
const plain = { adopt: false, exclusive: false };

describe("held mappings of unknown vendors (pure)", () => {
  it("a non-exclusive create leaves an undeclared one out of its base: never deleted", () => {
    const d = decideCreate([alibaba, mine], toSet([mine]), plain);
    assert.deepEqual(d.base, toSet([mine]));
    assert.deepEqual(d.work, { upserts: [], deletes: [] });
  });

  it("a declared IP it holds is a conflict: refused without adopt, overwritten with it", () => {
    const want = toSet([{ ip: alibaba.ip, vendor: "aws", region: "us-east-1" }]);
    const refused = decideCreate([alibaba], want, plain);
    assert.deepEqual(refused.refusal, {
      kind: "conflicts",
      conflicts: [{ ip: alibaba.ip, held: { vendor: "alibaba", region: "cn-hangzhou" }, declared: { vendor: "aws", region: "us-east-1" } }],
    });
    const adopted = decideCreate([alibaba], want, { adopt: true, exclusive: false });
    assert.equal(adopted.refusal, undefined);
    assert.deepEqual(adopted.work.upserts, [{ ip: alibaba.ip, vendor: "aws", region: "us-east-1" }]);
    const text = changeSummary("origins", {}, want, { conflicts: refused.conflicts, identical: [], adopt: false }) ?? "";
    assert.match(text, /✗ the zone maps it to alibaba\/cn-hangzhou/);
  });

  it("an exclusive resource removes it (create and update), and lists it in preview", () => {
    const create = decideCreate([alibaba, mine], toSet([mine]), { adopt: false, exclusive: true });
    assert.deepEqual(create.work.deletes, [alibaba.ip]);
    const update = decideUpdate(toSet([mine]), toSet([mine]), { kind: "list", live: [alibaba, mine] }, { adopt: false, exclusive: true });
    assert.deepEqual(update.work, plan(toSet([alibaba, mine]), toSet([mine])));
    assert.deepEqual(update.work.deletes, [alibaba.ip]);
    const extra = undeclared([alibaba, mine], toSet([mine]));
    assert.match(removalSummary("z", extra), /- 2001:db8::a1 \(alibaba\/cn-hangzhou\)/);
  });

  it("is stored as <vendor>/<region> and read back as it is; a change summary shows it removed", () => {
    const held = toSet([alibaba, mine]);
    const stored = storeMappings(held);
    assert.deepEqual(stored, { "198.18.0.1": "aws/us-east-1", "2001:db8::a1": "alibaba/cn-hangzhou" });
    assert.deepEqual(loadMappings(stored), held);
    assert.deepEqual(ownedMappings({ mappings: stored }), held);
    assert.match(changeSummary("origins", held, toSet([mine])) ?? "", /- 2001:db8::a1 \(alibaba\/cn-hangzhou\)/);
  });
});
