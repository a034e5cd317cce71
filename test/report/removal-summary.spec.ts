// What preview prints for an exclusive resource: the mappings up would remove, bounded.
import assert from "node:assert/strict";
import { undeclared } from "../../provider/core/ownership";
import { removalSummary } from "../../provider/report/removal-summary";
import { awsMapping, awsMappings } from "../support/emulator";

describe("exclusive mode", () => {
  it("summary lists at most 20 mappings, then how many more", () => {
    const text = removalSummary("z", awsMappings(0, 25));
    assert.equal(text.split("\n").length, 1 + 20 + 1 + 1);
    assert.match(text, /up will remove 25 mappings the zone holds that this resource does not declare/);
    assert.match(text, /… and 5 more/);
    assert.deepEqual(
      undeclared(awsMappings(0, 4), { [awsMapping(1).ip]: awsMapping(1) }, { [awsMapping(2).ip]: awsMapping(2) }).map((m) => m.ip),
      [awsMapping(0).ip, awsMapping(3).ip],
    );
  });
});
