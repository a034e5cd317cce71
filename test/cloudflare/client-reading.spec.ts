// The client through a stricter server (test/support/strict-server.ts): raw colons in paths, a
// single read's 404 without an envelope never read as "no mapping", lists without total_pages,
// mappings of vendors the package does not know, zone ids refused before any request.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { createCloudflareClient } from "../../provider/cloudflare/client";
import type { ClientOptions } from "../../provider/cloudflare/client";
import { RequestWindow } from "../../provider/cloudflare/request-window";
import { TEST_TOKEN, awsMappings, startTestEmulator, zoneId } from "../support/emulator";
import { BARE_HTML, startStrictServer } from "../support/strict-server";
import type { StrictServer } from "../support/strict-server";

describe("Cloudflare client through a stricter server", () => {
  let emulator: Emulator;
  let strict: StrictServer;
  let bare: StrictServer; // leaves out every total of result_info
  let zoneCounter = 0x5100;
  const nextZone = () => zoneId(++zoneCounter);
  const client = (server: StrictServer, overrides: Partial<ClientOptions> = {}) =>
    createCloudflareClient({ baseUrl: server.url, token: TEST_TOKEN, sleep: async () => {}, window: new RequestWindow(), ...overrides });
  const pages = (server: StrictServer) => server.requests.filter((r) => /\/origin\/cloud_regions\?page=/.test(r.path)).length;

  before(async () => {
    emulator = await startTestEmulator();
    strict = await startStrictServer(emulator);
    bare = await startStrictServer(emulator, { omitInfo: ["total_pages", "total_count", "count", "page", "per_page"] });
  });
  after(async () => {
    await bare.close();
    await strict.close();
    await emulator.close();
  });
  beforeEach(() => {
    for (const s of [strict, bare]) {
      s.requests.length = 0;
      s.bare404s.length = 0;
      s.bareSingleReads = false;
      s.bareBody = BARE_HTML;
    }
  });

  it("reads an IPv6 mapping singly with raw colons; a mapping of an unknown vendor comes back as held", async () => {
    const zone = nextZone();
    emulator.putMapping(zone, { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" });
    emulator.putMapping(zone, { ip: "2001:db8::2", vendor: "alibaba", region: "cn-hangzhou" });
    const c = client(strict);
    const view = await c.inspect(zone, ["2001:db8::1", "2001:db8::2", "2001:db8::3"]);
    assert.deepEqual(view, {
      count: 2,
      held: [
        { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
        { ip: "2001:db8::2", vendor: "alibaba", region: "cn-hangzhou" },
      ],
    });
    assert.deepEqual(strict.bare404s, []);
    assert.ok(strict.requests.some((r) => r.path.endsWith("/origin/cloud_regions/2001:db8::1")));
    assert.equal(c.familyFor(zone), "v2", "an envelope 404 (no mapping for ::3) settles nothing else");
    await c.close();
  });

  it("a single read answered 404 without an envelope is not 'no mapping': the zone is listed instead", async () => {
    const zone = nextZone();
    emulator.putMapping(zone, { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" });
    emulator.putMapping(zone, { ip: "198.18.0.9", vendor: "alibaba", region: "cn-hangzhou" });
    strict.bareSingleReads = true;
    for (const [apiFamily, body] of [
      ["auto", BARE_HTML],
      ["v2", BARE_HTML],
      ["auto", '{"message":"Not Found"}'],
      ["v2", '{"message":"Not Found"}'],
    ] as const) {
      strict.bareBody = body;
      const c = client(strict, { apiFamily });
      const view = await c.inspect(zone, ["2001:db8::1", "2001:db8::5"]);
      assert.deepEqual(view, { count: 2, held: [{ ip: "2001:db8::1", vendor: "gcp", region: "us-central1" }] });
      assert.equal(c.familyFor(zone), "v2", "a bare 404 on a single read does not send the zone to v1");
      await c.close();
    }
    assert.ok(strict.bare404s.length >= 4);
    assert.equal(
      strict.requests.some((r) => r.path.includes("/cache/")),
      false,
    );
  });

  it("lists every page without total_pages: to total_count, to a short page, or to an empty page", async () => {
    for (const n of [250, 200, 100, 0]) {
      const zone = nextZone();
      for (const m of awsMappings(0, n)) emulator.putMapping(zone, m);
      emulator.putMapping(zone, { ip: "2001:db8::77", vendor: "alibaba", region: "cn-hangzhou" });
      for (const server of [strict, bare]) {
        server.requests.length = 0;
        const c = client(server, { apiFamily: "v2" });
        const list = await c.listMappings(zone);
        assert.equal(list.mappings.length, n + 1, `${n} + 1 through ${server === strict ? "strict" : "bare"}`);
        assert.ok(list.mappings.some((m) => m.vendor === "alibaba"));
        const full = Math.floor((n + 1) / 100);
        const short = (n + 1) % 100 === 0 ? 0 : 1;
        // With total_count the read stops once it is reached; without it, a full last page needs one empty page more.
        const expected = server === strict ? full + short : full + 1;
        assert.equal(pages(server), expected, `pages for ${n} + 1 mappings`);
        await c.close();
      }
    }
  });

  it("inspect counts a zone by listing it when the answer gives no total_count", async () => {
    const zone = nextZone();
    for (const m of awsMappings(0, 3)) emulator.putMapping(zone, m);
    const c = client(bare, { apiFamily: "v2" });
    const view = await c.inspect(zone, ["198.18.0.1"]);
    assert.deepEqual(view, { count: 3, held: [{ ip: "198.18.0.1", vendor: "aws", region: "us-east-1" }] });
    await c.close();
  });

  it("refuses a malformed zone id (one read back from state, say) before any request, naming it", async () => {
    const c = client(strict);
    for (const bad of ["023E105F4ECEF8AD9CA31A8372D0C353", "zone-1", "../../user/tokens/verify"]) {
      await assert.rejects(c.listMappings(bad), (e: unknown) => {
        assert.equal((e as { code?: string }).code, "CF_BAD_ARGUMENT");
        assert.ok((e as Error).message.includes(JSON.stringify(bad)));
        return true;
      });
      await assert.rejects(c.inspect(bad, ["192.0.2.1"]), /is not 32 lowercase hexadecimal characters/);
      await assert.rejects(c.deleteBatch(bad, ["192.0.2.1"]), /is not 32 lowercase hexadecimal characters/);
    }
    const zone = nextZone();
    emulator.putMapping(zone, { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" });
    await assert.rejects(c.inspect(zone, ["2001:DB8::1"]), /is not a canonical IP address/);
    assert.deepEqual(
      strict.requests.filter((r) => !r.path.includes("?page=1&per_page=1")),
      [],
    );
    await c.close();
  });
});
