import assert from "node:assert/strict";
import { driftSummary } from "../../provider/report/drift-summary";
import type { HeldSet } from "../../provider/core/types";

const aws = (region: string) => ({ vendor: "aws", region });

describe("drift summary (what pulumi refresh reports)", () => {
  it("says nothing when the zone holds what the state recorded", () => {
    const set: HeldSet = { "192.0.2.1": aws("us-east-1") };
    assert.equal(driftSummary("origins (zone 023e…c353)", set, { ...set }, false), undefined);
  });

  it("words the zone as it is now, gone and changed, with what to run next", () => {
    const recorded: HeldSet = { "192.0.2.1": aws("us-east-1"), "192.0.2.2": aws("us-east-1"), "192.0.2.3": aws("us-east-1") };
    const current: HeldSet = { "192.0.2.1": aws("us-east-1"), "192.0.2.3": aws("eu-west-1"), "192.0.2.9": aws("us-east-1") };
    assert.equal(
      driftSummary("origins (zone 023e…c353)", recorded, current, false),
      [
        "origins (zone 023e…c353): the zone no longer holds what the state recorded (1 gone, 1 changed); the state now records " +
          "the zone as it is, and the next `pulumi up` restores what the program declares",
        "  - 192.0.2.2 (was aws/us-east-1): no longer in the zone",
        "  ~ 192.0.2.3 is aws/eu-west-1 in the zone (was aws/us-east-1)",
      ].join("\n"),
    );
  });

  it("exclusive: mappings nobody recorded count as added outside Pulumi", () => {
    const text = driftSummary("z", {}, { "192.0.2.9": aws("us-east-1") }, true) ?? "";
    assert.match(text, /\(0 gone, 0 changed, 1 added outside Pulumi\)/);
    assert.match(text, /\n {2}\+ 192\.0\.2\.9 aws\/us-east-1: added outside Pulumi$/);
  });

  it("is bounded: 20 lines, then the count of the rest", () => {
    const recorded: HeldSet = {};
    for (let i = 0; i < 3500; i++) recorded[`10.0.${Math.floor(i / 256)}.${i % 256}`] = aws("us-east-1");
    const lines = (driftSummary("z", recorded, {}, false) ?? "").split("\n");
    assert.equal(lines.length, 22);
    assert.match(lines[0] ?? "", /3,500 gone/);
    assert.equal(lines[21], "  … and 3,480 more");
  });
});
