import assert from "node:assert/strict";
import { appliedCounts, changeSummary, shortZone, stepReport, subject } from "../../provider/report/change-summary";
import { placeholderKey } from "../../provider/core/mapping-list";
import type { MappingSet } from "../../provider/core/types";
import { UNKNOWN } from "../../provider/core/types";

const ZONE = subject(undefined, "023e105f4ecef8ad9ca31a8372d0c353");

describe("change summary (what a reviewer reads in pulumi preview)", () => {
  it("counts, then one line per change: + added, ~ changed (old → new), - removed", () => {
    const owned: MappingSet = {
      "198.51.100.4": { vendor: "aws", region: "us-west-2" },
      "2001:db8::7": { vendor: "gcp", region: "us-central1" },
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
    };
    const desired: MappingSet = {
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
      "192.0.2.77": { vendor: "aws", region: "us-east-1" },
      "2001:db8::7": { vendor: "gcp", region: "europe-west1" },
    };
    assert.equal(
      changeSummary(ZONE, owned, desired),
      [
        "zone 023e…c353: 1 to add, 1 to change, 1 to remove",
        "  + 192.0.2.77 aws/us-east-1",
        "  ~ 2001:db8::7 gcp/us-central1 → gcp/europe-west1",
        "  - 198.51.100.4 (aws/us-west-2)",
      ].join("\n"),
    );
  });

  it("says nothing when nothing changes", () => {
    assert.equal(
      changeSummary(ZONE, { "192.0.2.1": { vendor: "aws", region: "us-east-1" } }, { "192.0.2.1": { vendor: "aws", region: "us-east-1" } }),
      undefined,
    );
  });

  it("stays within 20 item lines at 3,500 changes", () => {
    const desired: MappingSet = {};
    for (let i = 0; i < 3500; i++) desired[`198.18.${i >> 8}.${i & 255}`] = { vendor: "aws", region: "us-east-1" };
    const lines = (changeSummary(ZONE, {}, desired) ?? "").split("\n");
    assert.equal(lines[0], "zone 023e…c353: 3,500 to add, 0 to change, 0 to remove");
    assert.equal(lines.length, 22);
    assert.equal(lines[21], "  … and 3,480 more");
  });

  it("shows entries whose IP is not known yet as additions", () => {
    const desired = { [placeholderKey(3)]: { vendor: "aws", region: "us-east-1" }, [placeholderKey(4)]: UNKNOWN } as unknown as MappingSet;
    assert.equal(
      changeSummary(ZONE, {}, desired),
      "zone 023e…c353: 2 to add, 0 to change, 0 to remove\n  + (IP known after deploy) mappings[3] aws/us-east-1\n  + (IP known after deploy) mappings[4] (vendor and region known after deploy)",
    );
  });

  it("marks additions the zone already maps: conflicts first with what up will do, then identical ones", () => {
    const desired: MappingSet = {
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
      "192.0.2.2": { vendor: "aws", region: "us-east-1" },
      "192.0.2.3": { vendor: "aws", region: "us-east-1" },
    };
    const conflicts = [
      { ip: "192.0.2.3", held: { vendor: "azure" as const, region: "eastus" }, declared: { vendor: "aws" as const, region: "us-east-1" } },
    ];
    assert.equal(
      changeSummary(ZONE, {}, desired, { conflicts, identical: ["192.0.2.2"], adopt: false }),
      [
        "zone 023e…c353: 3 to add (2 to write, 1 already in the zone as declared), 0 to change, 0 to remove",
        "  ! the zone maps 1 IP to be added elsewhere (not this resource's): up fails before writing anything unless you set `adopt: true` or drop it",
        "  + 192.0.2.3 aws/us-east-1  ✗ the zone maps it to azure/eastus, not this resource's: refused without adopt",
        "  + 192.0.2.1 aws/us-east-1",
        "  + 192.0.2.2 aws/us-east-1  (already in the zone as declared: taken over without writing)",
      ].join("\n"),
    );
    assert.equal(
      changeSummary(ZONE, {}, desired, { conflicts, identical: [], adopt: true })?.split("\n")[1],
      "  + 192.0.2.3 aws/us-east-1  (the zone maps it to azure/eastus: adopt takes it over)",
    );
  });

  it("at 3,500 conflicts: the refusal line, 20 marked lines and a count", () => {
    const desired: MappingSet = {};
    const conflicts = [];
    for (let i = 0; i < 3500; i++) {
      const ip = `198.18.${i >> 8}.${i & 255}`;
      desired[ip] = { vendor: "aws", region: "us-east-1" };
      conflicts.push({
        ip,
        held: { vendor: "gcp" as const, region: "us-central1" },
        declared: { vendor: "aws" as const, region: "us-east-1" },
      });
    }
    const lines = (changeSummary(ZONE, {}, desired, { conflicts, identical: [], adopt: false }) ?? "").split("\n");
    assert.equal(lines.length, 23);
    assert.match(lines[1] ?? "", /the zone maps 3,500 IPs to be added elsewhere .* or drop them$/);
    assert.ok(lines.slice(2, 22).every((l) => l.includes("✗")));
    assert.equal(lines[22], "  … and 3,480 more");
  });

  it("a step's closing line: what it did, requests, time", () => {
    const before: MappingSet = { "192.0.2.1": { vendor: "aws", region: "us-east-1" }, "192.0.2.2": { vendor: "aws", region: "us-east-1" } };
    const after: MappingSet = { "192.0.2.1": { vendor: "aws", region: "eu-west-1" }, "192.0.2.3": { vendor: "aws", region: "us-east-1" } };
    assert.deepEqual(appliedCounts(before, after), { added: 1, changed: 1, removed: 1 });
    assert.equal(
      stepReport(ZONE, appliedCounts(before, after), 3, 1234),
      "zone 023e…c353: 1 added, 1 changed, 1 removed (3 requests, 1.2 s)",
    );
    assert.equal(shortZone("abc"), "abc");
    assert.equal(subject("origins", "023e105f4ecef8ad9ca31a8372d0c353"), "origins (zone 023e…c353)");
  });
});
