// Three separate processes share one API token, each previewing, creating, refreshing and
// destroying 3,000 mappings (about 95 requests) in a zone of its own, against an emulator whose quota
// is 120 requests per 3 s: together they need it more than twice over. Each process counts only its own
// requests; Cloudflare's Ratelimit headers are what tell it about the others. None may draw a 429.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { TEST_TOKEN, startTestEmulator } from "../support/emulator";
import { runSharedToken } from "../support/shared-token";

describe("processes sharing one token (Cloudflare's quota, scaled down)", function () {
  this.timeout(60_000);
  let emulator: Emulator;

  before(async () => {
    emulator = await startTestEmulator({ rateLimit: { limit: 120, windowSeconds: 3 } });
  });
  after(async () => {
    await emulator.close();
  });

  it("three processes, each with two batches in flight, all finish without a single 429", async () => {
    const run = await runSharedToken(emulator, { processes: 3, mappings: 3000, concurrency: 2, token: TEST_TOKEN });
    assert.deepEqual(
      run.results.map((r) => r.error ?? "ok"),
      ["ok", "ok", "ok"],
    );
    assert.ok(run.requests > 120 * 2, `the processes sent ${run.requests} requests: more than the quota allows at once`);
    assert.equal(run.rateLimited, 0, `${run.rateLimited} of ${run.requests} requests drew a 429`);
    for (const r of run.results) assert.deepEqual(emulator.mappings(r.zoneId), [], `zone ${r.zoneId} is empty after destroy`);
  });
});
