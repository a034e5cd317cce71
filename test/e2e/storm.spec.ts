// Steps under injected faults, with the real CLI: how many runs of `pulumi up` / `destroy` each step
// needs to converge, and that nothing is lost or orphaned on the way. The emulator draws faults from a
// seeded generator (429 with Retry-After 1, 5xx, dropped connections), with no cap on faults in a row.
//
//   npm run e2e              (STORM_SEED=<n> picks another fault sequence)

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import type { Emulator, FaultRates } from "../../emulator";
import type { MappingSpec } from "../support/e2e-harness";
import { PulumiCli, TestStack, makeMappings, mappingsResource, resolveToolchain, zoneIdFor } from "../support/e2e-harness";

const SEED = Number(process.env["STORM_SEED"] ?? 20261128);
const MIXED_20: FaultRates = { rate429: 0.1, rate5xx: 0.05, rateReset: 0.05, retryAfter: 1, seed: SEED };
const STORM: FaultRates = { rate429: 0.5, rate5xx: 0.2, rateReset: 0.1, retryAfter: 1, seed: SEED + 1 };

describe("end-to-end: steps under injected faults", function () {
  const token = `storm-${randomBytes(18).toString("hex")}`;
  const salt = randomBytes(4).toString("hex");
  let emulator: Emulator;
  let cli: PulumiCli;
  const stacks: TestStack[] = [];
  const report: string[] = [];

  before(async function () {
    this.timeout(90 * 60_000);
    cli = new PulumiCli(await resolveToolchain());
    emulator = await startEmulator({ port: 0, apiToken: token });
  });

  after(async function () {
    this.timeout(120_000);
    for (const s of stacks) fs.rmSync(s.configFile, { force: true });
    await emulator?.close();
    console.log(["      runs to converge (faults injected per kind):", ...report.map((l) => `        ${l}`)].join("\n"));
    cli?.dispose();
  });

  const held = (zoneId: string) => emulator.mappings(zoneId).map((m) => `${m.ip} ${m.vendor}/${m.region}`).sort();
  const expected = (mappings: MappingSpec[]) => mappings.map((m) => `${m.ip} ${m.vendor}/${m.region}`).sort();

  /** Runs `step` until it succeeds or `maxRuns` is reached, under `rates`; records runs, seconds and faults. */
  async function converge(label: string, rates: FaultRates, maxRuns: number, step: () => Promise<{ code: number; output: string }>): Promise<number> {
    emulator.clearRequests();
    emulator.faults.setRates(rates);
    const started = Date.now();
    let runs = 0;
    let last = { code: -1, output: "" };
    try {
      while (runs < maxRuns) {
        runs++;
        last = await step();
        if (last.code === 0) break;
      }
    } finally {
      emulator.faults.clear();
    }
    const kinds = new Map<string, number>();
    for (const r of emulator.requests) if (r.fault) kinds.set(r.fault, (kinds.get(r.fault) ?? 0) + 1);
    const faults = [...kinds].map(([k, n]) => `${k} x${n}`).join(", ");
    report.push(`${label}: ${runs} run(s), ${((Date.now() - started) / 1000).toFixed(0)} s, ${emulator.requests.length} requests (${faults || "no faults"})`);
    assert.equal(last.code, 0, `${label} did not converge in ${maxRuns} run(s)\n${last.output.slice(-3000)}`);
    assert.doesNotMatch(last.output, /^\s+at .*\.(ts|js):\d+/m, "no stack trace in the output");
    return runs;
  }

  async function newStack(name: string, zoneId: string, mappings: MappingSpec[]): Promise<TestStack> {
    const stack = new TestStack(cli, name);
    stacks.push(stack);
    await stack.init({ zoneId, mappings }, emulator.url, token);
    return stack;
  }

  it("3,500 mappings under 20% mixed faults: create, a one-batch update and destroy each converge in one run", async function () {
    this.timeout(30 * 60_000);
    const zoneId = zoneIdFor("storm-3500", salt);
    const mappings = makeMappings(3500, 10_000);
    const stack = await newStack("faults-3500", zoneId, mappings);

    await converge("create 3,500 (20% faults)", MIXED_20, 1, () => stack.up([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), expected(mappings));

    const changed = mappings.map((m, i) => (i < 100 ? { ...m, region: m.vendor === "aws" ? "eu-west-2" : m.vendor === "gcp" ? "us-east1" : m.vendor === "azure" ? "uksouth" : "uk-london-1" } : m));
    await stack.configure({ zoneId, mappings: changed });
    await converge("update 100 (one batch, 20% faults)", MIXED_20, 1, () => stack.up([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), expected(changed));
    assert.equal(Object.keys((mappingsResource(await stack.export())?.outputs?.["mappings"] ?? {}) as object).length, 3500);

    await converge("destroy 3,500 (20% faults)", MIXED_20, 1, () => stack.destroy([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), []);
  });

  it("500 mappings under the storm (50% 429, 20% 5xx, 10% dropped): create and destroy converge in at most two runs each", async function () {
    this.timeout(30 * 60_000);
    const zoneId = zoneIdFor("storm-500", salt);
    const mappings = makeMappings(500, 20_000);
    const stack = await newStack("storm-500", zoneId, mappings);

    await converge("create 500 (storm)", STORM, 2, () => stack.up([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), expected(mappings));
    await stack.up(["--expect-no-changes"]);

    await converge("destroy 500 (storm)", STORM, 2, () => stack.destroy([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), [], "nothing orphaned");
  });
});
