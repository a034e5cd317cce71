// The provider's create and update against the emulator, on each endpoint family: batches, per-item
// failures recorded in state, and the rewrite of state written before version 3.
import assert from "node:assert/strict";
import type { MappingsOutputs } from "../../provider";
import { IMPL_VERSION, ownedMappings } from "../../provider/core/state-shape";
import { batchRequests } from "../support/emulator";
import { ALL_REGIONS, PROVIDER_CODE, declared, providerSuite, type Decl } from "./support";

for (const family of ["v1", "v2"] as const) {
  const UPSERT = family === "v1" ? "PATCH" : "PUT";
  describe(`OriginCloudRegionMappingsProvider against the emulator (${family}, ${UPSERT} batches)`, function () {
    this.timeout(60_000);
    const suite = providerSuite(family);
    const { nextZone, create } = suite;

    it("state written before version 3 (objects) is a change with no mapping change: update rewrites it as strings, writing nothing", async () => {
      const zone = nextZone();
      const { outs } = await create(zone, declared(120));
      const older = { ...outs, mappings: ownedMappings(outs), implVersion: 2 } as unknown as MappingsOutputs;
      const checked = await suite.provider.check(older as unknown as Record<string, unknown>, { zoneId: zone, mappings: declared(120) });
      assert.deepEqual(await suite.provider.diff(zone, older, checked.inputs as Record<string, unknown>), { changes: true });
      suite.emulator.clearRequests();
      const updated = await suite.provider.update(zone, older, { ...checked.inputs, __provider: PROVIDER_CODE });
      assert.deepEqual(suite.emulator.writeRequests(), []);
      assert.deepEqual(updated.outs?.mappings, outs.mappings);
      assert.equal(updated.outs?.implVersion, IMPL_VERSION);
      assert.equal(typeof Object.values(updated.outs?.mappings ?? {})[0], "string");
    });

    it(`creates 250 mappings with exactly 3 batch ${UPSERT} requests`, async () => {
      const zone = nextZone();
      const { outs, result } = await create(zone, declared(250));
      assert.equal(batchRequests(suite.emulator, UPSERT), 3);
      assert.deepEqual(
        suite.emulator.requests.map((r) => r.method),
        ["GET", UPSERT, UPSERT, UPSERT],
      );
      assert.equal(result.id, zone);
      assert.equal(Object.keys(outs.mappings).length, 250);
      assert.equal(suite.emulator.mappings(zone).length, 250);
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
      suite.emulator.rejectRegions([
        { vendor: "aws", region: "eu-mars-1" },
        { vendor: "gcp", region: "eu-mars-1" },
        { vendor: "azure", region: "eu-mars-1" },
        { vendor: "oci", region: "eu-mars-1" },
      ]);
      suite.emulator.setSupportedRegions({
        aws: ["us-east-1", "eu-mars-1"],
        gcp: ["us-central1", "eu-mars-1"],
        azure: ["westeurope", "eu-mars-1"],
        oci: ["us-ashburn-1", "eu-mars-1"],
      });
      try {
        const checked = await suite.provider.check({}, { zoneId: zone, mappings });
        assert.deepEqual(checked.failures, []);
        const error = await suite.provider.create({ ...checked.inputs, __provider: PROVIDER_CODE }).then(
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
        assert.equal(suite.emulator.mappings(zone).length, 247, "state matches what the zone holds");
      } finally {
        suite.emulator.setSupportedRegions(ALL_REGIONS);
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
      const checked = await suite.provider.check(outs as unknown as Record<string, unknown>, { zoneId: zone, mappings: after });
      assert.deepEqual(checked.failures, []);
      const diff = await suite.provider.diff(zone, outs, checked.inputs as Record<string, unknown>);
      assert.deepEqual(diff, {}, "the engine's comparison of the inputs is exact: it shows only these three IPs");
      suite.emulator.clearRequests();
      const updated = await suite.provider.update(zone, outs, { ...checked.inputs, __provider: PROVIDER_CODE });
      // The new IP is looked up first (someone else may map it; the zone may be full): on v1 the list is
      // one request, on v2 one small page gives the count and one read the IP.
      const reads = family === "v1" ? ["GET origin_cloud_regions"] : ["GET cloud_regions?page=1&per_page=1", "GET 203.0.113.77"];
      assert.deepEqual(
        suite.emulator.requests.map(
          (r) => `${r.method} ${decodeURIComponent(r.path.split("/").pop() ?? "")}${r.query && r.method === "GET" ? `?${r.query}` : ""}`,
        ),
        [...reads, "DELETE batch", `${UPSERT} batch`],
      );
      const writes = suite.emulator.writeRequests();
      assert.deepEqual(writes[0]?.body, [before[42]?.ip]);
      assert.deepEqual(
        (writes[1]?.body as Array<Record<string, string>>).map((m) => m["ip"] ?? m["origin_ip"]).sort(),
        [before[4]?.ip, "203.0.113.77"].sort(),
      );
      assert.deepEqual(updated.outs?.mappings, checked.inputs?.["mappings"]);
      assert.equal(suite.emulator.mappings(zone).length, 250);
    });
  });
}
