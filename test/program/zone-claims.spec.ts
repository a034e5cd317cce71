// A program may declare at most one exclusive resource per zone (checked as resources are built).
import assert from "node:assert/strict";
import { claimExclusiveZone, resetExclusiveZones } from "../../provider/program/zone-claims";

describe("exclusive mode", () => {
  describe("one exclusive resource per zone in a program", () => {
    afterEach(() => resetExclusiveZones());
    it("a second claim of a zone names both resources; zone ids compare case-insensitively", () => {
      claimExclusiveZone("ABCDEF0123456789abcdef0123456789", "origins-a");
      claimExclusiveZone("abcdef0123456789abcdef0123456789", "origins-a");
      claimExclusiveZone("00000000000000000000000000000001", "origins-b");
      assert.throws(() => claimExclusiveZone("abcdef0123456789ABCDEF0123456789", "origins-c"), {
        message: /"origins-c" and "origins-a" both set `exclusive: true` for zone abcdef0123456789abcdef0123456789/,
      });
    });
  });
});
