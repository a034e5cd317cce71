import assert from "node:assert/strict";
import { MAX_HOLD_MS, NOTICE_FROM_MS, QuotaPacer } from "../../provider/cloudflare/quota-pacer";
import type { QuotaReading } from "../../provider/cloudflare/rate-headers";

/** An answer's headers, with a policy of quota `quota` (100 unless said). */
const reading = (remaining: number, resetSeconds: number, quota = 100): QuotaReading => ({
  remaining,
  resetSeconds,
  quota,
  windowSeconds: 60,
});
/** An answer's headers without a policy. */
const bare = (remaining: number, resetSeconds: number): QuotaReading => ({ remaining, resetSeconds });

/** Sends one request through the pacer at `now` and answers it with `answer`; returns the hold it got. */
function roundTrip(p: QuotaPacer, now: number, answer?: QuotaReading): number {
  const { waitMs } = p.take(now);
  if (waitMs === 0) p.settle(now, answer);
  return waitMs;
}

describe("QuotaPacer (pacing by Cloudflare's reported quota)", () => {
  it("lets every request go before any answer said anything", () => {
    const p = new QuotaPacer();
    for (let i = 0; i < 50; i++) assert.equal(p.take(0).waitMs, 0);
  });

  it("keeps a tenth of the quota unspent (at least one request), from the policy's q", () => {
    const p = new QuotaPacer();
    assert.equal(p.margin(), 1);
    p.take(0);
    p.settle(0, reading(500, 60, 1200));
    assert.equal(p.margin(), 120);
    p.take(0);
    p.settle(0, reading(4, 60, 5));
    assert.equal(p.margin(), 1);
  });

  it("without a policy, takes the largest r seen as the quota", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, bare(300, 60));
    assert.equal(p.margin(), 30);
    roundTrip(p, 0, bare(200, 60));
    assert.equal(p.margin(), 30, "a lower r later does not shrink it");
  });

  it("sends while more than the margin is left, and holds from the answer that leaves only the margin until the reset", () => {
    const p = new QuotaPacer();
    assert.equal(roundTrip(p, 1000, reading(11, 30)), 0);
    assert.equal(roundTrip(p, 2000, reading(10, 29)), 0, "11 left: sending one keeps the margin of 10");
    assert.equal(p.take(3000).waitMs, 28_000, "10 left is the margin: held until the reset, 29 s after the answer");
    assert.equal(p.take(30_999).waitMs, 1);
    assert.equal(p.take(31_000).waitMs, 0, "once the reset has passed, requests go");
  });

  it("counts its own requests in flight against what is left", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(15, 30));
    const sent = [0, 0, 0, 0, 0].map(() => p.take(0).waitMs);
    assert.deepEqual(sent, [0, 0, 0, 0, 0], "15 left, margin 10: five go");
    assert.equal(p.take(0).waitMs, 30_000, "10 left: the sixth is held");
    // The first answer counts only itself: the four still on the way are taken off what it reports.
    p.settle(100, reading(14, 30));
    assert.equal(p.take(100).waitMs, 30_000 - 100);
  });

  it("the answers of requests sent together never raise the estimate within a window", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(40, 30));
    for (let i = 0; i < 20; i++) p.take(0);
    // 20 sent: 20 left. An answer written before any of them was counted reports 40 left; less the
    // 19 still on the way that is 21, one more than the estimate: the estimate stays.
    p.settle(10, reading(40, 30));
    let sent = 0;
    while (p.take(10).waitMs === 0) sent++;
    assert.equal(sent, 10, "20 left, margin 10");
  });

  it("a slower answer of the same window that reports more left does not lift a hold", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(10, 30));
    assert.ok(p.take(0).waitMs > 0);
    assert.equal(p.take(31_000).waitMs, 0, "the reset has passed");
    assert.equal(p.take(31_000).waitMs, 0);
    p.settle(31_000, reading(5, 30));
    p.settle(31_500, reading(80, 30));
    assert.equal(p.take(31_500).waitMs, 29_500, "the answer that reported 5 left still holds, until its reset");
  });

  it("a new window (a later reset) replaces the old figures", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(12, 5));
    p.take(0);
    p.settle(1000, reading(90, 30));
    assert.equal(p.take(1000).waitMs, 0, "the reset moved from 5 s to 31 s: a new window with 90 left");
  });

  it("an answer without readable headers (or a request that failed) only ends the request; what it spent still counts", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(12, 30));
    assert.equal(p.take(0).waitMs, 0);
    p.settle(0);
    assert.equal(p.take(0).waitMs, 0, "12 - 1 = 11 left");
    assert.equal(p.take(0).waitMs, 30_000, "12 - 2 = 10 left: held");
    p.settle(0, reading(30, 30));
    assert.equal(p.take(0).waitMs, 30_000, "an answer of the same window reporting more does not lift the hold");
  });

  it("never holds longer than 5 minutes, whatever t says", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(0, 86_400));
    assert.equal(p.take(0).waitMs, MAX_HOLD_MS);
  });

  it("holds after a 429 (r = 0) until its reset", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(0, 7));
    assert.equal(p.take(0).waitMs, 7000);
    assert.equal(p.take(7000).waitMs, 0);
  });

  it("tells about a long hold once, to its first caller, and about the next long hold again", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(3, 95, 1200));
    assert.deepEqual(p.take(0), { waitMs: 95_000, notice: { waitMs: 95_000, remaining: 3, quota: 1200 } });
    assert.deepEqual(p.take(0), { waitMs: 95_000 });
    assert.deepEqual(p.take(50_000), { waitMs: 45_000 });
    // The next window runs low again.
    roundTrip(p, 95_000, reading(200, 300, 1200));
    p.take(96_000);
    p.settle(96_000, reading(60, 299, 1200));
    assert.deepEqual(p.take(96_000), { waitMs: 299_000, notice: { waitMs: 299_000, remaining: 60, quota: 1200 } });
  });

  it("does not tell about holds shorter than 10 s", () => {
    const p = new QuotaPacer();
    roundTrip(p, 0, reading(0, NOTICE_FROM_MS / 1000 - 1));
    assert.equal(p.take(0).notice, undefined);
    const q = new QuotaPacer();
    roundTrip(q, 0, bare(0, NOTICE_FROM_MS / 1000));
    assert.deepEqual(q.take(0).notice, { waitMs: NOTICE_FROM_MS, remaining: 0, quota: undefined });
  });

  it("K pacers sharing one quota (one server count) never let it go over, whatever order they send in", () => {
    // A fixed window of 200 per 60 s; 3 processes with 4 requests in flight each; each answer carries
    // the count as the server saw it. Answers are delivered in a pseudo-random order.
    const quota = 200;
    const pacers = [new QuotaPacer(), new QuotaPacer(), new QuotaPacer()];
    const inFlight: Array<{ k: number }> = [];
    let served = 0;
    let refused = 0;
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 5000; step++) {
      for (const [k, p] of pacers.entries()) {
        while (inFlight.filter((r) => r.k === k).length < 4 && p.take(0).waitMs === 0) {
          inFlight.push({ k });
        }
      }
      if (inFlight.length === 0) break;
      const [request] = inFlight.splice(Math.floor(random() * inFlight.length), 1);
      if (served < quota) served++;
      else refused++;
      pacers[request!.k]!.settle(0, reading(quota - served, 60, quota));
    }
    assert.equal(refused, 0);
    assert.ok(served >= quota - 20 - 12, `most of the quota is used (${served})`);
  });
});
