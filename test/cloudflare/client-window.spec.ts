// The client's waits through a real HTTP exchange with the emulator: the process request window
// holds requests beyond its limit, a 429's Retry-After holds every request of the window (not only
// the one retried), and the default policy honours Retry-After up to Cloudflare's 5-minute block.
// Sleeps are recorded, never waited for; each call gets its own signal so a wait is told apart by call.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { createCloudflareClient } from "../../provider/cloudflare/client";
import type { ClientOptions } from "../../provider/cloudflare/client";
import { RequestWindow } from "../../provider/cloudflare/request-window";
import type { RetryInfo } from "../../provider/cloudflare/client";
import { TEST_TOKEN, startTestEmulator, zoneId } from "../support/emulator";

describe("Cloudflare client: request window and Retry-After", () => {
  let emulator: Emulator;
  const start = Date.parse("2026-11-28T12:00:00Z");
  let clock = start;
  let advanceOnSleep = false;
  const sleeps: Array<{ ms: number; signal: AbortSignal | undefined }> = [];
  const retries: RetryInfo[] = [];
  const client = (overrides: Partial<ClientOptions> = {}) =>
    createCloudflareClient({
      baseUrl: emulator.url,
      token: TEST_TOKEN,
      apiFamily: "v2",
      sleep: async (ms, signal) => {
        sleeps.push({ ms, signal });
        if (advanceOnSleep) clock += ms;
      },
      now: () => clock,
      random: () => 0.5,
      onRetry: (info) => retries.push(info),
      ...overrides,
    });
  const waitsOf = (signal: AbortSignal) => sleeps.filter((s) => s.signal === signal).map((s) => s.ms);

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.clearRequests();
    emulator.faults.clear();
    sleeps.length = 0;
    retries.length = 0;
    clock = start;
    advanceOnSleep = false;
  });

  it("a window of 3 per 60 s sends 3 of 5 requests at once and holds the 4th and 5th until the window allows", async () => {
    const c = client({ window: new RequestWindow({ requests: 3, windowMs: 60_000 }) });
    const signals = Array.from({ length: 5 }, () => new AbortController().signal);
    const zone = zoneId(0x7001);
    await Promise.all(signals.map((signal) => c.supportedRegions(zone, { signal })));
    assert.deepEqual(
      signals.map((signal) => waitsOf(signal)),
      [[], [], [], [60_000], [60_000]],
      "the first three go at once; the 4th and 5th wait until the first send leaves the window",
    );
    assert.equal(emulator.requests.length, 5);
    await c.close();
  });

  it("sent one after another on a moving clock, the 4th request waits out the window and the 5th then fits", async () => {
    advanceOnSleep = true;
    const c = client({ window: new RequestWindow({ requests: 3, windowMs: 60_000 }) });
    const zone = zoneId(0x7002);
    const sentAt: number[] = [];
    for (let i = 0; i < 5; i++) await c.supportedRegions(zone, { onRequest: () => sentAt.push(clock - start) });
    assert.deepEqual(
      sleeps.map((s) => s.ms),
      [60_000],
    );
    assert.deepEqual(sentAt, [0, 0, 0, 60_000, 60_000]);
    await c.close();
  });

  it("after a 429 with Retry-After 7, a second request through the same window waits 7 s too, not only the retried one", async () => {
    const window = new RequestWindow();
    const zone = zoneId(0x7003);
    const first = new AbortController().signal;
    const second = new AbortController().signal;
    let secondCall: Promise<unknown> | undefined;
    const b = client({ window });
    // The second request starts once the 429 is in, while the first is about to wait for its retry.
    const a = client({
      window,
      onRetry: (info) => {
        retries.push(info);
        secondCall ??= b.supportedRegions(zone, { signal: second });
      },
    });
    emulator.faults.enqueue({ kind: "429", retryAfter: 7 });
    await a.supportedRegions(zone, { signal: first });
    assert.ok(secondCall, "the 429 was retried");
    await secondCall;
    assert.deepEqual(
      retries.map((r) => r.delayMs),
      [7_000],
    );
    assert.equal(waitsOf(first)[0], 7_000, "the retried request waits out Retry-After");
    assert.deepEqual(waitsOf(second), [7_000], "the second request is held as long, though it never got a 429");
    assert.deepEqual(
      emulator.requests.map((r) => r.status),
      [429, 200, 200],
    );
    await Promise.all([a.close(), b.close()]);
  });

  for (const [retryAfter, expected] of [
    [240, 240_000],
    [900, 300_000],
  ] as const) {
    it(`the default policy turns Retry-After ${retryAfter} into a wait of ${expected} ms`, async () => {
      advanceOnSleep = true;
      const c = client({ window: new RequestWindow() });
      emulator.faults.enqueue({ kind: "429", retryAfter });
      const regions = await c.supportedRegions(zoneId(0x7004));
      assert.ok(regions.aws?.includes("us-east-1"));
      assert.deepEqual(
        retries.map((r) => r.delayMs),
        [expected],
      );
      assert.deepEqual(
        sleeps.map((s) => s.ms),
        [expected],
        "one wait, and the retry then finds the window open",
      );
      assert.equal(emulator.requests.length, 2);
      await c.close();
    });
  }
});
