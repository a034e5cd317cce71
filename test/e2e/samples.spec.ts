// The samples of CLI output in docs/ci.md and docs/emulator.md come from this suite's real runs (the
// fixture program, the packed package, the real CLI, the emulator and its command line). Each sample
// sits between `<!-- sample:NAME -->` and the end of the code block after it. The suite fails when a
// sample differs from what the run printed; `npm run samples` (PCOCR_UPDATE_SAMPLES=1) writes them instead.
//
//   npm run samples

import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as readline from "node:readline";
import * as path from "node:path";
import type { MappingSpec, TestStack } from "../support/e2e-harness";
import { makeMappings, TestStack as Stack } from "../support/e2e-harness";
import { e2eSuite } from "../support/e2e-suite";

const DOCS = ["ci.md", "emulator.md"].map((name) => path.join(__dirname, "..", "..", "docs", name));
/** Cloudflare's documentation zone id: the same in every run, so the samples are too. */
const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const UPDATE = process.env["PCOCR_UPDATE_SAMPLES"] === "1";

/**
 * What varies from run to run: durations, the progress display (`@ previewing update....`, and the
 * lines a plain preview or refresh prints while it runs, whose order follows the provider's stdout
 * and stderr as they happen to arrive: left out, since the diagnostics repeat them), and the order of
 * the diagnostics, which Pulumi does not fix either: resources and their paragraphs are listed
 * sorted. Nothing else is touched.
 */
export function normalized(output: string): string {
  const lines = output
    .replace(/\r/g, "")
    .split("\n")
    .filter((l) => !/^Duration: /.test(l) && !/^@ /.test(l))
    .map((l) => l.replace(/ \(\d+(?:\.\d+)?m?s\)/g, "").trimEnd());
  const diagnostics = lines.indexOf("Diagnostics:");
  const progress = diagnostics > 0 && lines.slice(1, diagnostics).some((l) => / running( |$)|^ [~+-] {2}\S/.test(l));
  const kept = progress ? [lines[0] as string, "", ...lines.slice(diagnostics)] : lines;
  const text = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text.replace(/(\nDiagnostics:\n)([\s\S]*?)(?=\n\S|$)/, (_m, head: string, body: string) => {
    const blocks = body
      .split(/\n(?= {2}\S)/)
      .filter((b) => b.trim() !== "")
      .map((b) => {
        const [title = "", ...rest] = b.replace(/\n+$/, "").split("\n");
        const paragraphs = rest
          .join("\n")
          .split(/\n\n/)
          .map((p) => p.replace(/\n+$/, ""));
        return `${title}\n${paragraphs.sort().join("\n\n")}`;
      });
    return `${head}${blocks.sort().join("\n\n")}\n`;
  });
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

  it("the emulator's command line logs what pulumi up of the README's Usage mappings sends", async function () {
    this.timeout(5 * 60_000);
    const main = path.join(__dirname, "..", "..", "dist", "emulator", "main.js");
    const child = spawn(process.execPath, [main, "--port", "0", "--token", suite.token], { stdio: ["ignore", "pipe", "pipe"] });
    const log: string[] = [];
    readline.createInterface({ input: child.stderr }).on("line", (l) => log.push(l));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).once("line", (l) => resolve(l.replace(/^.* on /, "")));
        child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}: ${log.join("\n")}`)));
      });
      const usage = new Stack(suite.cli, "usage");
      const servers: MappingSpec[] = [
        { ip: "203.0.113.10", vendor: "aws", region: "us-east-1" },
        { ip: "203.0.113.11", vendor: "aws", region: "us-west-2" },
        { ip: "2001:db8::10", vendor: "aws", region: "eu-west-1" },
      ];
      await usage.init({ zoneId: ZONE, mappings: servers }, url, suite.token);
      await usage.up();
      produced.set("emulator-log-usage-up", log.join("\n"));
      await usage.destroy();
      await usage.remove();
    } finally {
      child.kill();
    }
  });

  it("the docs hold exactly what the runs printed", function () {
    const held = new Map<string, string>();
    for (const file of DOCS) for (const [name, text] of samplesIn(fs.readFileSync(file, "utf8"))) held.set(name, text);
    assert.deepEqual([...held.keys()].sort(), [...produced.keys()].sort(), "one block per scenario in the docs");
    if (UPDATE) {
      for (const file of DOCS) {
        const doc = fs.readFileSync(file, "utf8");
        fs.writeFileSync(
          file,
          doc.replace(
            BLOCK,
            (_m, open: string, name: string, _old: string, close: string) => `${open}${produced.get(name) ?? ""}\n${close}`,
          ),
        );
      }
      return;
    }
    for (const [name, text] of produced) {
      assert.equal(held.get(name), text, `the sample "${name}" in the docs is stale: run \`npm run samples\` and review the change`);
    }
  });
});
