import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { createCloudflareClient } from "../../provider/cloudflare/client";
import type { ClientOptions } from "../../provider/cloudflare/client";
import { ApiError, AuthError, ConnectionError, FeatureUnavailableError } from "../../provider/cloudflare/errors";
import { RequestWindow } from "../../provider/cloudflare/request-window";
import { TEST_TOKEN, startTestEmulator, zoneId } from "../support/emulator";

describe("Cloudflare client against the emulator", () => {
  let emulator: Emulator;
  const delays: number[] = [];
  // A clock that moves only when the client sleeps: delays are recorded, never waited for.
  let clock = Date.parse("2026-11-28T12:00:00Z");
  const client = (overrides: Partial<ClientOptions> = {}) =>
    createCloudflareClient({
      baseUrl: emulator.url,
      token: TEST_TOKEN,
      sleep: async (ms) => {
        delays.push(ms);
        clock += ms;
      },
      now: () => clock,
      random: () => 0.5,
      window: new RequestWindow(),
      ...overrides,
    });

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.clearRequests();
    emulator.faults.clear();
    delays.length = 0;
  });

  for (const family of ["v1", "v2"] as const) {
    const pinned = { apiFamily: family } as const;
    it(`${family}: upserts, lists and deletes in domain types`, async () => {
      const c = client(pinned);
      const zone = zoneId(family === "v1" ? 1 : 101);
      const up = await c.upsertBatch(zone, [
        { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
        { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
      ]);
      assert.deepEqual(up.succeeded, ["192.0.2.1", "2001:db8::1"]);
      assert.deepEqual(up.failed, []);
      // v1 reports the set's timestamp with every batch; v2 batch answers carry none.
      if (family === "v1") assert.ok(up.modifiedOn);
      const list = await c.listMappings(zone);
      assert.deepEqual(list.mappings, [
        { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
        { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
      ]);
      assert.ok(list.modifiedOn);
      const del = await c.deleteBatch(zone, ["192.0.2.1", "198.51.100.1"]);
      assert.deepEqual(del.succeeded, ["192.0.2.1"]);
      assert.deepEqual(
        del.failed.map((f) => f.ip),
        ["198.51.100.1"],
      );
      assert.equal(c.familyFor(zone), family);
      await c.close();
    });

    it(`${family}: sends the documented wire shapes`, async () => {
      const c = client(pinned);
      const zone = zoneId(family === "v1" ? 2 : 102);
      await c.upsertBatch(zone, [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }]);
      await c.deleteBatch(zone, ["192.0.2.1"]);
      const [upsert, del] = emulator.requests;
      if (family === "v1") {
        assert.equal(upsert?.method, "PATCH");
        assert.equal(upsert?.path, `/zones/${zone}/cache/origin_cloud_regions/batch`);
        assert.deepEqual(upsert?.body, [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }]);
      } else {
        assert.equal(upsert?.method, "PUT");
        assert.equal(upsert?.path, `/zones/${zone}/origin/cloud_regions/batch`);
        assert.deepEqual(upsert?.body, [{ origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }]);
      }
      assert.equal(del?.method, "DELETE");
      assert.deepEqual(del?.body, ["192.0.2.1"], "batch delete carries its body");
      assert.equal(emulator.requests.length, 2, "a pinned family needs no probe");
    });

    it(`${family}: reports per-item failures without throwing`, async () => {
      const out = await client(pinned).upsertBatch(zoneId(family === "v1" ? 3 : 103), [
        { ip: "192.0.2.1", vendor: "aws", region: "mars-1" },
        { ip: "192.0.2.2", vendor: "aws", region: "us-east-1" },
      ]);
      assert.deepEqual(out.succeeded, ["192.0.2.2"]);
      assert.equal(out.failed[0]?.ip, "192.0.2.1");
      assert.match(out.failed[0]?.error ?? "", /mars-1/);
    });
  }

  it("auto: an upsert on an undecided zone is preceded by a read, so it goes to one family only", async () => {
    emulator.setFamily("v2", "no-route");
    try {
      const c = client();
      const zone = zoneId(201);
      await c.upsertBatch(zone, [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }]);
      assert.deepEqual(
        emulator.requests.map((r) => `${r.method} ${r.path.replace(`/zones/${zone}`, "")}`),
        ["GET /origin/cloud_regions", "GET /cache/origin_cloud_regions", "PATCH /cache/origin_cloud_regions/batch"],
      );
      assert.equal(c.familyFor(zone), "v1");
    } finally {
      emulator.setFamily("v2", "enabled");
    }
  });

  it("auto: a batch delete may settle the family itself (it is safe to resend)", async () => {
    emulator.setFamily("v2", "no-route");
    try {
      const c = client();
      const zone = zoneId(202);
      emulator.putMapping(zone, { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" });
      const out = await c.deleteBatch(zone, ["192.0.2.1"]);
      assert.deepEqual(out.succeeded, ["192.0.2.1"]);
      assert.deepEqual(
        emulator.requests.map((r) => `${r.method} ${r.status}`),
        ["DELETE 400", "DELETE 200"],
      );
    } finally {
      emulator.setFamily("v2", "enabled");
    }
  });

  it("v2: lists every page of 100", async () => {
    const c = client({ apiFamily: "v2" });
    const zone = zoneId(203);
    for (let i = 0; i < 230; i++) emulator.putMapping(zone, { ip: `198.18.0.${i}`, vendor: "aws", region: "us-east-1" });
    const list = await c.listMappings(zone);
    assert.equal(list.mappings.length, 230);
    assert.deepEqual(
      emulator.requests.map((r) => r.query),
      ["page=1&per_page=100", "page=2&per_page=100", "page=3&per_page=100"],
    );
  });

  it("v2 inspect: one count read for an empty zone; single reads for a few IPs; the list for many", async () => {
    const c = client({ apiFamily: "v2" });
    const zone = zoneId(204);
    const ips = (n: number) => Array.from({ length: n }, (_, i) => `198.18.1.${i}`);
    assert.deepEqual(await c.inspect(zone, ips(3)), { count: 0, held: [] });
    assert.deepEqual(
      emulator.requests.map((r) => r.query),
      ["page=1&per_page=1"],
    );

    for (let i = 0; i < 150; i++) emulator.putMapping(zone, { ip: `198.18.0.${i}`, vendor: "aws", region: "us-east-1" });
    emulator.putMapping(zone, { ip: "198.18.1.1", vendor: "gcp", region: "us-central1" });
    emulator.clearRequests();
    assert.deepEqual(await c.inspect(zone, ips(3)), { count: 151, held: [{ ip: "198.18.1.1", vendor: "gcp", region: "us-central1" }] });
    assert.equal(emulator.requests.length, 4, "a count read and three single reads");

    emulator.clearRequests();
    const many = await c.inspect(zone, ips(6));
    assert.deepEqual(
      many.held.map((m) => m.ip),
      ["198.18.1.1"],
    );
    assert.deepEqual(
      emulator.requests.map((r) => r.query),
      ["page=1&per_page=100", "page=2&per_page=100"],
    );
  });

  it("reads supported regions per vendor", async () => {
    const regions = await client().supportedRegions(zoneId(4));
    assert.ok(regions.aws?.includes("us-east-1"));
    assert.ok(regions.gcp?.includes("us-central1"));
  });

  it("honours Retry-After on 429 and retries 5xx and dropped connections", async () => {
    emulator.faults.enqueue({ kind: "429", retryAfter: 2 }, { kind: "5xx" }, { kind: "reset" });
    const list = await client().listMappings(zoneId(5));
    assert.deepEqual(list.mappings, []);
    assert.deepEqual(delays, [2000, 750, 1500], "Retry-After exactly, then jittered backoff");
    assert.equal(emulator.requests.length, 4);
  });

  it("a retried upsert whose first response was lost converges", async () => {
    emulator.faults.enqueue({ kind: "reset-after-apply" });
    const out = await client().upsertBatch(zoneId(6), [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }]);
    assert.deepEqual(out.succeeded, ["192.0.2.1"]);
    assert.equal(emulator.mappings(zoneId(6)).length, 1);
  });

  it("gives up after maxAttempts with the last error", async () => {
    emulator.faults.enqueue({ kind: "5xx" }, { kind: "5xx" }, { kind: "5xx" });
    await assert.rejects(
      client({ retry: { maxAttempts: 3 } }).listMappings(zoneId(7)),
      (e: unknown) => e instanceof ApiError && e.status === 500,
    );
    assert.equal(emulator.requests.length, 3);
  });

  it("never retries no-route (7000/7003) and types it", async () => {
    emulator.setFamily("v1", "no-route");
    try {
      await assert.rejects(client({ apiFamily: "v1" }).listMappings(zoneId(8)), (e: unknown) => {
        const cause = (e as { cause?: unknown }).cause;
        return (e as { code?: string }).code === "CF_UNAVAILABLE" && cause instanceof FeatureUnavailableError && cause.hasCode(7003);
      });
      assert.equal(emulator.requests.length, 1);
    } finally {
      emulator.setFamily("v1", "enabled");
    }
  });

  it("a wrong token is an AuthError that does not contain the token", async () => {
    const secret = "wrong-token-a1b2c3d4e5";
    await assert.rejects(client({ token: secret }).listMappings(zoneId(9)), (e: unknown) => {
      assert.ok(e instanceof AuthError);
      assert.equal(e.status, 403);
      assert.ok(e.hasCode(10000));
      assert.ok(!JSON.stringify({ m: e.message, s: e.stack }).includes(secret));
      return true;
    });
    assert.equal(emulator.requests.length, 1, "4xx is final");
  });

  it("a refused connection becomes a ConnectionError after retries", async () => {
    const closed = await startTestEmulator();
    const url = closed.url;
    await closed.close();
    await assert.rejects(
      createCloudflareClient({ baseUrl: url, token: TEST_TOKEN, sleep: async () => {}, retry: { maxAttempts: 2 } }).listMappings(
        zoneId(10),
      ),
      ConnectionError,
    );
  });

  it("refuses batches over 100 before sending", async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({ ip: `10.0.${i}.1`, vendor: "aws" as const, region: "us-east-1" }));
    await assert.rejects(client().upsertBatch(zoneId(11), items), /at most 100 items, got 101/);
    assert.equal(emulator.requests.length, 0);
  });
});
