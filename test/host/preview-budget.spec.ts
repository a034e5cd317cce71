// Preview's look-ups keep to the step's retry budget: against an endpoint nothing answers, check
// ends after a bounded number of attempts instead of retrying for the client's default six minutes.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import { timeClientWith } from "../../provider/host/session";
import { TEST_TOKEN, fakeConfig, zoneId } from "../support/emulator";
import { collectReports } from "../support/reports";

/** A loopback port nothing listens on: bound to port 0, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("preview look-ups against an unreachable endpoint", () => {
  it("check skips the supported-regions check after the attempts the retry budget allows", async () => {
    const provider = new OriginCloudRegionMappingsProvider();
    const reports = collectReports(provider);
    const port = await closedPort();
    await provider.configure({
      config: fakeConfig({
        "cloudflare:apiToken": TEST_TOKEN,
        "cloudflare:baseUrl": `http://127.0.0.1:${port}/client/v4`,
        "originCloudRegions:retryBudgetSeconds": "1",
      }),
    });
    // Retries wait for nothing: the budget, not a clock that moves, has to end them.
    let waits = 0;
    timeClientWith(provider, { sleep: async () => void waits++, random: () => 0 });
    const zone = zoneId(0xdead);
    const result = await provider.check({}, { zoneId: zone, mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }] });
    assert.deepEqual(result.failures, []);
    const skipped = reports.filter((r) => r.startsWith(`Skipping the supported-regions check for zone ${zone}: `));
    assert.equal(skipped.length, 1);
    assert.match(skipped[0] ?? "", /Failed to fetch supported regions: no answer from the Cloudflare API \(ECONNREFUSED/);
    assert.ok(!(skipped[0] ?? "").includes("\n"), "one line");
    const regionRetries = reports.filter((r) => r.startsWith("Retrying fetch supported regions")).length;
    assert.ok(regionRetries >= 1 && regionRetries <= 4, `retried the supported-regions read ${regionRetries} times`);
    assert.ok(waits <= 10, `waited ${waits} times in all`);
  });
});
