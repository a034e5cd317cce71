// The provider's check and diff against the emulator, on each endpoint family.
import assert from "node:assert/strict";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import type { MappingsOutputs } from "../../provider";
import { IMPL_VERSION } from "../../provider/core/state-shape";
import { UNKNOWN } from "../../provider/core/types";
import { collectReports } from "../support/reports";
import { TEST_TOKEN, configuredProvider, fakeConfig, zoneId } from "../support/emulator";
import { providerSuite } from "./support";

for (const family of ["v1", "v2"] as const) {
  const UPSERT = family === "v1" ? "PATCH" : "PUT";
  describe(`OriginCloudRegionMappingsProvider against the emulator (${family}, ${UPSERT} batches)`, function () {
    this.timeout(60_000);
    const suite = providerSuite(family);
    const { nextZone } = suite;

    describe("check", () => {
      it("fails a bad region against supported_regions, fetched once per zone", async () => {
        const fresh = await configuredProvider(suite.emulator, TEST_TOKEN, { "originCloudRegions:apiFamily": family });
        const zone = nextZone();
        const bad = {
          zoneId: zone,
          mappings: [
            { ip: "192.0.2.1", vendor: "aws", region: "mars-1" },
            { ip: "192.0.2.2", vendor: "gcp", region: "us-central1" },
          ],
        };
        const first = await fresh.check({}, bad);
        await fresh.check({}, bad);
        assert.deepEqual(
          first.failures?.map((f) => f.property),
          ["mappings[0].region"],
        );
        assert.match(first.failures?.[0]?.reason ?? "", /"mars-1" is not a supported aws region for this zone/);
        assert.equal(suite.emulator.requests.filter((r) => r.path.endsWith("/supported_regions")).length, 1);
        assert.equal(suite.emulator.writeRequests().length, 0);
      });
      it("passes unknowns over without calling the API for unknown zones", async () => {
        const result = await suite.provider.check({}, { zoneId: UNKNOWN, mappings: [{ ip: UNKNOWN, vendor: "aws", region: "us-east-1" }] });
        assert.deepEqual(result.failures, []);
        assert.equal(suite.emulator.requests.length, 0);
      });
      it("works without a token, skipping only the region lookup", async () => {
        const saved = process.env["CLOUDFLARE_API_TOKEN"];
        delete process.env["CLOUDFLARE_API_TOKEN"];
        try {
          const bare = new OriginCloudRegionMappingsProvider();
          collectReports(bare);
          await bare.configure({ config: fakeConfig({ "cloudflare:baseUrl": suite.emulator.url }) });
          const result = await bare.check({}, { zoneId: nextZone(), mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "mars-1" }] });
          assert.deepEqual(result.failures, []);
          await assert.rejects(
            bare.create({ ...result.inputs, __provider: "x" }),
            /No Cloudflare API token: run `pulumi config set --secret cloudflare:apiToken/,
          );
          assert.equal(suite.emulator.requests.length, 0);
        } finally {
          if (saved !== undefined) process.env["CLOUDFLARE_API_TOKEN"] = saved;
        }
      });
      it("on failure returns the inputs as given, never an unknown placeholder (up --skip-preview must show the failures)", async () => {
        const news = {
          zoneId: nextZone(),
          mappings: [
            { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
            { ip: "192.0.2.01", vendor: "aws", region: "us-east-1" },
          ],
        };
        const result = await suite.provider.check({}, news);
        assert.equal(result.failures?.length, 1);
        assert.deepEqual(result.inputs, news);
      });
      it("refuses plain http to a non-loopback host", async () => {
        const p = new OriginCloudRegionMappingsProvider();
        await p.configure({
          config: fakeConfig({ "cloudflare:apiToken": TEST_TOKEN, "cloudflare:baseUrl": "http://api.example.com/client/v4" }),
        });
        await assert.rejects(p.check({}, { zoneId: nextZone(), mappings: [] }), /plain http on a non-loopback host/);
      });
    });

    describe("diff", () => {
      const olds: MappingsOutputs = {
        zoneId: zoneId(1),
        mappings: { "2001:db8::1": "gcp/us-central1" },
        adopt: false,
        modifiedOn: null,
        apiFamily: family,
        implVersion: IMPL_VERSION,
      };
      it("no change when the canonical sets are equal", async () => {
        const checked = await suite.provider.check(
          {},
          { zoneId: zoneId(1).toUpperCase(), mappings: [{ ip: "2001:0db8::0001", vendor: "gcp", region: "us-central1" }] },
        );
        assert.deepEqual(await suite.provider.diff("id", olds, checked.inputs as Record<string, unknown>), { changes: false });
      });
      it("a zone change replaces, deleting first", async () => {
        assert.deepEqual(await suite.provider.diff("id", olds, { zoneId: zoneId(2), mappings: olds.mappings }), {
          changes: true,
          replaces: ["zoneId"],
          deleteBeforeReplace: true,
        });
      });
      it("create and update refuse placeholder keys (values still unknown)", async () => {
        const checked = await suite.provider.check(
          {},
          { zoneId: zoneId(1), mappings: [{ ip: UNKNOWN, vendor: "aws", region: "us-east-1" }] },
        );
        // "Unknown": the engine compares the inputs, and an input not known yet is a change to it.
        assert.deepEqual(await suite.provider.diff("id", olds, checked.inputs as Record<string, unknown>), {});
        await assert.rejects(suite.provider.create({ ...checked.inputs, __provider: "x" }), /inputs that were not checked/);
        await assert.rejects(suite.provider.update("id", olds, { ...checked.inputs, __provider: "x" }), /inputs that were not checked/);
      });
      it("unknowns mean changes (unknown mappings: the engine's comparison of inputs says so, and shows them alone)", async () => {
        assert.deepEqual(await suite.provider.diff("id", olds, { zoneId: zoneId(1), mappings: UNKNOWN }), {});
        const older = { ...olds, implVersion: 4 };
        assert.deepEqual(await suite.provider.diff("id", older, { zoneId: zoneId(1), mappings: UNKNOWN }), { changes: true });
        assert.deepEqual(await suite.provider.diff("id", olds, { zoneId: UNKNOWN, mappings: olds.mappings }), { changes: true });
      });
      it("adopt alone is not a change", async () => {
        assert.deepEqual(await suite.provider.diff("id", olds, { zoneId: zoneId(1), mappings: olds.mappings, adopt: true }), {
          changes: false,
        });
      });
    });
  });
}
