// The plugin's Provider in-process, against the emulator: the calls the engine makes, with the
// values shaped as the engine sends them (secrets wrapped), and what goes back.
import assert from "node:assert/strict";
import { configureSession } from "../../provider/host/session";
import { configReader } from "../../provider/plugin/configure";
import { stepUrns } from "../../provider/plugin/engine-log";
import { pluginProvider } from "../../provider/plugin/provider";
import { PACKAGE, PLUGIN_SETTINGS, RESOURCE_TOKEN } from "../../provider/plugin/schema";
import { TEST_TOKEN, awsMappings, emulatorForSuite } from "../support/emulator";
import { collectReports } from "../support/reports";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const URN = `urn:pulumi:dev::proj::${RESOURCE_TOKEN}::edge`;
type Props = Record<string, unknown>;

describe("plugin: the Provider the engine calls", () => {
  const suite = emulatorForSuite(0x91000);

  /** A provider whose session has `settings` (plugin keys without the package prefix), its lines collected. */
  function provider(settings: Record<string, string>) {
    const key = {};
    const variables = Object.entries(settings).map(([k, v]) => [`${PACKAGE}:${k}`, v] as const);
    configureSession(key, configReader(variables, PLUGIN_SETTINGS));
    const lines = collectReports(key);
    return { p: pluginProvider("0.0.1", key, stepUrns()), lines };
  }
  const configured = () => provider({ baseUrl: suite.emulator.url, apiToken: TEST_TOKEN });

  it("check, create, diff, update, read and delete, as a program's up, change, refresh and destroy make them", async () => {
    const { p, lines } = configured();
    const zone = suite.nextZone();
    const checked = await p.check!(URN, {}, { zoneId: zone, mappings: awsMappings(0, 150) });
    assert.deepEqual(checked.failures ?? [], []);
    assert.ok(
      lines.some((l) => l.startsWith("edge (zone ") && l.includes("150 to add")),
      lines.join("\n"),
    );
    const created = await p.create!(URN, checked.inputs);
    assert.equal(created.id, zone);
    assert.equal(suite.emulator.mappings(zone).length, 150);
    assert.equal(suite.emulator.writeRequests().length, 2, "batches of 100");

    const news = await p.check!(URN, checked.inputs, { zoneId: zone, mappings: awsMappings(1, 151) });
    const diff = await p.diff!(zone, URN, created.outs, news.inputs);
    assert.equal(diff.changes, undefined, "the engine compares the inputs, and shows only the IPs that change");
    const updated = await p.update!(zone, URN, created.outs, news.inputs);
    assert.deepEqual(Object.keys((updated.outs as Props)["mappings"] as Props).length, 150);

    suite.emulator.deleteMapping(zone, "198.18.0.5");
    const read = await p.read!(zone, URN, updated.outs);
    assert.ok(
      lines.some((l) => l.includes("- 198.18.0.5 (was aws/us-east-1): no longer in the zone")),
      lines.join("\n"),
    );
    assert.equal(Object.keys((read.props as Props)["mappings"] as Props).length, 149);

    await p.delete!(zone, URN, read.props);
    assert.deepEqual(suite.emulator.mappings(zone), []);
  });

  it("a resource's own token arrives a secret, works, and goes back a secret in inputs and outputs", async () => {
    const { p } = provider({ baseUrl: suite.emulator.url });
    const zone = suite.nextZone();
    const checked = await p.check!(URN, {}, { zoneId: zone, mappings: awsMappings(0, 3), apiToken: secret(TEST_TOKEN) });
    assert.deepEqual((checked.inputs as Props)["apiToken"], secret(TEST_TOKEN));
    const created = await p.create!(URN, checked.inputs);
    assert.deepEqual((created.outs as Props)["apiToken"], secret(TEST_TOKEN));
    await p.delete!(zone, URN, created.outs);
    assert.deepEqual(suite.emulator.mappings(zone), []);
  });

  it("errors name the plugin's settings and carry no stack trace", async () => {
    const { p } = provider({ baseUrl: suite.emulator.url });
    const zone = suite.nextZone();
    const checked = await p.check!(URN, {}, { zoneId: zone, mappings: awsMappings(0, 1) });
    const failure = await p.create!(URN, checked.inputs).then(
      () => assert.fail("create without a token"),
      (e: Error) => e,
    );
    assert.match(failure.message, new RegExp(`pulumi config set --secret ${PACKAGE}:apiToken`));
    assert.equal(failure.stack, "");
    const wrongType = await p.check!("urn:pulumi:dev::proj::other:index:Thing::x", {}, {}).then(
      () => assert.fail("another type"),
      (e: Error) => e,
    );
    assert.match(wrongType.message, new RegExp(`this plugin serves ${RESOURCE_TOKEN} only`));
  });

  it("messages name the plugin's keys: preview without a token, destroy with a refused one", async () => {
    const { p, lines } = provider({ baseUrl: suite.emulator.url });
    await p.check!(URN, {}, { zoneId: suite.nextZone(), mappings: awsMappings(0, 1) });
    assert.ok(
      lines.some((l) => l.includes(`Set ${PACKAGE}:apiToken or CLOUDFLARE_API_TOKEN to check them in preview`)),
      lines.join("\n"),
    );
    const stale = provider({ baseUrl: suite.emulator.url, apiToken: "rotated-away-token" }).p;
    const zone = suite.nextZone();
    const outs = { zoneId: zone, mappings: { "198.18.0.1": "aws/us-east-1" }, adopt: false, exclusive: false, modifiedOn: null };
    const refused = await stale.delete!(zone, URN, outs).then(
      () => assert.fail("a refused token"),
      (e: Error) => e,
    );
    assert.match(refused.message, new RegExp(`so it sent the ${PACKAGE}:apiToken of then`));
    assert.doesNotMatch(refused.message, /cloudflare:apiToken|rotated-away-token/);
  });

  it("check failures name the property, and send no request", async () => {
    const { p } = configured();
    const result = await p.check!(
      URN,
      {},
      { zoneId: suite.nextZone(), mappings: [{ ip: "not-an-ip", vendor: "aws", region: "us-east-1" }] },
    );
    assert.equal(result.failures?.[0]?.property, "mappings[0].ip");
    assert.deepEqual(suite.emulator.requests, []);
  });
});
