// Ownership and room, against the emulator: what the provider refuses before writing, and what it
// takes over without writing.
import assert from "node:assert/strict";
import type { MappingsOutputs } from "../../provider";
import type { Mapping, Vendor } from "../../provider/core/types";
import { reportedDuring } from "../support/reports";
import { awsMapping, awsMappings, TEST_TOKEN, configuredProvider, emulatorForSuite } from "../support/emulator";

describe("ownership and room", function () {
  this.timeout(60_000);
  const suite = emulatorForSuite(0x9000);
  const { nextZone } = suite;

  async function create(
    provider: Awaited<ReturnType<typeof configuredProvider>>,
    zone: string,
    mappings: Mapping[],
    extra: Record<string, unknown> = {},
  ) {
    const checked = await provider.check({}, { zoneId: zone, mappings, ...extra });
    assert.deepEqual(checked.failures, []);
    return provider.create({ ...checked.inputs, __provider: "code" });
  }

  it("create with no room fails before any write, saying what the zone holds and what to free", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    for (const m of awsMappings(0, 3000)) suite.emulator.putMapping(zone, m);
    suite.emulator.clearRequests();
    await assert.rejects(create(provider, zone, awsMappings(5000, 5600)), {
      message: `Zone ${zone} has no room for 600 new mappings: it holds 3,000 (0 of them this resource's), and this step would leave 3,600, over Cloudflare's limit of 3,500 per zone. Free at least 100 (remove mappings this resource does not manage, or declare fewer); nothing was written.`,
    });
    assert.deepEqual(suite.emulator.writeRequests(), []);
  });

  it("re-running an interrupted create takes over mappings already as declared without adopt, writing only the rest", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    for (const m of awsMappings(0, 160)) suite.emulator.putMapping(zone, m); // what the interrupted run wrote
    suite.emulator.clearRequests();
    const created = await create(provider, zone, awsMappings(0, 350));
    assert.equal(Object.keys((created.outs as MappingsOutputs).mappings).length, 350);
    assert.deepEqual(
      suite.emulator.writeRequests().map((r) => (r.body as unknown[]).length),
      [100, 90],
    );
  });

  it("update refuses a new IP the zone maps elsewhere, writing nothing; adopt takes it over", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const created = await create(provider, zone, awsMappings(0, 10));
    const foreign = { ip: "198.18.1.1", vendor: "azure" as Vendor, region: "eastus" };
    suite.emulator.putMapping(zone, foreign);
    const next = [...awsMappings(0, 10), { ...foreign, vendor: "aws" as Vendor, region: "us-east-1" }, awsMapping(300)];
    const checked = await provider.check(created.outs as unknown as Record<string, unknown>, { zoneId: zone, mappings: next });
    suite.emulator.clearRequests();
    await assert.rejects(
      provider.update(zone, created.outs as MappingsOutputs, { ...checked.inputs, __provider: "code" }),
      (e: unknown) => {
        assert.match((e as Error).message, /already maps 1 declared IP to another vendor or region/);
        assert.match((e as Error).message, /198\.18\.1\.1: the zone has azure\/eastus, declared aws\/us-east-1/);
        return true;
      },
    );
    assert.deepEqual(suite.emulator.writeRequests(), [], "nothing written, not even the unrelated new IP");
    assert.deepEqual(
      suite.emulator.requests.map((r) => `${r.method} ${r.query}`),
      ["GET page=1&per_page=1", "GET ", "GET "],
      "one small page and two single reads",
    );

    const adopting = await provider.check(created.outs as unknown as Record<string, unknown>, {
      zoneId: zone,
      mappings: next,
      adopt: true,
    });
    const updated = await provider.update(zone, created.outs as MappingsOutputs, { ...adopting.inputs, __provider: "code" });
    assert.equal((updated.outs as MappingsOutputs).mappings[foreign.ip], "aws/us-east-1");
  });

  it("preview of an update fails on a new IP the zone maps elsewhere, as up would; with adopt it marks it and one held as declared", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const created = await create(provider, zone, awsMappings(0, 10));
    const foreign = { ip: "198.18.1.1", vendor: "azure" as Vendor, region: "eastus" };
    suite.emulator.putMapping(zone, foreign);
    suite.emulator.putMapping(zone, awsMapping(77));
    const next = [...awsMappings(0, 10), { ...foreign, vendor: "aws" as Vendor, region: "us-east-1" }, awsMapping(77), awsMapping(300)];
    const checked = await provider.check(created.outs as unknown as Record<string, unknown>, {
      zoneId: zone,
      mappings: next,
      __label: "origins",
    });
    suite.emulator.clearRequests();
    const { logs } = await reportedDuring(provider, () =>
      assert.rejects(provider.diff(zone, created.outs as MappingsOutputs, checked.inputs), (e: unknown) => {
        assert.match((e as Error).message, /already maps 1 declared IP to another vendor or region/);
        assert.match((e as Error).message, /198\.18\.1\.1: the zone has azure\/eastus, declared aws\/us-east-1\nNothing was written/);
        return true;
      }),
    );
    assert.deepEqual(logs, [], "the failure is the message: no summary above it");
    assert.deepEqual(
      suite.emulator.requests.map((r) => `${r.method} ${r.query}`),
      ["GET page=1&per_page=1", "GET ", "GET ", "GET "],
      "one small page and three single reads",
    );
    assert.deepEqual(suite.emulator.writeRequests(), []);

    const adopting = await provider.check(created.outs as unknown as Record<string, unknown>, {
      zoneId: zone,
      mappings: next,
      adopt: true,
      __label: "origins",
    });
    const { value: diff, logs: adoptLogs } = await reportedDuring(provider, () =>
      provider.diff(zone, created.outs as MappingsOutputs, adopting.inputs),
    );
    assert.deepEqual(diff, {}, "the engine's comparison of inputs is exact here: it shows only what changes");
    const short = `${zone.slice(0, 4)}…${zone.slice(-4)}`;
    assert.deepEqual(adoptLogs, [
      [
        `origins (zone ${short}): 3 to add (2 to write, 1 already in the zone as declared), 0 to change, 0 to remove`,
        "  + 198.18.1.1 aws/us-east-1  (the zone maps it to azure/eastus: adopt takes it over)",
        "  + 198.18.0.77 aws/us-east-1  (already in the zone as declared: taken over without writing)",
        "  + 198.18.1.44 aws/us-east-1",
      ].join("\n"),
    ]);
    assert.doesNotMatch(adoptLogs.join("\n"), /refused|fails before writing/);
  });

  it("preview of a create fails on declared IPs the zone maps elsewhere, listing the zone once for many IPs", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    suite.emulator.putMapping(zone, { ip: awsMapping(3).ip, vendor: "gcp", region: "us-central1" });
    suite.emulator.clearRequests();
    await assert.rejects(provider.check({}, { zoneId: zone, mappings: awsMappings(0, 40) }), (e: unknown) => {
      assert.match((e as Error).message, /already maps 1 declared IP to another vendor or region/);
      assert.match((e as Error).message, /\n {2}198\.18\.0\.3: the zone has gcp\/us-central1, declared aws\/us-east-1\n/);
      return true;
    });
    assert.deepEqual(
      suite.emulator.requests.map((r) => `${r.method} ${r.path.split("/").slice(-2).join("/")}`),
      ["GET cloud_regions/supported_regions", "GET origin/cloud_regions"],
    );
    const { value: adopting, logs } = await reportedDuring(provider, () =>
      provider.check({}, { zoneId: zone, mappings: awsMappings(0, 40), adopt: true }),
    );
    assert.deepEqual(adopting.failures, []);
    assert.match(
      logs.join("\n"),
      /40 to add, 0 to change, 0 to remove\n {2}\+ 198\.18\.0\.3 aws\/us-east-1 {2}\(the zone maps it to gcp\/us-central1: adopt/,
    );
  });

  it("update takes over a new IP the zone already maps as declared, without writing it", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const created = await create(provider, zone, awsMappings(0, 10));
    suite.emulator.putMapping(zone, awsMapping(77));
    const checked = await provider.check(created.outs as unknown as Record<string, unknown>, {
      zoneId: zone,
      mappings: [...awsMappings(0, 10), awsMapping(77)],
    });
    suite.emulator.clearRequests();
    const updated = await provider.update(zone, created.outs as MappingsOutputs, { ...checked.inputs, __provider: "code" });
    assert.ok(awsMapping(77).ip in (updated.outs as MappingsOutputs).mappings);
    assert.deepEqual(suite.emulator.writeRequests(), []);
  });

  for (const concurrency of ["1", "8"]) {
    it(`with ${concurrency} batch(es) in flight, a partial failure records exactly what the zone holds`, async () => {
      const provider = await configuredProvider(suite.emulator, TEST_TOKEN, { "originCloudRegions:concurrency": concurrency });
      const zone = nextZone();
      const want = awsMappings(0, 1000).map((m, i) => (i % 97 === 5 ? { ...m, region: "eu-west-1" } : m));
      suite.emulator.rejectRegions([{ vendor: "aws", region: "eu-west-1" }]);
      suite.emulator.faults.enqueue({ kind: "5xx", method: "PUT" }, { kind: "reset-after-apply", method: "PUT" });
      const error = (await create(provider, zone, want).then(
        () => assert.fail("must fail"),
        (e: unknown) => e,
      )) as { properties: MappingsOutputs; reasons: string[] };
      const held = suite.emulator
        .mappings(zone)
        .map((m) => m.ip)
        .sort();
      assert.deepEqual(Object.keys(error.properties.mappings).sort(), held);
      assert.equal(held.length, 989);
      assert.equal(error.reasons[0], "989 of 1,000 changes applied; 11 failed:");
      assert.equal(error.reasons.length, 12);
    });
  }
});
