// The client paces by Cloudflare's Ratelimit headers through a real HTTP exchange: against the
// emulator's quota (on a clock the test moves, shared by the emulator and the clients) and against a
// small server that sends whatever headers a test wants. Sleeps are recorded and move the clock.
import assert from "node:assert/strict";
import { loopbackServerForSuite } from "../support/loopback-server";
import type { Emulator } from "../../emulator";
import { createCloudflareClient } from "../../provider/cloudflare/client";
import type { ClientOptions, QuotaNotice } from "../../provider/cloudflare/client";
import { RequestWindow } from "../../provider/cloudflare/request-window";
import { quotaWaiting } from "../../provider/report/step-lines";
import { TEST_TOKEN, startTestEmulator, zoneId } from "../support/emulator";

describe("Cloudflare client: pacing by the Ratelimit headers", () => {
  let emulator: Emulator;
  const start = Date.parse("2026-11-28T12:00:00Z");
  let clock = start;
  const sleeps: number[] = [];
  const notices: QuotaNotice[] = [];
  const client = (baseUrl: string, overrides: Partial<ClientOptions> = {}) =>
    createCloudflareClient({
      baseUrl,
      token: TEST_TOKEN,
      apiFamily: "v2",
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      now: () => clock,
      random: () => 0.5,
      onQuotaWait: (n) => notices.push(n),
      window: new RequestWindow(),
      ...overrides,
    });

  before(async () => {
    emulator = await startTestEmulator({ rateLimit: { limit: 20, windowSeconds: 60 }, clock: () => new Date(clock) });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    clock += 3_600_000; // a fresh emulator window for each test
    emulator.clearRequests();
    sleeps.length = 0;
    notices.length = 0;
  });

  it("sends until the margin is left, waits for the reset once (telling it once), and never draws a 429", async () => {
    const c = client(emulator.url);
    const zone = zoneId(0x7101);
    for (let i = 0; i < 30; i++) await c.supportedRegions(zone);
    assert.deepEqual(
      emulator.requests.map((r) => r.status).filter((s) => s !== 200),
      [],
    );
    assert.equal(emulator.requests.length, 30);
    assert.deepEqual(sleeps, [60_000], "18 of 20 go (2 are the margin), then one wait for the window's reset");
    assert.deepEqual(notices, [{ waitMs: 60_000, remaining: 2, quota: 20 }]);
    assert.match(
      quotaWaiting(notices[0] as QuotaNotice),
      /^Waiting 60 s before the next Cloudflare request: Cloudflare reports 2 of 20 requests left/,
    );
    await c.close();
  });

  it("two clients with windows of their own (two processes) sharing the token both keep under the quota", async () => {
    const a = client(emulator.url);
    const b = client(emulator.url);
    const zone = zoneId(0x7103);
    await Promise.all(
      [a, b].map(async (c) => {
        for (let i = 0; i < 20; i++) await c.supportedRegions(zone);
      }),
    );
    assert.deepEqual(
      emulator.requests.map((r) => r.status).filter((s) => s !== 200),
      [],
    );
    assert.equal(emulator.requests.length, 40);
    await Promise.all([a.close(), b.close()]);
  });

  describe("against a server that sends the headers a test sets", () => {
    let headers: Record<string, string | string[]> = {};
    const server = loopbackServerForSuite((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify({ success: true, errors: [], messages: [], result: { vendors: { aws: [{ name: "us-east-1" }] } } }));
    });

    for (const [label, value] of [
      ["absent", undefined],
      ["malformed", "r=0;t=30"],
      ["fractional", '"default";r=0.5;t=30'],
      ["without t", '"default";r=0'],
    ] as const) {
      it(`never holds when Ratelimit is ${label}`, async () => {
        headers = value === undefined ? {} : { ratelimit: value };
        const c = client(server.url);
        for (let i = 0; i < 5; i++) await c.supportedRegions(zoneId(0x7104));
        assert.equal(server.served, 5);
        assert.deepEqual(sleeps, []);
        await c.close();
      });
    }

    it("holds for t when the default item of several says nothing is left; a short hold is not told", async () => {
      headers = { ratelimit: ['"burst";r=90;t=1', '"default";r=0;t=5'], "ratelimit-policy": '"default";q=100;w=60' };
      const c = client(server.url);
      await c.supportedRegions(zoneId(0x7105));
      await c.supportedRegions(zoneId(0x7105));
      assert.deepEqual(sleeps, [5_000]);
      assert.deepEqual(notices, []);
      await c.close();
    });
  });
});
