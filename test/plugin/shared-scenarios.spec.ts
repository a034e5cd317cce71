// One table of provider-level scenarios, run against both hosts of the lifecycle (test/support/hosts.ts):
// the dynamic resource and the provider plugin must decide, write, report and refuse alike.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { UNKNOWN } from "../../provider/core/types";
import { awsMapping, awsMappings, emulatorForSuite } from "../support/emulator";
import type { HostDriver } from "../support/hosts";
import { HOSTS } from "../support/hosts";

type Props = Record<string, unknown>;
const FOREIGN = { ip: "198.18.9.9", vendor: "gcp", region: "us-central1" };
const count = (outs: Props) => Object.keys(outs["mappings"] as Props).length;

interface Scenario {
  name: string;
  run(host: HostDriver, emulator: Emulator, zone: string): Promise<void>;
}

/** check + create, as the engine does for a new resource. */
async function up(host: HostDriver, news: Props): Promise<{ id: string; outs: Props; inputs: Props }> {
  const checked = await host.check({}, news);
  assert.deepEqual(checked.failures, []);
  return { ...(await host.create(checked.inputs)), inputs: checked.inputs };
}

const SCENARIOS: Scenario[] = [
  {
    name: "create writes in batches of 100 and tells the counts first",
    async run(host, emulator, zone) {
      const { outs } = await up(host, { zoneId: zone, mappings: awsMappings(0, 250) });
      assert.equal(count(outs), 250);
      assert.equal(emulator.writeRequests().length, 3);
      assert.ok(
        host.lines.some((l) => /\(zone .*\): 250 to add, 0 to change, 0 to remove/.test(l)),
        host.lines.join("\n"),
      );
    },
  },
  {
    name: "a declared IP the zone maps elsewhere is refused before any write; adopt takes it over",
    async run(host, emulator, zone) {
      emulator.putMapping(zone, FOREIGN);
      const news = { zoneId: zone, mappings: [...awsMappings(0, 2), { ...FOREIGN, vendor: "aws", region: "us-east-1" }] };
      await assert.rejects(host.check({}, news), /already maps 1 declared IP to another vendor or region/);
      assert.deepEqual(emulator.writeRequests(), []);
      const { outs } = await up(host, { ...news, adopt: true });
      assert.equal(count(outs), 3);
      assert.equal(emulator.mappings(zone).find((m) => m.ip === FOREIGN.ip)?.vendor, "aws");
    },
  },
  {
    name: "a one-IP move: diff leaves the comparison to the engine, update sends one write",
    async run(host, emulator, zone) {
      const created = await up(host, { zoneId: zone, mappings: awsMappings(0, 120) });
      const moved = awsMappings(0, 120).map((m, i) => (i === 60 ? awsMapping(60, "us-west-2") : m));
      const checked = await host.check(created.inputs, { zoneId: zone, mappings: moved });
      const diff = await host.diff(created.id, created.outs, checked.inputs);
      assert.equal(diff.changes, undefined);
      emulator.clearRequests();
      const { outs } = await host.update(created.id, created.outs, checked.inputs);
      assert.equal(emulator.writeRequests().length, 1);
      assert.equal((outs["mappings"] as Props)[awsMapping(60).ip], "aws/us-west-2");
    },
  },
  {
    name: "refresh reports a mapping deleted outside and records the zone as it is",
    async run(host, emulator, zone) {
      const created = await up(host, { zoneId: zone, mappings: awsMappings(0, 5) });
      emulator.deleteMapping(zone, awsMapping(3).ip);
      const read = await host.read(created.id, created.outs);
      assert.equal(count(read.props), 4);
      assert.ok(host.lines.some((l) => l.includes(`- ${awsMapping(3).ip} (was aws/us-east-1): no longer in the zone`)));
    },
  },
  {
    name: "exclusive: create removes what nobody declared; delete leaves only what the resource does not own",
    async run(host, emulator, zone) {
      emulator.putMapping(zone, FOREIGN);
      const { id, outs } = await up(host, { zoneId: zone, mappings: awsMappings(0, 3), exclusive: true });
      assert.deepEqual(
        emulator.mappings(zone).map((m) => m.ip),
        awsMappings(0, 3).map((m) => m.ip),
      );
      emulator.putMapping(zone, FOREIGN);
      await host.delete(id, outs);
      assert.deepEqual(
        emulator.mappings(zone).map((m) => m.ip),
        [FOREIGN.ip],
      );
    },
  },
  {
    name: "an unchanged program: diff answers no change and sends nothing",
    async run(host, emulator, zone) {
      const created = await up(host, { zoneId: zone, mappings: awsMappings(0, 10) });
      const checked = await host.check(created.inputs, { zoneId: zone, mappings: awsMappings(0, 10) });
      emulator.clearRequests();
      assert.equal((await host.diff(created.id, created.outs, checked.inputs)).changes, false);
      assert.deepEqual(emulator.requests, []);
    },
  },
  {
    name: "an IP not known yet (preview of a new server) passes check, and diff does not fail on it",
    async run(host, _emulator, zone) {
      const created = await up(host, { zoneId: zone, mappings: awsMappings(0, 2) });
      const pending = { ip: UNKNOWN, vendor: "aws", region: "us-east-1" };
      const checked = await host.check(created.inputs, { zoneId: zone, mappings: [...awsMappings(0, 2), pending] });
      assert.deepEqual(checked.failures, []);
      const diff = await host.diff(created.id, created.outs, checked.inputs);
      assert.notEqual(diff.changes, false);
    },
  },
  {
    name: "invalid inputs fail check by property, sending nothing",
    async run(host, emulator, zone) {
      const checked = await host.check({}, { zoneId: zone, mappings: [{ ip: "300.1.1.1", vendor: "aws", region: "us-east-1" }] });
      assert.deepEqual(
        checked.failures.map((f) => f.property),
        ["mappings[0].ip"],
      );
      assert.deepEqual(emulator.requests, []);
    },
  },
];

describe("provider-level scenarios, on both hosts", () => {
  const suite = emulatorForSuite(0x92000);
  for (const host of HOSTS) {
    describe(host.name, () => {
      for (const scenario of SCENARIOS) {
        it(scenario.name, async () => {
          const driver = await host.start(suite.emulator, "edge");
          await scenario.run(driver, suite.emulator, suite.nextZone());
        });
      }
    });
  }
});
