// The samples of CLI output in docs/ci.md come from this suite's real runs (the fixture program, the
// packed package, the real CLI, the emulator). Each sample sits between `<!-- sample:NAME -->` and
// the end of the code block after it. The suite fails when a sample differs from what the run
// printed; `npm run samples` (PCOCR_UPDATE_SAMPLES=1) writes them instead.
//
//   npm run samples

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { MappingSpec, TestStack } from "../support/e2e-harness";
import { makeMappings } from "../support/e2e-harness";
import { e2eSuite } from "../support/e2e-suite";

const DOC = path.join(__dirname, "..", "..", "docs", "ci.md");
/** Cloudflare's documentation zone id: the same in every run, so the samples are too. */
const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const UPDATE = process.env["PCOCR_UPDATE_SAMPLES"] === "1";

/** What varies from run to run: durations, and the CLI's progress ticks (`@ previewing update....`). Nothing else is touched. */
export function normalized(output: string): string {
  return output
    .replace(/\r/g, "")
    .split("\n")
    .filter((l) => !/^Duration: /.test(l) && !/^@ /.test(l))
    .map((l) => l.replace(/ \(\d+(?:\.\d+)?m?s\)/g, "").trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const BLOCK = /(<!-- sample:([a-z0-9-]+) -->\n```text\n)([\s\S]*?)(^```$)/gm;

/** The samples a document holds, by name (the block's text, without its last line break). */
export function samplesIn(doc: string): Map<string, string> {
  return new Map([...doc.matchAll(BLOCK)].map((m) => [m[2] as string, (m[3] as string).replace(/\n$/, "")]));
}

describe("end-to-end: the samples of CLI output in docs/ci.md", function () {
  const suite = e2eSuite("samples");
  const produced = new Map<string, string>();
  let stack: TestStack;
  const base = makeMappings(1000, 9000);
  const added: MappingSpec = { ip: "203.0.113.250", vendor: "aws", region: "eu-west-1" };

  before(async function () {
    this.timeout(10 * 60_000);
    stack = await suite.newStack("prod", { zoneId: ZONE, mappings: base });
    await stack.up();
  });

  it("runs the documented scenarios", async function () {
    this.timeout(10 * 60_000);
    await stack.configure({ zoneId: ZONE, mappings: [...base, added] });
    produced.set("preview-one-ip-added", normalized((await stack.preview()).output));
    produced.set("preview-diff-one-ip-added", normalized((await stack.preview(["--diff"])).output));
    const theirs = { ip: "203.0.113.251", vendor: "gcp", region: "us-central1" };
    suite.emulator.putMapping(ZONE, theirs);
    await stack.configure({ zoneId: ZONE, mappings: [...base, { ...theirs, vendor: "aws", region: "us-east-1" }] });
    produced.set("preview-refused", normalized((await stack.preview([], { allowFailure: true })).output));
    suite.emulator.deleteMapping(ZONE, theirs.ip);
    await stack.configure({ zoneId: ZONE, mappings: base });
    suite.emulator.deleteMapping(ZONE, (base[3] as MappingSpec).ip);
    produced.set("refresh-drift", normalized((await stack.refresh()).output));
    produced.set("preview-diff-after-drift", normalized((await stack.preview(["--diff"])).output));
  });

  it("docs/ci.md holds exactly what the runs printed", function () {
    const doc = fs.readFileSync(DOC, "utf8");
    const held = samplesIn(doc);
    assert.deepEqual([...held.keys()].sort(), [...produced.keys()].sort(), "docs/ci.md has one block per scenario");
    if (UPDATE) {
      fs.writeFileSync(
        DOC,
        doc.replace(BLOCK, (_m, open: string, name: string, _old: string, close: string) => `${open}${produced.get(name) ?? ""}\n${close}`),
      );
      return;
    }
    for (const [name, text] of produced) {
      assert.equal(held.get(name), text, `the sample "${name}" in docs/ci.md is stale: run \`npm run samples\` and review the change`);
    }
  });
});
