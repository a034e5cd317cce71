// What a reviewer reads in CI, with the real CLI at 1,000 mappings: `pulumi preview --diff` names only
// the IPs that change, in a screenful; drift found by refresh shows the same way and up restores it;
// a partial failure is finished by the next up; a preview whose up is certain to fail fails; a
// preview without a token says what it could not check. The line counts go to the suite's report.
//
//   npx mocha --no-config -r ts-node/register/transpile-only -r test/support/packed-fixtures.ts --extension ts --timeout 3600000 test/e2e/review.spec.ts

import * as assert from "node:assert/strict";
import type { MappingSpec, StackScenario, TestStack } from "../support/e2e-harness";
import { excerpt, ipsIn, makeMappings, TestStack as Stack } from "../support/e2e-harness";
import { asHeld, e2eSuite } from "../support/e2e-suite";
import { bodyIps } from "../support/e2e-checks";

const MAX_LINES = 40;
const lines = (text: string): number => text.trimEnd().split("\n").length;
/** The IPs a review names, leaving out the check's one-line warning about documentation addresses (the fixture's). */
const changedIps = (text: string): string[] =>
  [
    ...ipsIn(
      text
        .split("\n")
        .filter((l) => !l.includes("are not public addresses"))
        .join("\n"),
    ),
  ].sort();

