// What diff answers, and when: "unknown" (the engine compares old and new inputs, so preview --diff
// shows only the IPs that change) wherever that comparison is exact; explicit answers where the state
// records less than its inputs declare; and preview failing where up is certain to fail.
import assert from "node:assert/strict";
import type { MappingsOutputs } from "../../provider";
import type { Mapping } from "../../provider/core/types";
import { IMPL_VERSION } from "../../provider/core/state-shape";
import { UNKNOWN } from "../../provider/core/types";
import { reportedDuring } from "../support/reports";
import { awsMapping, awsMappings, configuredProvider, fakeConfig, emulatorForSuite } from "../support/emulator";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import { collectReports } from "../support/reports";

type Provider = Awaited<ReturnType<typeof configuredProvider>>;

describe("diff answers and preview judgements", function () {
  this.timeout(60_000);
  const suite = emulatorForSuite(0xd100);
  const { nextZone } = suite;

  async function checked(provider: Provider, olds: object, zone: string, mappings: Mapping[], extra: Record<string, unknown> = {}) {
    const result = await provider.check(olds as Record<string, unknown>, { zoneId: zone, mappings, __label: "origins", ...extra });
    assert.deepEqual(result.failures, []);
    return result.inputs as Record<string, unknown>;
  }
  async function created(provider: Provider, zone: string, mappings: Mapping[]): Promise<MappingsOutputs> {
    const inputs = await checked(provider, {}, zone, mappings);
    return (await provider.create({ ...inputs, __provider: "code" })).outs as MappingsOutputs;
  }

  it("a change over state that records what its inputs declare is left to the engine; nothing changed is `changes: false`", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const outs = await created(provider, zone, awsMappings(0, 5));
    assert.equal(outs.implVersion, IMPL_VERSION);
    assert.equal(outs.incomplete, undefined);
    assert.deepEqual(await provider.diff(zone, outs, await checked(provider, outs, zone, awsMappings(0, 5))), { changes: false });
    assert.deepEqual(await provider.diff(zone, outs, await checked(provider, outs, zone, awsMappings(0, 6))), {});
    assert.deepEqual(await provider.diff(zone, outs, await checked(provider, outs, zone, awsMappings(1, 5))), {});
  });

  it("after a partial failure the state is marked incomplete, and diff answers explicitly even for unchanged inputs", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const want = awsMappings(0, 5).map((m, i) => (i === 2 ? { ...m, region: "eu-west-1" } : m));
    suite.emulator.rejectRegions([{ vendor: "aws", region: "eu-west-1" }]);
    const inputs = await checked(provider, {}, zone, want);
    const error = (await provider.create({ ...inputs, __provider: "code" }).catch((e: unknown) => e)) as { properties: MappingsOutputs };
    assert.equal(error.properties.incomplete, true);
    assert.equal(Object.keys(error.properties.mappings).length, 4);
    suite.emulator.rejectRegions([]);
    // The cause is fixed outside the program: the inputs are the same, the zone still lacks one mapping.
    assert.deepEqual(await provider.diff(zone, error.properties, inputs), { changes: true });
    const updated = (await provider.update(zone, error.properties, { ...inputs, __provider: "code" })).outs as MappingsOutputs;
    assert.equal(Object.keys(updated.mappings).length, 5);
    assert.equal(updated.incomplete, undefined, "a complete step clears the mark");
    // A refresh also settles it: its inputs then declare what the zone holds.
    const read = await provider.read(zone, { ...error.properties });
    assert.equal((read.props as MappingsOutputs).incomplete, undefined);
  });

  it("state written by an older implVersion is answered explicitly", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const outs = { ...(await created(provider, zone, awsMappings(0, 3))), implVersion: IMPL_VERSION - 1 };
    const { value, logs } = await reportedDuring(provider, () =>
      checked(provider, outs, zone, awsMappings(0, 3)).then((i) => provider.diff(zone, outs, i)),
    );
    assert.deepEqual(value, { changes: true });
    assert.match(logs.join("\n"), /no mapping changes; the provider code stored in the state is updated/);
  });

  it("a change the zone has no room for fails preview with up's message, before any write", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const outs = await created(provider, zone, awsMappings(0, 10));
    for (const m of awsMappings(1000, 4490)) suite.emulator.putMapping(zone, m);
    const inputs = await checked(provider, outs, zone, awsMappings(0, 12));
    suite.emulator.clearRequests();
    await assert.rejects(
      provider.diff(zone, outs, inputs),
      /has no room for 2 new mappings: it holds 3,500 \(10 of them this resource's\)/,
    );
    assert.deepEqual(suite.emulator.writeRequests(), []);
  });

  it("an added IP not known yet passes, and the known ones are still judged", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const outs = await created(provider, zone, awsMappings(0, 3));
    suite.emulator.putMapping(zone, { ...awsMapping(7), vendor: "gcp", region: "us-central1" });
    const pending = { ip: UNKNOWN, vendor: "aws", region: "us-east-1" };
    const unknownIp = await provider.check(outs as never, { zoneId: zone, mappings: [...awsMappings(0, 3), pending, awsMapping(7)] });
    assert.deepEqual(unknownIp.failures, []);
    await assert.rejects(
      provider.diff(zone, outs, unknownIp.inputs as Record<string, unknown>),
      /198\.18\.0\.7: the zone has gcp\/us-central1, declared aws\/us-east-1/,
    );
    const pendingOnly = await provider.check(outs as never, { zoneId: zone, mappings: [...awsMappings(0, 3), pending] });
    const { value, logs } = await reportedDuring(provider, () => provider.diff(zone, outs, pendingOnly.inputs as Record<string, unknown>));
    assert.deepEqual(value, {});
    assert.match(logs.join("\n"), /1 to add, 0 to change, 0 to remove\n {2}\+ \(IP known after deploy\) mappings\[3\] aws\/us-east-1/);
  });

  it("the diff a refresh's display asks for right after the read tells and judges nothing; a check ends that", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const outs = await created(provider, zone, awsMappings(0, 4));
    const declared = await checked(provider, outs, zone, awsMappings(0, 4));
    suite.emulator.deleteMapping(zone, awsMapping(1).ip);
    const { value: read, logs: readLogs } = await reportedDuring(provider, () =>
      provider.read(zone, { ...outs, __label: "origins" } as never),
    );
    assert.match(readLogs.join("\n"), /\(1 gone, 0 changed\)/);
    const refreshed = read.props as MappingsOutputs;
    const { value: display, logs } = await reportedDuring(provider, () => provider.diff(zone, refreshed, declared));
    assert.deepEqual(display, { changes: true });
    assert.deepEqual(logs, [], "read told what it found; no plan is printed in a refresh");
    const next = await checked(provider, refreshed, zone, awsMappings(0, 4));
    const { value: plan, logs: planLogs } = await reportedDuring(provider, () => provider.diff(zone, refreshed, next));
    assert.deepEqual(plan, {});
    assert.match(planLogs.join("\n"), /1 to add, 0 to change, 0 to remove\n {2}\+ 198\.18\.0\.1 aws\/us-east-1/);
  });

  it("without a token, preview says in one line what it could not check", async () => {
    const provider = new OriginCloudRegionMappingsProvider();
    const logs = collectReports(provider);
    await provider.configure({ config: fakeConfig({ "cloudflare:baseUrl": suite.emulator.url }) });
    const zone = nextZone();
    const result = await provider.check({}, { zoneId: zone, mappings: awsMappings(0, 3), __label: "origins" });
    assert.deepEqual(result.failures, []);
    const short = `${zone.slice(0, 4)}…${zone.slice(-4)}`;
    assert.deepEqual(
      logs.filter((l) => l.includes("not checked")),
      [
        `origins (zone ${short}): not checked against Cloudflare (no API token): the zone's supported regions and the mappings it ` +
          "already holds are checked by `pulumi up`. Set cloudflare:apiToken or CLOUDFLARE_API_TOKEN to check them in preview",
      ],
    );
    assert.deepEqual(suite.emulator.requests, [], "nothing was read");
  });
});
