// The provider on accounts that serve one endpoint family, both, or neither: what it calls, what it
// records, and what the user reads. The emulator serves both families over one store.
import assert from "node:assert/strict";
import type { Emulator, RecordedRequest } from "../../emulator";
import type { MappingsOutputs } from "../../provider";
import type { OriginCloudRegionMappingsProvider } from "../../provider";
import { TEST_TOKEN, configuredProvider, startTestEmulator, zoneId } from "../support/emulator";
import { collectReports } from "../support/reports";

const V1_PATH = /\/cache\/origin_cloud_regions/;
const V2_PATH = /\/origin\/cloud_regions/;

function mappings(n: number, offset = 0) {
  return Array.from({ length: n }, (_, k) => ({
    ip: `198.18.${(k + offset) >> 8}.${(k + offset) & 255}`,
    vendor: "aws" as const,
    region: "us-east-1",
  }));
}

describe("endpoint families", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let zoneCounter = 0x7000;
  const nextZone = () => zoneId(++zoneCounter);

  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.clearRequests();
    emulator.setFamily("v1", "enabled");
    emulator.setFamily("v2", "enabled");
  });

  async function lifecycle(provider: OriginCloudRegionMappingsProvider, zone: string, n: number) {
    const checked = await provider.check({}, { zoneId: zone, mappings: mappings(n) });
    assert.deepEqual(checked.failures, []);
    const created = await provider.create({ ...checked.inputs, __provider: "code" });
    return created.outs as MappingsOutputs;
  }

  const familyOf = (r: RecordedRequest) => (V2_PATH.test(r.path) ? "v2" : V1_PATH.test(r.path) ? "v1" : "?");

  it("auto on an account serving both: every call goes to v2, and the output says so", async () => {
    const provider = await configuredProvider(emulator);
    const zone = nextZone();
    const outs = await lifecycle(provider, zone, 120);
    assert.equal(outs.apiFamily, "v2");
    assert.deepEqual([...new Set(emulator.requests.map(familyOf))], ["v2"]);
    assert.deepEqual(
      emulator.writeRequests().map((r) => r.method),
      ["PUT", "PUT"],
    );
    assert.equal(collectReports(provider).filter((l) => /older endpoint family/.test(l)).length, 0);
  });

  it("auto where v2 answers no route: one info line, then everything on v1 with batch PATCHes", async () => {
    emulator.setFamily("v2", "no-route");
    const provider = await configuredProvider(emulator);
    const zone = nextZone();
    const outs = await lifecycle(provider, zone, 120);
    assert.equal(outs.apiFamily, "v1");
    const v2Calls = emulator.requests.filter((r) => familyOf(r) === "v2");
    assert.deepEqual(
      v2Calls.map((r) => `${r.method} ${r.path.split("/").pop()}`),
      ["GET supported_regions"],
      "only the first read probes v2",
    );
    assert.deepEqual(
      emulator.writeRequests().map((r) => `${r.method} ${familyOf(r)}`),
      ["PATCH v1", "PATCH v1"],
    );
    const info = collectReports(provider).filter((l) => /older endpoint family/.test(l));
    assert.equal(info.length, 1, collectReports(provider).join("\n"));
    assert.match(
      info[0] ?? "",
      new RegExp(`Zone ${zone}: /zones/\\{zone_id\\}/origin/cloud_regions answered no route; using .*cache/origin_cloud_regions \\(v1\\)`),
    );
    await provider.delete(zone, outs);
    assert.deepEqual(emulator.mappings(zone), []);
  });

  it("auto where v1 answers no route works on v2, and the list follows every page", async () => {
    emulator.setFamily("v1", "no-route");
    const provider = await configuredProvider(emulator);
    const zone = nextZone();
    emulator.putMapping(zone, { ip: "192.0.2.250", vendor: "gcp", region: "us-central1" });
    const outs = await lifecycle(provider, zone, 250);
    emulator.clearRequests();
    const read = await provider.read(zone, outs);
    assert.deepEqual(read.props?.mappings, outs.mappings);
    assert.deepEqual(
      emulator.requests.map((r) => r.query),
      ["page=1&per_page=100", "page=2&per_page=100", "page=3&per_page=100"],
    );
    assert.equal(emulator.requests.filter((r) => familyOf(r) === "v1").length, 0);
  });

  it("both families answering no route: preview fails with one clear message and nothing is written", async () => {
    emulator.setFamily("v1", "no-route");
    emulator.setFamily("v2", "no-route");
    const provider = await configuredProvider(emulator);
    const zone = nextZone();
    const expected = `Origin cloud regions are not available for zone ${zone} on this account: both endpoint families answered no route.`;
    await assert.rejects(provider.check({}, { zoneId: zone, mappings: mappings(3) }), (e: unknown) =>
      (e as Error).message.startsWith(expected),
    );
    // Without the preview's probe (a step that starts with a write), still nothing is written.
    await assert.rejects(
      provider.create({ zoneId: zone, mappings: { "192.0.2.1": { vendor: "aws", region: "us-east-1" } }, adopt: false, __provider: "x" }),
      (e: unknown) => (e as Error).message.startsWith(expected),
    );
    // State written before version 3 held objects; it is still read.
    const owned = {
      zoneId: zone,
      mappings: { "192.0.2.1": { vendor: "aws" as const, region: "us-east-1" } },
      adopt: false,
      modifiedOn: null,
    } as unknown as MappingsOutputs;
    await assert.rejects(
      provider.update(zone, owned, { zoneId: zone, mappings: { "192.0.2.2": { vendor: "aws", region: "us-east-1" } }, __provider: "x" }),
      (e: unknown) => (e as Error).message.includes(expected),
    );
    assert.deepEqual(
      emulator.requests.filter((r) => r.method !== "GET" && r.status !== 400),
      [],
      "no write was accepted",
    );
    assert.ok(emulator.requests.filter((r) => r.method === "PUT" || r.method === "PATCH").length === 0, "an upsert is never the probe");
  });

  it("a pinned family never falls back", async () => {
    emulator.setFamily("v2", "no-route");
    const provider = await configuredProvider(emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": "v2" });
    await assert.rejects(
      provider.check({}, { zoneId: nextZone(), mappings: mappings(1) }),
      /The v2 endpoint family .* originCloudRegions:apiFamily pins it/,
    );
    assert.deepEqual([...new Set(emulator.requests.map(familyOf))], ["v2"]);
  });

  it("a bad apiFamily fails preview naming the key, the value and the allowed values", async () => {
    const provider = await configuredProvider(emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": "newest" });
    await assert.rejects(provider.check({}, { zoneId: nextZone(), mappings: mappings(1) }), {
      message: 'originCloudRegions:apiFamily is "newest", which is not one of auto, v1, v2 (default auto)',
    });
    assert.equal(emulator.requests.length, 0);
  });

  it("state written through v1 is read through v2 with no diff and no write (v1 gone, auto)", async () => {
    const zone = nextZone();
    const onV1 = await configuredProvider(emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": "v1" });
    const outs = await lifecycle(onV1, zone, 150);
    assert.equal(outs.apiFamily, "v1");

    emulator.setFamily("v1", "no-route");
    const auto = await configuredProvider(emulator);
    emulator.clearRequests();
    const checked = await auto.check({}, { zoneId: zone, mappings: mappings(150) });
    assert.deepEqual(await auto.diff(zone, outs, checked.inputs as Record<string, unknown>), { changes: false });
    const read = await auto.read(zone, outs);
    assert.deepEqual(read.props?.mappings, outs.mappings);
    assert.equal((read.props as MappingsOutputs).apiFamily, "v2");
    assert.deepEqual(await auto.diff(zone, read.props as MappingsOutputs, checked.inputs as Record<string, unknown>), { changes: false });
    assert.deepEqual(emulator.writeRequests(), []);
    await auto.delete(zone, read.props as MappingsOutputs);
    assert.deepEqual(emulator.mappings(zone), []);
  });

  it("an adopting create writes only what differs: 330 held as declared and 15 new is one batch", async () => {
    const provider = await configuredProvider(emulator);
    const zone = nextZone();
    const declared = mappings(345);
    for (const m of declared.slice(0, 330)) emulator.putMapping(zone, m);
    const checked = await provider.check({}, { zoneId: zone, mappings: declared, adopt: true });
    emulator.clearRequests();
    const created = await provider.create({ ...checked.inputs, __provider: "code" });
    const writes = emulator.writeRequests();
    assert.equal(writes.length, 1);
    assert.equal((writes[0]?.body as unknown[]).length, 15);
    assert.equal(Object.keys((created.outs as MappingsOutputs).mappings).length, 345);
    assert.equal(emulator.mappings(zone).length, 345);
  });
});
