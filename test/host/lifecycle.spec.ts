import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import { IMPL_VERSION } from "../../provider/core/state-shape";
import { ownedMappings } from "../../provider/core/state-shape";
import { timeClientWith } from "../../provider/host/session";
import { collectReports } from "../support/reports";
import type { MappingsOutputs } from "../../provider";
import { UNKNOWN } from "../../provider/core/types";
import type { Vendor } from "../../provider/core/types";
import { TEST_TOKEN, batchRequests, configuredProvider, fakeConfig, startTestEmulator, zoneId } from "../support/emulator";

interface Decl {
  ip: string;
  vendor: Vendor;
  region: string;
}

const REGIONS: Array<[Vendor, string]> = [
  ["aws", "us-east-1"],
  ["gcp", "us-central1"],
  ["azure", "westeurope"],
  ["oci", "us-ashburn-1"],
];

/** `n` declared mappings spread over all four vendors, IPv4 and IPv6. */
function declared(n: number, offset = 0): Decl[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const [vendor, region] = REGIONS[i % REGIONS.length] as [Vendor, string];
    const ip = i % 5 === 4 ? `2001:db8::${(i + 1).toString(16)}` : `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    return { ip, vendor, region };
  });
}

const PROVIDER_CODE = "serialized-provider-text";

for (const family of ["v1", "v2"] as const) {
const UPSERT = family === "v1" ? "PATCH" : "PUT";
describe(`OriginCloudRegionMappingsProvider against the emulator (${family}, ${UPSERT} batches)`, function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let provider: OriginCloudRegionMappingsProvider;
  let zoneCounter = 100;
  const nextZone = () => zoneId(++zoneCounter);

  before(async () => {
    emulator = await startTestEmulator();
    provider = await configuredProvider(emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": family });
  });
  after(async () => {
    await emulator.close();
  });
  beforeEach(() => {
    emulator.clearRequests();
    emulator.faults.clear();
    emulator.rejectRegions([]);
  });

  /** check + create, as the engine does, returning the checked inputs too. */
  async function create(zone: string, mappings: Decl[], extra: Record<string, unknown> = {}) {
    const checked = await provider.check({}, { zoneId: zone, mappings, ...extra });
    assert.deepEqual(checked.failures, []);
    const inputs = { ...checked.inputs, __provider: PROVIDER_CODE };
    emulator.clearRequests();
    const result = await provider.create(inputs);
    return { inputs, result, outs: result.outs as MappingsOutputs };
  }

  it("state written before version 3 (objects) is a change with no mapping change: update rewrites it as strings, writing nothing", async () => {
    const zone = nextZone();
    const { outs } = await create(zone, declared(120));
    const older = { ...outs, mappings: ownedMappings(outs), implVersion: 2 } as unknown as MappingsOutputs;
    const checked = await provider.check(older as unknown as Record<string, unknown>, { zoneId: zone, mappings: declared(120) });
    assert.deepEqual(await provider.diff(zone, older, checked.inputs as Record<string, unknown>), { changes: true });
    emulator.clearRequests();
    const updated = await provider.update(zone, older, { ...checked.inputs, __provider: PROVIDER_CODE });
    assert.deepEqual(emulator.writeRequests(), []);
    assert.deepEqual(updated.outs?.mappings, outs.mappings);
    assert.equal(updated.outs?.implVersion, IMPL_VERSION);
    assert.equal(typeof Object.values(updated.outs?.mappings ?? {})[0], "string");
  });

  it(`creates 250 mappings with exactly 3 batch ${UPSERT} requests`, async () => {
    const zone = nextZone();
    const { outs, result } = await create(zone, declared(250));
    assert.equal(batchRequests(emulator, UPSERT), 3);
    assert.deepEqual(emulator.requests.map((r) => r.method), ["GET", UPSERT, UPSERT, UPSERT]);
    assert.equal(result.id, zone);
    assert.equal(Object.keys(outs.mappings).length, 250);
    assert.equal(emulator.mappings(zone).length, 250);
    assert.equal(outs.apiFamily, family);
    // v1 batches report the set's timestamp; v2 batch answers carry none, so it is unknown until a read.
    if (family === "v1") assert.ok(outs.modifiedOn);
    else assert.equal(outs.modifiedOn, null);
  });

  it("3 regions the API rejects among 250: an error naming exactly those 3, state holding the other 247", async () => {
    const zone = nextZone();
    const mappings = declared(250);
    const bad = [mappings[10], mappings[120], mappings[249]] as Decl[];
    for (const b of bad) b.region = "eu-mars-1";
    emulator.rejectRegions([{ vendor: "aws", region: "eu-mars-1" }, { vendor: "gcp", region: "eu-mars-1" }, { vendor: "azure", region: "eu-mars-1" }, { vendor: "oci", region: "eu-mars-1" }]);
    emulator.setSupportedRegions({ aws: ["us-east-1", "eu-mars-1"], gcp: ["us-central1", "eu-mars-1"], azure: ["westeurope", "eu-mars-1"], oci: ["us-ashburn-1", "eu-mars-1"] });
    try {
      const checked = await provider.check({}, { zoneId: zone, mappings });
      assert.deepEqual(checked.failures, []);
      const error = await provider.create({ ...checked.inputs, __provider: PROVIDER_CODE }).then(
        () => assert.fail("create should fail"),
        (e: unknown) => e as Error & { id: string; properties: Record<string, unknown>; reasons: string[] },
      );
      assert.equal(error.id, zone);
      assert.deepEqual(error.reasons[0], "247 of 250 changes applied; 3 failed:", "the count applied comes first");
      assert.equal(error.reasons.length, 4);
      bad.forEach((b, k) => {
        const line = error.reasons[k + 1] ?? "";
        assert.ok(line.startsWith(`${b.ip} (${b.vendor}/eu-mars-1)`), line);
        assert.match(line, /region not supported by the region validation backend/);
      });
      const applied = error.properties["mappings"] as Record<string, unknown>;
      assert.equal(Object.keys(applied).length, 247);
      for (const b of bad) assert.ok(!(b.ip in applied));
      assert.equal(error.properties["__provider"], PROVIDER_CODE);
      assert.equal(emulator.mappings(zone).length, 247, "state matches what the zone holds");
    } finally {
      emulator.setSupportedRegions(ALL_REGIONS);
    }
  });

  it(`an update that changes 1, adds 1 and removes 1 sends 1 ${UPSERT} and 1 DELETE`, async () => {
    const zone = nextZone();
    const before = declared(250);
    const { outs } = await create(zone, before);
    const after = declared(250);
    (after[4] as Decl).region = "us-west-2";
    after.splice(42, 1);
    after.push({ ip: "203.0.113.77", vendor: "oci", region: "us-ashburn-1" });
    const checked = await provider.check({}, { zoneId: zone, mappings: after });
    assert.deepEqual(checked.failures, []);
    const diff = await provider.diff(zone, outs, checked.inputs as Record<string, unknown>);
    assert.deepEqual(diff, { changes: true });
    emulator.clearRequests();
    const updated = await provider.update(zone, outs, { ...checked.inputs, __provider: PROVIDER_CODE });
    // The new IP is looked up first (someone else may map it; the zone may be full): on v1 the list is
    // one request, on v2 one small page gives the count and one read the IP.
    const reads = family === "v1" ? ["GET origin_cloud_regions"] : ["GET cloud_regions?page=1&per_page=1", "GET 203.0.113.77"];
    assert.deepEqual(emulator.requests.map((r) => `${r.method} ${decodeURIComponent(r.path.split("/").pop() ?? "")}${r.query && r.method === "GET" ? `?${r.query}` : ""}`), [...reads, "DELETE batch", `${UPSERT} batch`]);
    const writes = emulator.writeRequests();
    assert.deepEqual(writes[0]?.body, [before[42]?.ip]);
    assert.deepEqual((writes[1]?.body as Array<Record<string, string>>).map((m) => m["ip"] ?? m["origin_ip"]).sort(), [before[4]?.ip, "203.0.113.77"].sort());
    assert.deepEqual(updated.outs?.mappings, checked.inputs?.["mappings"]);
    assert.equal(emulator.mappings(zone).length, 250);
  });

  it("delete sends ceil(n/100) DELETEs and leaves a mapping it does not own untouched", async () => {
    const zone = nextZone();
    const { outs, result } = await create(zone, declared(230));
    emulator.putMapping(zone, { ip: "192.0.2.200", vendor: "aws", region: "us-east-1" });
    emulator.clearRequests();
    await provider.delete(result.id, outs);
    assert.equal(batchRequests(emulator, "DELETE"), 3);
    assert.equal(emulator.writeRequests().length, 3);
    assert.deepEqual(emulator.mappings(zone).map((m) => m.ip), ["192.0.2.200"]);
  });

  it("delete counts an IP already gone as deleted", async () => {
    const zone = nextZone();
    const { outs, result } = await create(zone, declared(3));
    emulator.deleteMapping(zone, declared(3)[1]?.ip as string);
    await provider.delete(result.id, outs);
    assert.equal(emulator.mappings(zone).length, 0);
  });

  it("delete throws when a mapping could not be deleted within the retry budget, so the resource stays in state", async () => {
    const zone = nextZone();
    const { outs, result } = await create(zone, declared(3));
    const impatient = await configuredProvider(emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": family, "originCloudRegions:retryBudgetSeconds": "1" });
    // Retries wait for nothing and draw no jitter: the attempt cap, not the clock, ends the read-back.
    timeClientWith(impatient, { sleep: async () => undefined, random: () => 0 });
    emulator.faults.setRates({ rate5xx: 1 });
    try {
      await assert.rejects(impatient.delete(result.id, outs), (e: unknown) => {
        const message = (e as Error).message;
        assert.match(message, /^Deleting the mappings of zone .* went through only in part: 0 of 3 mappings deleted; 3 failed:\n.*\(500\)/);
        assert.match(message, /Run `pulumi destroy` again to finish, or `pulumi up --refresh` to keep the resource/);
        assert.equal((e as Error).stack, "", "no stack trace");
        return true;
      });
    } finally {
      emulator.faults.clear();
    }
    assert.equal(emulator.mappings(zone).length, 3);
  });

  it("under injected 429, 5xx and dropped connections, create ends with exactly the desired set", async () => {
    const zone = nextZone();
    const want = declared(250);
    emulator.faults.enqueue(
      { kind: "429", retryAfter: 0, method: "GET" },
      { kind: "5xx", method: UPSERT },
      { kind: "reset", method: UPSERT },
      { kind: "reset-after-apply", method: UPSERT },
      { kind: "429", retryAfter: 1, method: UPSERT },
    );
    const { outs } = await create(zone, want);
    assert.equal(emulator.faults.pending(), 0, "every fault was hit");
    const held = emulator.mappings(zone).map(({ ip, vendor, region }) => ({ ip, vendor, region }));
    assert.deepEqual(held.map((m) => m.ip).sort(), want.map((m) => m.ip).sort());
    assert.deepEqual(Object.keys(outs.mappings).sort(), want.map((m) => m.ip).sort());
  });

  it("refuses to take over existing mappings without adopt, writing nothing", async () => {
    const zone = nextZone();
    const want = declared(5);
    emulator.putMapping(zone, { ip: want[2]?.ip as string, vendor: "gcp", region: "us-central1" });
    const checked = await provider.check({}, { zoneId: zone, mappings: want });
    emulator.clearRequests();
    await assert.rejects(
      provider.create({ ...checked.inputs, __provider: PROVIDER_CODE }),
      new RegExp(`already maps 1 declared IP to another vendor or region .*\\n  ${want[2]?.ip}: the zone has gcp/us-central1, declared ${want[2]?.vendor}/${want[2]?.region}\\nNothing was written`),
    );
    assert.equal(emulator.writeRequests().length, 0);
    const adopted = await create(zone, want, { adopt: true });
    assert.equal(adopted.outs.adopt, true);
    assert.deepEqual(emulator.mappings(zone).find((m) => m.ip === want[2]?.ip)?.vendor, want[2]?.vendor);
  });

  it("read reports live values of its own IPs only", async () => {
    const zone = nextZone();
    const want = declared(4);
    const { outs, result } = await create(zone, want);
    emulator.putMapping(zone, { ip: want[0]?.ip as string, vendor: "aws", region: "eu-west-1" });
    emulator.deleteMapping(zone, want[1]?.ip as string);
    emulator.putMapping(zone, { ip: "192.0.2.250", vendor: "aws", region: "us-east-1" });
    const read = await provider.read(result.id, outs);
    const props = read.props as MappingsOutputs;
    assert.deepEqual(Object.keys(props.mappings).sort(), [want[0]?.ip, want[2]?.ip, want[3]?.ip].sort());
    assert.equal(props.mappings[want[0]?.ip as string], "aws/eu-west-1", "state stores one string per mapping");
    const diff = await provider.diff(result.id, props, outs as unknown as Record<string, unknown>);
    assert.equal(diff.changes, true, "drift is a change");
  });

  it("partial update keeps what is now true in state", async () => {
    const zone = nextZone();
    // The zone's region list is read once per zone per command: widen it before the first check.
    emulator.setSupportedRegions({ ...ALL_REGIONS, gcp: [...(ALL_REGIONS.gcp ?? []), "eu-mars-1"] });
    const { outs } = await create(zone, declared(4));
    const next = declared(4);
    (next[0] as Decl).region = "us-west-2";
    (next[1] as Decl).region = "eu-mars-1";
    emulator.rejectRegions([{ vendor: "gcp", region: "eu-mars-1" }]);
    try {
      const checked = await provider.check({}, { zoneId: zone, mappings: next });
      assert.deepEqual(checked.failures, []);
      const error = (await provider.update(zone, outs, { ...checked.inputs, __provider: "new-code" }).catch((e: unknown) => e)) as {
        id: string;
        properties: MappingsOutputs & { __provider: string };
        reasons: string[];
      };
      assert.equal(error.properties.__provider, "new-code");
      assert.deepEqual(error.reasons.slice(0, 1), ["1 of 2 changes applied; 1 failed:"]);
      assert.equal(error.reasons.length, 2);
      assert.equal(error.properties.mappings[next[0]?.ip as string], "aws/us-west-2");
      assert.deepEqual(error.properties.mappings[next[1]?.ip as string], outs.mappings[next[1]?.ip as string], "the old value is still what is live");
    } finally {
      emulator.setSupportedRegions(ALL_REGIONS);
    }
  });

  it("create that applies nothing throws a plain error (no state)", async () => {
    const zone = nextZone();
    emulator.rejectRegions([{ vendor: "aws", region: "us-east-1" }]);
    const checked = await provider.check({}, { zoneId: zone, mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }] });
    const error = (await provider.create({ ...checked.inputs, __provider: PROVIDER_CODE }).catch((e: unknown) => e)) as Error & { id?: string };
    assert.equal(error.id, undefined);
    assert.match(error.message, /0 of 1 change applied; 1 failed:\n {2}192\.0\.2\.1 \(aws\/us-east-1\): upsert failed/);
  });

  describe("check", () => {
    it("fails a bad region against supported_regions, fetched once per zone", async () => {
      const fresh = await configuredProvider(emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": family });
      const zone = nextZone();
      const bad = { zoneId: zone, mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "mars-1" }, { ip: "192.0.2.2", vendor: "gcp", region: "us-central1" }] };
      const first = await fresh.check({}, bad);
      await fresh.check({}, bad);
      assert.deepEqual(first.failures?.map((f) => f.property), ["mappings[0].region"]);
      assert.match(first.failures?.[0]?.reason ?? "", /"mars-1" is not a supported aws region for this zone/);
      assert.equal(emulator.requests.filter((r) => r.path.endsWith("/supported_regions")).length, 1);
      assert.equal(emulator.writeRequests().length, 0);
    });
    it("passes unknowns over without calling the API for unknown zones", async () => {
      const result = await provider.check({}, { zoneId: UNKNOWN, mappings: [{ ip: UNKNOWN, vendor: "aws", region: "us-east-1" }] });
      assert.deepEqual(result.failures, []);
      assert.equal(emulator.requests.length, 0);
    });
    it("works without a token, skipping only the region lookup", async () => {
      const saved = process.env["CLOUDFLARE_API_TOKEN"];
      delete process.env["CLOUDFLARE_API_TOKEN"];
      try {
        const bare = new OriginCloudRegionMappingsProvider();
        collectReports(bare);
        await bare.configure({ config: fakeConfig({ "cloudflare:baseUrl": emulator.url }) });
        const result = await bare.check({}, { zoneId: nextZone(), mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "mars-1" }] });
        assert.deepEqual(result.failures, []);
        await assert.rejects(bare.create({ ...result.inputs, __provider: "x" }), /No Cloudflare API token: run `pulumi config set --secret cloudflare:apiToken/);
        assert.equal(emulator.requests.length, 0);
      } finally {
        if (saved !== undefined) process.env["CLOUDFLARE_API_TOKEN"] = saved;
      }
    });
    it("on failure returns the inputs as given, never an unknown placeholder (up --skip-preview must show the failures)", async () => {
      const news = { zoneId: nextZone(), mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }, { ip: "192.0.2.01", vendor: "aws", region: "us-east-1" }] };
      const result = await provider.check({}, news);
      assert.equal(result.failures?.length, 1);
      assert.deepEqual(result.inputs, news);
    });
    it("refuses plain http to a non-loopback host", async () => {
      const p = new OriginCloudRegionMappingsProvider();
      await p.configure({ config: fakeConfig({ "cloudflare:apiToken": TEST_TOKEN, "cloudflare:baseUrl": "http://api.example.com/client/v4" }) });
      await assert.rejects(p.check({}, { zoneId: nextZone(), mappings: [] }), /plain http on a non-loopback host/);
    });
  });

  describe("diff", () => {
    const olds: MappingsOutputs = { zoneId: zoneId(1), mappings: { "2001:db8::1": "gcp/us-central1" }, adopt: false, modifiedOn: null, apiFamily: family, implVersion: IMPL_VERSION };
    it("no change when the canonical sets are equal", async () => {
      const checked = await provider.check({}, { zoneId: zoneId(1).toUpperCase(), mappings: [{ ip: "2001:0db8::0001", vendor: "gcp", region: "us-central1" }] });
      assert.deepEqual(await provider.diff("id", olds, checked.inputs as Record<string, unknown>), { changes: false });
    });
    it("a zone change replaces, deleting first", async () => {
      assert.deepEqual(await provider.diff("id", olds, { zoneId: zoneId(2), mappings: olds.mappings }), {
        changes: true,
        replaces: ["zoneId"],
        deleteBeforeReplace: true,
      });
    });
    it("create and update refuse placeholder keys (values still unknown)", async () => {
      const checked = await provider.check({}, { zoneId: zoneId(1), mappings: [{ ip: UNKNOWN, vendor: "aws", region: "us-east-1" }] });
      assert.deepEqual(await provider.diff("id", olds, checked.inputs as Record<string, unknown>), { changes: true });
      await assert.rejects(provider.create({ ...checked.inputs, __provider: "x" }), /inputs that were not checked/);
      await assert.rejects(provider.update("id", olds, { ...checked.inputs, __provider: "x" }), /inputs that were not checked/);
    });
    it("unknowns mean changes", async () => {
      assert.deepEqual(await provider.diff("id", olds, { zoneId: zoneId(1), mappings: UNKNOWN }), { changes: true });
      assert.deepEqual(await provider.diff("id", olds, { zoneId: UNKNOWN, mappings: olds.mappings }), { changes: true });
    });
    it("adopt alone is not a change", async () => {
      assert.deepEqual(await provider.diff("id", olds, { zoneId: zoneId(1), mappings: olds.mappings, adopt: true }), { changes: false });
    });
  });
});
}

const ALL_REGIONS: Record<string, string[]> = {
  aws: ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-central-1", "ap-northeast-1", "ap-southeast-1", "ap-southeast-2", "sa-east-1"],
  gcp: ["us-central1", "us-east1", "us-east4", "us-west1", "europe-west1", "europe-west3", "europe-west4", "asia-northeast1", "asia-southeast1", "australia-southeast1"],
  azure: ["eastus", "eastus2", "centralus", "westus2", "westeurope", "northeurope", "uksouth", "japaneast", "southeastasia", "australiaeast"],
  oci: ["us-ashburn-1", "us-phoenix-1", "us-sanjose-1", "eu-frankfurt-1", "uk-london-1", "ap-tokyo-1", "ap-singapore-1", "ap-sydney-1", "sa-saopaulo-1"],
};
