// The executor against a scripted fake client: what is sent in which order, and what is recorded,
// with one batch in flight and with eight.
import assert from "node:assert/strict";
import type { CallContext, CloudflareClient } from "../../provider/cloudflare/client";
import { ApiError, AuthError, ConnectionError } from "../../provider/cloudflare/errors";
import type { BatchOutcome } from "../../provider/cloudflare/wire";
import { executePlan } from "../../provider/host/execute";
import { plan, toSet } from "../../provider/core/plan";
import type { Mapping, MappingSet } from "../../provider/core/types";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const mapping = (i: number, region = "us-east-1"): Mapping => ({ ip: `198.18.${i >> 8}.${i & 255}`, vendor: "aws", region });
const set = (from: number, to: number, region?: string): MappingSet =>
  toSet(Array.from({ length: to - from }, (_, k) => mapping(from + k, region)));

type Script = (kind: "upsert" | "delete", ips: string[]) => "ok" | "5xx" | "4xx" | "auth" | "drop-applied" | "drop" | { refuse: string[] };

/** A zone in memory behind the client interface; each batch is answered as the script says. */
function fakeClient(initial: MappingSet, script: Script = () => "ok") {
  const zone = new Map(Object.entries(initial).map(([ip, t]) => [ip, { ip, ...t }]));
  const log: Array<{ kind: string; size: number; at: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let tick = 0;
  const batch = async (kind: "upsert" | "delete", items: Array<Mapping | string>, ctx?: CallContext): Promise<BatchOutcome> => {
    if (ctx?.signal?.aborted) throw Object.assign(new Error("aborted"), { code: "CF_ABORTED" });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    log.push({ kind, size: items.length, at: tick++ });
    await new Promise((r) => setTimeout(r, 1));
    inFlight--;
    const ips = items.map((i) => (typeof i === "string" ? i : i.ip));
    const verdict = script(kind, ips);
    const apply = (refused: string[] = []) => {
      for (const item of items) {
        const ip = typeof item === "string" ? item : item.ip;
        if (refused.includes(ip)) continue;
        if (typeof item === "string") zone.delete(ip);
        else zone.set(ip, item);
      }
    };
    if (verdict === "5xx") throw new ApiError(`${kind} ${ips.length}`, 500, [{ code: 1195, message: "internal_error" }]);
    if (verdict === "4xx") throw new ApiError(`${kind} ${ips.length}`, 403, [{ code: 1164, message: "too many" }]);
    if (verdict === "auth") throw new AuthError(`${kind} ${ips.length}`, 403, [{ code: 10000, message: "Authentication error" }]);
    if (verdict === "drop") throw new ConnectionError(`${kind} ${ips.length}`, Object.assign(new Error("reset"), { code: "ECONNRESET" }));
    if (verdict === "drop-applied") {
      apply();
      throw new ConnectionError(`${kind} ${ips.length}`, Object.assign(new Error("reset"), { code: "ECONNRESET" }));
    }
    const refused = verdict === "ok" ? [] : verdict.refuse;
    apply(refused);
    return {
      succeeded: ips.filter((ip) => !refused.includes(ip)),
      failed: refused.map((ip) => ({ ip, error: "refused" })),
      modifiedOn: null,
    };
  };
  const client: CloudflareClient = {
    listMappings: async () => ({ mappings: [...zone.values()], modifiedOn: null }),
    supportedRegions: async () => ({}),
    upsertBatch: (_z, items, ctx) => batch("upsert", [...items], ctx),
    deleteBatch: (_z, ips, ctx) => batch("delete", [...ips], ctx),
    inspect: async () => ({ count: zone.size, held: [] }),
    familyFor: () => "v2",
    close: async () => {},
  };
  return { client, zone, log, maxInFlight: () => maxInFlight };
}

describe("executePlan", () => {
  for (const concurrency of [1, 8]) {
    describe(`with ${concurrency} in flight`, () => {
      it("sends every delete before any upsert, at most `concurrency` at once, and records the result", async () => {
        const before = set(0, 450);
        const after = { ...set(150, 450), ...set(1000, 1350) };
        const fake = fakeClient(before);
        const run = await executePlan(fake.client, ZONE, before, plan(before, after), { concurrency });
        assert.deepEqual(run.applied, toSet([...Object.entries(after)].map(([ip, t]) => ({ ip, ...t }))));
        assert.equal(run.planned, 150 + 350);
        assert.equal(run.done, 500);
        assert.equal(run.batches, 2 + 4);
        const lastDelete = Math.max(...fake.log.filter((l) => l.kind === "delete").map((l) => l.at));
        const firstUpsert = Math.min(...fake.log.filter((l) => l.kind === "upsert").map((l) => l.at));
        assert.ok(lastDelete < firstUpsert);
        assert.equal(fake.maxInFlight(), Math.min(concurrency, 4));
      });

      it("a batch that fails after its retries does not stop the others; state holds exactly what is there", async () => {
        const want = set(0, 1000);
        let n = 0;
        const fake = fakeClient({}, () => (++n === 3 ? "4xx" : n === 6 ? { refuse: ["198.18.2.77"] } : "ok"));
        const run = await executePlan(fake.client, ZONE, {}, plan({}, want), { concurrency });
        assert.equal(run.batches, 10, "every batch was sent");
        assert.equal(run.errors.length, 1);
        assert.equal(run.errors[0]?.ips.length, 100);
        assert.deepEqual(
          run.failures.map((f) => f.ip),
          ["198.18.2.77"],
        );
        assert.equal(run.done, 899);
        assert.deepEqual(Object.keys(run.applied).sort(), [...fake.zone.keys()].sort(), "applied is what the zone holds");
      });

      it("a batch whose answer was lost is settled by one read-back: applied if the zone holds it", async () => {
        const want = set(0, 300);
        let n = 0;
        const fake = fakeClient({}, () => (++n === 1 ? "drop-applied" : n === 2 ? "drop" : "ok"));
        const run = await executePlan(fake.client, ZONE, {}, plan({}, want), { concurrency });
        assert.deepEqual(Object.keys(run.applied).sort(), [...fake.zone.keys()].sort());
        assert.equal(Object.keys(run.applied).length, 200);
        assert.equal(run.errors.length, 1, "only the batch that really was not applied stays an error");
      });

      it("an authentication failure stops new batches: they would all fail the same way", async () => {
        const fake = fakeClient({}, () => "auth");
        const run = await executePlan(fake.client, ZONE, {}, plan({}, set(0, 3500)), { concurrency });
        assert.equal(run.batches, concurrency, "only the batches already started");
        assert.deepEqual(run.applied, {});
      });

      it("once the step is aborted (the engine is gone) no batch starts", async () => {
        const controller = new AbortController();
        let n = 0;
        const fake = fakeClient({}, () => {
          if (++n === 2) controller.abort();
          return "ok";
        });
        const run = await executePlan(fake.client, ZONE, {}, plan({}, set(0, 3500)), { concurrency, ctx: { signal: controller.signal } });
        assert.ok(fake.log.length <= concurrency + 1, `${fake.log.length} batches started`);
        assert.deepEqual(Object.keys(run.applied).sort(), [...fake.zone.keys()].sort(), "what was applied is still recorded");
      });
    });
  }
});
