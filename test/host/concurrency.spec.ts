// Batches in flight at once, as the emulator sees them: a provider configured with
// `originCloudRegions:concurrency` N keeps exactly N batch requests open at the peak, and the
// default is 4. Each request's span runs from its arrival to its answer (the emulator's `onRequest`);
// an added latency keeps batches open long enough for the lanes to overlap.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Emulator, RecordedRequest } from "../../emulator";
import { CONCURRENCY, RETRY_BUDGET_SECONDS, resolveSettings } from "../../provider/host/settings";
import { DEFAULT_RETRY_POLICY } from "../../provider/cloudflare/retry";
import { TEST_TOKEN, awsMappings, batchRequests, configuredProvider, startTestEmulator, zoneId } from "../support/emulator";

/** The most spans open at one instant; a span is [arrival, answer), so one that ends as the next begins does not overlap it. */
function maxOverlap(spans: Array<{ from: number; to: number }>): number {
  const edges = spans.flatMap((s) => [
    { at: s.from, step: 1 },
    { at: s.to, step: -1 },
  ]);
  // Ends before starts at the same instant.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let open = 0;
  let most = 0;
  for (const e of edges) {
    open += e.step;
    most = Math.max(most, open);
  }
  return most;
}

describe("batches in flight, as the emulator sees them", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  const spans: Array<{ from: number; to: number }> = [];
  let zoneCounter = 0xc000;
  const isBatch = (r: RecordedRequest) => r.method !== "GET" && r.path.endsWith("/batch");

  before(async () => {
    emulator = await startTestEmulator({
      latencyMs: 40,
      onRequest: (r) => {
        if (isBatch(r)) spans.push({ from: r.receivedAt, to: Date.now() });
      },
    });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.clearRequests();
    spans.length = 0;
  });

  async function create800(extra: Record<string, string>): Promise<number> {
    const provider = await configuredProvider(emulator, TEST_TOKEN, extra);
    const zone = zoneId(++zoneCounter);
    const checked = await provider.check({}, { zoneId: zone, mappings: awsMappings(0, 800) });
    assert.deepEqual(checked.failures, []);
    await provider.create({ ...checked.inputs, __provider: "code" });
    assert.equal(emulator.mappings(zone).length, 800);
    assert.equal(spans.length, 8, "eight batches of 100");
    assert.equal(spans.length, batchRequests(emulator, "PUT") + batchRequests(emulator, "PATCH"));
    return maxOverlap(spans);
  }

  it("with originCloudRegions:concurrency 4, four batch requests are open at once, never more", async () => {
    assert.equal(await create800({ "originCloudRegions:concurrency": "4" }), 4);
  });

  it("with originCloudRegions:concurrency 1, one at a time", async () => {
    assert.equal(await create800({ "originCloudRegions:concurrency": "1" }), 1);
  });

  it("with no setting, four (the documented default)", async () => {
    assert.equal(await create800({}), 4);
  });

  it("maxOverlap counts spans open at one instant, and back-to-back spans as one", () => {
    assert.equal(maxOverlap([]), 0);
    assert.equal(
      maxOverlap([
        { from: 0, to: 10 },
        { from: 10, to: 20 },
      ]),
      1,
    );
    assert.equal(
      maxOverlap([
        { from: 0, to: 10 },
        { from: 5, to: 20 },
        { from: 9, to: 12 },
      ]),
      3,
    );
  });
});

describe("the default settings are the README's", () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

  it("concurrency 4 and a retry budget of 360 s, as resolved, as the bounds say and as the README's table says", () => {
    const defaults = resolveSettings(undefined, {});
    assert.equal(defaults.concurrency, 4);
    assert.equal(defaults.retryBudgetMs, 360_000);
    assert.equal(CONCURRENCY.fallback, 4);
    assert.equal(RETRY_BUDGET_SECONDS.fallback, 360);
    assert.equal(DEFAULT_RETRY_POLICY.budgetMs, 360_000, "a client built without the provider's settings has the same budget");
    assert.match(readme, /\| `originCloudRegions:concurrency` \| env `ORIGIN_CLOUD_REGIONS_CONCURRENCY`, else `4` \|/);
    assert.match(readme, /\| `originCloudRegions:retryBudgetSeconds` \| env `ORIGIN_CLOUD_REGIONS_RETRY_BUDGET_SECONDS`, else `360` \|/);
  });
});
