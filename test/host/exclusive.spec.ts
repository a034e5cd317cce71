// Exclusive mode against the emulator: the resource owns the zone's whole mapping set. Preview
// (check for a create, diff for an update) lists what up would remove; create needs no adopt;
// refresh reports undeclared mappings as drift; update removes them.
import assert from "node:assert/strict";
import type { MappingsOutputs } from "../../provider";
import type { Mapping } from "../../provider/core/types";
import { reportedDuring } from "../support/reports";
import { awsMapping, awsMappings, configuredProvider, emulatorForSuite } from "../support/emulator";

describe("exclusive mode", function () {
  this.timeout(60_000);
  const suite = emulatorForSuite(0xe000);
  const { nextZone } = suite;

  const held = (zone: string) => suite.emulator.mappings(zone).map((m) => `${m.ip} ${m.vendor}/${m.region}`);
  const expected = (list: Mapping[]) => list.map((m) => `${m.ip} ${m.vendor}/${m.region}`);

  it("creating: check lists the undeclared mappings (bounded) without writing; create overwrites conflicts without adopt and removes the rest", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    for (const m of awsMappings(1000, 1025)) suite.emulator.putMapping(zone, m); // someone else's, undeclared
    suite.emulator.putMapping(zone, { ...awsMapping(3), vendor: "azure", region: "eastus" }); // a declared IP held differently
    const want = awsMappings(0, 10);
    const { value: checked, logs: all } = await reportedDuring(provider, () =>
      provider.check({}, { zoneId: zone, mappings: want, exclusive: true }),
    );
    assert.deepEqual(checked.failures, []);
    const logs = all.filter((l) => l.includes("(exclusive)"));
    assert.equal(logs.length, 1);
    assert.match(logs[0] ?? "", /up will remove 25 mappings/);
    assert.match(logs[0] ?? "", /… and 5 more/);
    assert.equal(logs[0]?.includes(awsMapping(3).ip), false, "a declared IP is not listed as removed");
    assert.deepEqual(suite.emulator.writeRequests(), []);

    const created = await provider.create({ ...checked.inputs, __provider: "code" });
    const outs = created.outs as MappingsOutputs;
    assert.equal(outs.exclusive, true);
    assert.deepEqual(held(zone), expected(want));
    assert.deepEqual(Object.keys(outs.mappings).length, 10);
  });

  it("refresh reports an out-of-band addition as drift; diff then shows a change; update removes it", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const want = awsMappings(0, 30);
    const checked = await provider.check({}, { zoneId: zone, mappings: want, exclusive: true });
    const created = await provider.create({ ...checked.inputs, __provider: "code" });
    const outs = created.outs as MappingsOutputs;
    assert.deepEqual(await provider.diff(zone, outs, checked.inputs), { changes: false });

    suite.emulator.putMapping(zone, awsMapping(500));
    suite.emulator.clearRequests();
    const read = await provider.read(zone, outs);
    const refreshed = read.props as MappingsOutputs;
    assert.ok(awsMapping(500).ip in refreshed.mappings, "the undeclared mapping shows in the refreshed state");
    const inputs = read.inputs as unknown as Record<string, unknown>;
    assert.ok(
      awsMapping(500).ip in (inputs["mappings"] as object),
      "the refreshed inputs declare it, so the engine's comparison removes it",
    );
    // The engine's refresh display asks for a diff right after the read: answered, nothing told.
    assert.deepEqual(await provider.diff(zone, refreshed, checked.inputs), { changes: true });
    // The next preview checks first; its diff leaves the comparison to the engine.
    await provider.check(refreshed as never, { zoneId: zone, mappings: want, exclusive: true });
    assert.deepEqual(await provider.diff(zone, refreshed, checked.inputs), {});
    assert.deepEqual(suite.emulator.writeRequests(), [], "refresh and diff only read");

    const updated = await provider.update(zone, refreshed, { ...checked.inputs, __provider: "code" });
    assert.deepEqual(held(zone), expected(want));
    assert.equal(Object.keys((updated.outs as MappingsOutputs).mappings).length, 30);
    assert.deepEqual(
      suite.emulator.writeRequests().map((r) => r.method),
      ["DELETE"],
    );
  });

  it("without refresh, diff finds mappings a killed run left behind, prints them, and update removes them", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const want = awsMappings(0, 20);
    const checked = await provider.check({}, { zoneId: zone, mappings: want, exclusive: true });
    const outs = (await provider.create({ ...checked.inputs, __provider: "code" })).outs as MappingsOutputs;
    for (const m of awsMappings(200, 240)) suite.emulator.putMapping(zone, m); // what an interrupted update wrote
    const { value: diff, logs } = await reportedDuring(provider, () => provider.diff(zone, outs, checked.inputs));
    assert.deepEqual(diff, { changes: true });
    assert.match(logs.join("\n"), /up will remove 40 mappings/);
    await provider.update(zone, outs, { ...checked.inputs, __provider: "code" });
    assert.deepEqual(held(zone), expected(want));
  });

  it("without exclusive, diff neither reads the zone nor counts undeclared mappings", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const checked = await provider.check({}, { zoneId: zone, mappings: awsMappings(0, 5) });
    const outs = (await provider.create({ ...checked.inputs, __provider: "code" })).outs as MappingsOutputs;
    suite.emulator.putMapping(zone, awsMapping(900));
    suite.emulator.clearRequests();
    assert.deepEqual(await provider.diff(zone, outs, checked.inputs), { changes: false });
    assert.deepEqual(suite.emulator.requests, []);
    assert.equal(outs.exclusive, false);
  });

  it("turning exclusive on is a change", async () => {
    const provider = await configuredProvider(suite.emulator);
    const zone = nextZone();
    const checked = await provider.check({}, { zoneId: zone, mappings: awsMappings(0, 5) });
    const outs = (await provider.create({ ...checked.inputs, __provider: "code" })).outs as MappingsOutputs;
    // The engine's comparison of the inputs finds `exclusive` changed; the zone holds nothing undeclared.
    assert.deepEqual(await provider.diff(zone, outs, { ...checked.inputs, exclusive: true }), {});
  });

  it("exclusive must be a boolean", async () => {
    const provider = await configuredProvider(suite.emulator);
    const checked = await provider.check({}, { zoneId: nextZone(), mappings: awsMappings(0, 1), exclusive: "yes" });
    assert.deepEqual(checked.failures, [{ property: "exclusive", reason: 'expected true or false, got "yes"' }]);
  });
});
