// Steps under injected faults, with the real CLI: how many runs of `pulumi up` / `destroy` each step
// needs to converge, and that nothing is lost or orphaned on the way. The emulator draws faults from a
// seeded generator (429 with Retry-After 1, 5xx, dropped connections), with no cap on faults in a row.
//
//   npm run e2e              (STORM_SEED=<n> picks another fault sequence)

import * as assert from "node:assert/strict";
import type { FaultRates } from "../../emulator";
import type { MappingSpec } from "../support/e2e-harness";
import { makeMappings, mappingsResource, zoneIdFor } from "../support/e2e-harness";
import { asHeld, e2eSuite } from "../support/e2e-suite";

const SEED = Number(process.env["STORM_SEED"] ?? 20261128);
const MIXED_20: FaultRates = { rate429: 0.1, rate5xx: 0.05, rateReset: 0.05, retryAfter: 1, seed: SEED };
const STORM: FaultRates = { rate429: 0.5, rate5xx: 0.2, rateReset: 0.1, retryAfter: 1, seed: SEED + 1 };

describe("end-to-end: steps under injected faults", function () {
  const suite = e2eSuite("storm", "runs to converge (faults injected per kind):");
  const { salt, report, held } = suite;

  /** Runs `step` until it succeeds or `maxRuns` is reached, under `rates`; records runs, seconds and faults. */
  async function converge(
    label: string,
    rates: FaultRates,
    maxRuns: number,
    step: () => Promise<{ code: number; output: string }>,
  ): Promise<number> {
    const emulator = suite.emulator;
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
    report.push(
      `${label}: ${runs} run(s), ${((Date.now() - started) / 1000).toFixed(0)} s, ${emulator.requests.length} requests (${faults || "no faults"})`,
    );
    assert.equal(last.code, 0, `${label} did not converge in ${maxRuns} run(s)\n${last.output.slice(-3000)}`);
    assert.doesNotMatch(last.output, /^\s+at .*\.(ts|js):\d+/m, "no stack trace in the output");
    return runs;
  }

  const newStack = (name: string, zoneId: string, mappings: MappingSpec[]) => suite.newStack(name, { zoneId, mappings });

  it("3,500 mappings under 20% mixed faults: create, a one-batch update and destroy each converge in one run", async function () {
    this.timeout(30 * 60_000);
    const zoneId = zoneIdFor("storm-3500", salt);
    const mappings = makeMappings(3500, 10_000);
    const stack = await newStack("faults-3500", zoneId, mappings);

    await converge("create 3,500 (20% faults)", MIXED_20, 1, () => stack.up([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), asHeld(mappings));

    const changed = mappings.map((m, i) =>
      i < 100
        ? {
            ...m,
            region: m.vendor === "aws" ? "eu-west-2" : m.vendor === "gcp" ? "us-east1" : m.vendor === "azure" ? "uksouth" : "uk-london-1",
          }
        : m,
    );
    await stack.configure({ zoneId, mappings: changed });
    await converge("update 100 (one batch, 20% faults)", MIXED_20, 1, () => stack.up([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), asHeld(changed));
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
    assert.deepEqual(held(zoneId), asHeld(mappings));
    await stack.up(["--expect-no-changes"]);

    await converge("destroy 500 (storm)", STORM, 2, () => stack.destroy([], { allowFailure: true }));
    assert.deepEqual(held(zoneId), [], "nothing orphaned");
  });
});
