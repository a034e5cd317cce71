// A mapping whose vendor (and region) contain "/" and "%": the tolerant reader keeps any vendor
// Cloudflare answers with, and the state's "<vendor>/<region>" strings must carry it unchanged from
// refresh, through diff and update, to the resource's `mappings` output.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import type { MappingsOutputs, OriginCloudRegionMappingsProvider } from "../../provider";
import { loadMappings } from "../../provider/core/state-shape";
import { reportedDuring } from "../support/reports";
import { configuredProvider, startTestEmulator, zoneId } from "../support/emulator";

const ODD = { ip: "2001:db8::51", vendor: "sovereign/eu%", region: "de/1" };

describe("a held mapping whose vendor contains '/' survives the state", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let provider: OriginCloudRegionMappingsProvider;

  before(async () => {
    emulator = await startTestEmulator();
    provider = await configuredProvider(emulator);
  });
  after(() => emulator.close());

  it("exclusive: refresh records it escaped, diff and the removal name it as it is, update removes it", async () => {
    const zone = zoneId(0x5301);
    const want = [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }];
    const checked = await provider.check({}, { zoneId: zone, mappings: want, exclusive: true });
    assert.deepEqual(checked.failures, []);
    const inputs = { ...checked.inputs, __provider: "code" };
    const outs = (await provider.create(inputs)).outs as MappingsOutputs;

    emulator.putMapping(zone, ODD);
    const read = (await provider.read(zone, outs)).props as MappingsOutputs;
    assert.deepEqual(read.mappings, { "192.0.2.1": "aws/us-east-1", [ODD.ip]: "sovereign%2Feu%25/de/1" });
    assert.deepEqual(loadMappings(read.mappings)?.[ODD.ip], { vendor: ODD.vendor, region: ODD.region });

    await provider.check(read as never, { zoneId: zone, mappings: want, exclusive: true }); // the next preview checks first
    const { value: diff, logs } = await reportedDuring(provider, () => provider.diff(zone, read, inputs));
    assert.deepEqual(diff, {}, "left to the engine: the refreshed inputs declare the odd mapping, the program does not");
    assert.ok(
      logs.some((l) => l.includes(`- ${ODD.ip} (sovereign/eu%/de/1)`)),
      logs.join("\n"),
    );
    const updated = (await provider.update(zone, read, inputs)).outs as MappingsOutputs;
    assert.deepEqual(updated.mappings, { "192.0.2.1": "aws/us-east-1" });
    assert.deepEqual(
      emulator.mappings(zone).map((m) => m.ip),
      ["192.0.2.1"],
    );
  });
});
