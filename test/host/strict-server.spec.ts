// The provider through a stricter server (test/support/strict-server.ts): it does not decode %3A
// (a percent-encoded IPv6 path gets a 404 without an envelope), leaves total_pages out, adds fields
// nobody declared; the zone also holds a mapping of a vendor the package does not know ("alibaba").
// Create, preview's conflict check on an IPv6, refresh, update and destroy behave; a non-exclusive
// resource never deletes or overwrites the unknown-vendor mapping (not without adopt), an exclusive one removes it.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import type { MappingsOutputs, OriginCloudRegionMappingsProvider } from "../../provider";
import { reportedDuring } from "../support/reports";
import { TEST_TOKEN, awsMappings, configuredProvider, startTestEmulator, zoneId } from "../support/emulator";
import { startStrictServer } from "../support/strict-server";
import type { StrictServer } from "../support/strict-server";

const ALIBABA = { ip: "2001:db8::a1", vendor: "alibaba", region: "cn-hangzhou" };
const FOREIGN_V6 = { ip: "2001:db8::f", vendor: "gcp", region: "us-east1" };

describe("provider through a stricter server (raw colons, no total_pages, an unknown vendor)", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let strict: StrictServer;
  let provider: OriginCloudRegionMappingsProvider;
  let zoneCounter = 0x5200;
  const nextZone = () => zoneId(++zoneCounter);
  const held = (zone: string) => emulator.mappings(zone).map((m) => `${m.ip} ${m.vendor}/${m.region}`);
  const engine = async (zone: string, news: Record<string, unknown>, olds: Record<string, unknown> = {}) => {
    const checked = await provider.check(olds, { zoneId: zone, ...news });
    assert.deepEqual(checked.failures, []);
    return { ...checked.inputs, __provider: "code" };
  };

  before(async () => {
    emulator = await startTestEmulator();
    strict = await startStrictServer(emulator);
    provider = await configuredProvider(emulator, TEST_TOKEN, { "cloudflare:baseUrl": strict.url });
  });
  after(async () => {
    await strict.close();
    await emulator.close();
  });
  afterEach(() => {
    assert.deepEqual(strict.bare404s, [], "no path drew a 404 without an envelope");
    assert.equal(
      strict.requests.some((r) => /%3a/i.test(r.path)),
      false,
    );
  });

  it("non-exclusive: create, an IPv6 conflict in preview and update, refresh, update, destroy; the alibaba mapping is left alone", async () => {
    const zone = nextZone();
    emulator.putMapping(zone, ALIBABA);
    emulator.putMapping(zone, FOREIGN_V6);
    const mine = [{ ip: "2001:db8::1", vendor: "aws", region: "us-east-1" }, ...awsMappings(0, 3)];
    // create (its check looks the declared IPs up singly: raw colons)
    const { value: inputs, logs: preview } = await reportedDuring(provider, () => engine(zone, { mappings: mine }));
    assert.ok(preview.some((l) => l.includes("4 to add")));
    const outs = (await provider.create(inputs)).outs as MappingsOutputs;
    assert.equal(outs.apiFamily, "v2");
    assert.deepEqual(Object.keys(outs.mappings), ["198.18.0.0", "198.18.0.1", "198.18.0.2", "2001:db8::1"]);
    assert.ok(held(zone).includes("2001:db8::a1 alibaba/cn-hangzhou"));

    // preview (diff) and update both refuse the declared IPv6 someone else maps, and the alibaba one, without adopt
    const taking = [...mine, { ...FOREIGN_V6, vendor: "aws", region: "us-east-1" }, { ip: ALIBABA.ip, vendor: "aws", region: "us-east-1" }];
    const next = await engine(zone, { mappings: taking }, outs as unknown as Record<string, unknown>);
    const refused = (e: unknown) => {
      assert.match((e as Error).message, /2001:db8::f: the zone has gcp\/us-east1, declared aws\/us-east-1/);
      assert.match((e as Error).message, /2001:db8::a1: the zone has alibaba\/cn-hangzhou, declared aws\/us-east-1/);
      return true;
    };
    await assert.rejects(provider.diff(zone, outs, next), refused);
    emulator.clearRequests();
    await assert.rejects(provider.update(zone, outs, next), refused);
    assert.deepEqual(emulator.writeRequests(), [], "nothing written without adopt");

    // refresh: only what this resource owns, all of it
    const read = await provider.read(zone, outs);
    assert.deepEqual((read.props as MappingsOutputs).mappings, outs.mappings);

    // update: change the IPv6's region, drop one IPv4
    const changed = [{ ip: "2001:db8::1", vendor: "aws", region: "us-west-2" }, ...awsMappings(0, 2)];
    const updated = (await provider.update(zone, outs, await engine(zone, { mappings: changed }, outs as never))).outs as MappingsOutputs;
    assert.equal(updated.mappings["2001:db8::1"], "aws/us-west-2");
    assert.ok(held(zone).includes("2001:db8::1 aws/us-west-2"));
    assert.equal(held(zone).includes("198.18.0.2 aws/us-east-1"), false);

    // destroy: this resource's mappings go; someone else's, the alibaba one included, stay
    await provider.delete(zone, updated);
    assert.deepEqual(held(zone).sort(), ["2001:db8::a1 alibaba/cn-hangzhou", "2001:db8::f gcp/us-east1"]);
  });

  it("adopt takes a declared IP over from the alibaba mapping; nothing else of the zone is touched", async () => {
    const zone = nextZone();
    emulator.putMapping(zone, ALIBABA);
    emulator.putMapping(zone, { ...ALIBABA, ip: "2001:db8::a2" });
    const want = [{ ip: ALIBABA.ip, vendor: "aws", region: "us-east-1" }];
    // Preview (check of a create) refuses it as create would.
    await assert.rejects(engine(zone, { mappings: want }), /the zone has alibaba\/cn-hangzhou/);
    const unchecked = { zoneId: zone, mappings: { [ALIBABA.ip]: "aws/us-east-1" }, adopt: false, exclusive: false, __provider: "code" };
    await assert.rejects(provider.create(unchecked), /the zone has alibaba\/cn-hangzhou/);
    assert.ok(held(zone).includes("2001:db8::a1 alibaba/cn-hangzhou"));
    const outs = (await provider.create(await engine(zone, { mappings: want, adopt: true }))).outs as MappingsOutputs;
    assert.deepEqual(outs.mappings, { [ALIBABA.ip]: "aws/us-east-1" });
    assert.deepEqual(held(zone).sort(), ["2001:db8::a1 aws/us-east-1", "2001:db8::a2 alibaba/cn-hangzhou"]);
  });

  it("exclusive: preview lists the alibaba mapping for removal, create removes it, refresh reports a new one as drift, update removes it", async () => {
    const zone = nextZone();
    emulator.putMapping(zone, { ...ALIBABA, ip: "198.17.255.1" }); // listed first: the removal summary shows 20
    for (const m of awsMappings(0, 150)) emulator.putMapping(zone, m); // two pages, no total_pages
    const want = [{ ip: "2001:db8::1", vendor: "gcp", region: "us-central1" }];
    const { value: inputs, logs } = await reportedDuring(provider, () => engine(zone, { mappings: want, exclusive: true }));
    const removal = logs.find((l) => l.includes("(exclusive)")) ?? "";
    assert.match(removal, /up will remove 151 mappings/);
    assert.match(removal, /- 198\.17\.255\.1 \(alibaba\/cn-hangzhou\)/);
    const outs = (await provider.create(inputs)).outs as MappingsOutputs;
    assert.deepEqual(held(zone), ["2001:db8::1 gcp/us-central1"]);

    emulator.putMapping(zone, { ...ALIBABA, ip: "2001:db8::a3" });
    const { value: refreshed, logs: readLogs } = await reportedDuring(provider, () => provider.read(zone, outs));
    const read = refreshed.props as MappingsOutputs;
    assert.deepEqual(read.mappings, { "2001:db8::1": "gcp/us-central1", "2001:db8::a3": "alibaba/cn-hangzhou" });
    assert.match(readLogs.join("\n"), /\+ 2001:db8::a3 alibaba\/cn-hangzhou: added outside Pulumi/);
    assert.deepEqual(refreshed.inputs?.["mappings"], read.mappings, "the engine's comparison with the program removes it");
    await engine(zone, { mappings: want, exclusive: true }, read as never); // the next preview checks first
    const { value: diff, logs: diffLogs } = await reportedDuring(provider, () => provider.diff(zone, read, inputs));
    assert.deepEqual(diff, {});
    assert.ok(diffLogs.some((l) => l.includes("- 2001:db8::a3 (alibaba/cn-hangzhou)")));
    const updated = (await provider.update(zone, read, inputs)).outs as MappingsOutputs;
    assert.deepEqual(updated.mappings, { "2001:db8::1": "gcp/us-central1" });
    assert.deepEqual(held(zone), ["2001:db8::1 gcp/us-central1"]);
    await provider.delete(zone, updated);
    assert.deepEqual(held(zone), []);
  });
});
