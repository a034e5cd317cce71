import assert from "node:assert/strict";
import { plan, toSet } from "../../provider/core/plan";
import { placeholderKey } from "../../provider/core/mapping-list";
import type { Mapping, MappingSet } from "../../provider/core/types";
import { UNKNOWN } from "../../provider/core/types";
import { additions, overLimit, takeover } from "../../provider/core/ownership";

const m = (i: number, region = "us-east-1"): Mapping => ({ ip: `198.18.${i >> 8}.${i & 255}`, vendor: "aws", region });
const zone = (live: Mapping[]) => {
  const ips = new Set(live.map((x) => x.ip));
  return { count: ips.size, has: (ip: string) => ips.has(ip) };
};

describe("zone-check", () => {
  it("takeover: identical mappings are taken, differing ones are conflicts, others ignored", () => {
    const live = [m(1), m(2, "eu-west-1"), m(3)];
    const { identical, conflicts } = takeover(live, toSet([m(1), m(2), m(4)]));
    assert.deepEqual(identical, [m(1)]);
    assert.deepEqual(conflicts, [
      { ip: m(2).ip, held: { vendor: "aws", region: "eu-west-1" }, declared: { vendor: "aws", region: "us-east-1" } },
    ]);
  });

  it("additions: declared IPs not owned yet, leaving out entries not known yet", () => {
    const desired = {
      ...toSet([m(1), m(2, "eu-west-1"), m(3)]),
      [placeholderKey(7)]: { vendor: "aws", region: "us-east-1" },
      "198.18.9.9": UNKNOWN,
    } as unknown as MappingSet;
    assert.deepEqual(additions(toSet([m(1), m(2)]), desired), toSet([m(3)]), "an owned IP whose region changes is not an addition");
  });

  it("overLimit: counts only IPs the zone does not hold, frees deleted ones, and is silent under the limit", () => {
    const live = Array.from({ length: 3000 }, (_, i) => m(i));
    const add = Array.from({ length: 600 }, (_, i) => m(5000 + i));
    assert.deepEqual(overLimit(zone(live), plan({}, toSet(add))), { adding: 600, after: 3600 });
    assert.equal(overLimit(zone(live), plan({}, toSet(add.slice(0, 500)))), undefined, "exactly 3,500 fits");
    const owned = toSet(live.slice(0, 200));
    assert.equal(
      overLimit(zone(live), plan(owned, toSet(add))),
      undefined,
      "deleting 200 owned ones frees room for 600 when 100 were free",
    );
    assert.equal(overLimit(zone(live), plan({}, toSet(live.slice(0, 700)))), undefined, "re-declaring held IPs adds nothing");
  });
});