describe("end-to-end: the review a CI preview gives", function () {
  // The line counts are printed at the end only on request (PCOCR_E2E_REPORT=1): test output stays quiet.
  const suite = e2eSuite("review", process.env["PCOCR_E2E_REPORT"] === "1" ? "what a reviewer reads, in lines of CLI output" : {});
  const { newStack, held } = suite;
  let stack: TestStack;
  let zoneId: string;
  const base = makeMappings(1000, 6000);
  const added: MappingSpec = { ip: "203.0.113.250", vendor: "aws", region: "eu-west-1" };
  const moved = { ...(base[500] as MappingSpec) };
  moved.region = moved.region === "eu-west-1" ? "us-east-1" : "eu-west-1";
  const removed = base[10] as MappingSpec;

  /** `preview --diff` of `mappings`: at most MAX_LINES lines, naming exactly `ips`; the count goes to the report. */
  async function reviewOf(label: string, mappings: MappingSpec[], ips: string[]): Promise<string> {
    await stack.configure({ zoneId, mappings });
    suite.emulator.clearRequests();
    const diff = await stack.preview(["--diff"]);
    const plain = await stack.preview();
    suite.report.push(`${label}: preview --diff ${lines(diff.output)} lines, preview ${lines(plain.output)} lines`);
    assert.ok(lines(diff.output) <= MAX_LINES, `${label}: ${lines(diff.output)} lines\n${excerpt(diff.output)}`);
    assert.deepEqual(changedIps(diff.output), [...ips].sort(), `${label}: only the changed IPs\n${excerpt(diff.output)}`);
    assert.deepEqual(suite.emulator.writeRequests(), [], "preview writes nothing");
    return diff.output;
  }

  before(async function () {
    this.timeout(10 * 60_000);
    zoneId = suite.zone("review");
    stack = await newStack("review", { zoneId, mappings: base });
    await stack.up();
  });

  it("one IP added, one moved, one removed, and all three at once: preview --diff names only those IPs, in at most 40 lines", async function () {
    this.timeout(10 * 60_000);
    const add = await reviewOf("one IP added", [...base, added], [added.ip]);
    assert.match(add, new RegExp(`\\+ ${added.ip.replace(/\./g, "\\.")}`));
    const withMove = base.map((m) => (m.ip === moved.ip ? moved : m));
    await reviewOf("one IP moved", withMove, [moved.ip]);
    await reviewOf(
      "one IP removed",
      base.filter((m) => m !== removed),
      [removed.ip],
    );
    const mixed = [...withMove.filter((m) => m !== removed), added];
    await reviewOf("one added, one moved, one removed", mixed, [added.ip, moved.ip, removed.ip]);
    await stack.configure({ zoneId, mappings: base });
  });

  it("a mapping deleted outside Pulumi: refresh words it as the zone now, preview --diff names it, up restores it", async function () {
    this.timeout(10 * 60_000);
    const gone = base[3] as MappingSpec;
    suite.emulator.deleteMapping(zoneId, gone.ip);
    const refresh = await stack.refresh();
    assert.match(refresh.output, /the zone no longer holds what the state recorded \(1 gone, 0 changed\)/);
    assert.ok(refresh.output.includes(`- ${gone.ip} (was ${gone.vendor}/${gone.region}): no longer in the zone`), excerpt(refresh.output));
    assert.doesNotMatch(refresh.output, /to add, \d+ to change/, `refresh reports the zone, not a plan\n${excerpt(refresh.output)}`);
    const diff = await stack.preview(["--diff"]);
    suite.report.push(`after refresh found one mapping gone: preview --diff ${lines(diff.output)} lines`);
    assert.ok(lines(diff.output) <= MAX_LINES, excerpt(diff.output));
    assert.deepEqual(changedIps(diff.output), [gone.ip], excerpt(diff.output));
    suite.emulator.clearRequests();
    await stack.up();
    assert.deepEqual(suite.emulator.writeRequests().flatMap(bodyIps), [gone.ip], "up sends the missing mapping alone");
    assert.deepEqual(held(zoneId), asHeld(base));
    await stack.up(["--expect-no-changes"]);
  });

  it("an added IP the zone maps elsewhere, without adopt: preview fails naming it, and nothing is written", async function () {
    this.timeout(5 * 60_000);
    const foreign = { ip: "203.0.113.251", vendor: "gcp", region: "us-central1" } as MappingSpec;
    suite.emulator.putMapping(zoneId, foreign);
    await stack.configure({ zoneId, mappings: [...base, { ...foreign, vendor: "aws", region: "us-east-1" }] });
    suite.emulator.clearRequests();
    const preview = await stack.preview([], { allowFailure: true });
    suite.report.push(`foreign IP added without adopt: preview exit code ${preview.code}, ${lines(preview.output)} lines`);
    assert.notEqual(preview.code, 0, excerpt(preview.output));
    assert.ok(preview.output.includes(`${foreign.ip}: the zone has gcp/us-central1, declared aws/us-east-1`), excerpt(preview.output));
    assert.deepEqual(suite.emulator.writeRequests(), []);
    await stack.configure({ zoneId, mappings: base });
    suite.emulator.deleteMapping(zoneId, foreign.ip);
  });

  it("a partial failure, then up once the cause is fixed: the missing mappings are sent", async function () {
    this.timeout(10 * 60_000);
    const rejected = base.slice(0, 5).map((m) => ({ ...m, region: "ap-northeast-1", vendor: "aws" as const }));
    const next = [...rejected, ...base.slice(5)];
    suite.emulator.rejectRegions([{ vendor: "aws", region: "ap-northeast-1" }]);
    await stack.configure({ zoneId, mappings: next });
    const failed = await stack.up([], { allowFailure: true });
    assert.notEqual(failed.code, 0);
    suite.emulator.rejectRegions([]);
    suite.emulator.clearRequests();
    await stack.up();
    assert.deepEqual(suite.emulator.writeRequests().flatMap(bodyIps), rejected.map((m) => m.ip).sort());
    assert.deepEqual(held(zoneId), asHeld(next));
    await stack.up(["--expect-no-changes"]);
  });

  it("no token: preview passes and says in one line what it could not check", async function () {
    this.timeout(5 * 60_000);
    const bare = new Stack(suite.cli, "review-no-token");
    await suite.cli.run(["stack", "init", bare.name]);
    const scenario: StackScenario = { zoneId: suite.zone("no-token"), mappings: base.slice(0, 3) };
    await bare.configure(scenario, ["--plaintext", `cloudflare:baseUrl=${suite.emulator.url}`]);
    suite.emulator.clearRequests();
    const preview = await bare.preview();
    assert.match(preview.output, /not checked against Cloudflare \(no API token\)/);
    assert.deepEqual(suite.emulator.requests, [], "nothing read");
    await bare.remove();
  });
});
