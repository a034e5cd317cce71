import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../../emulator";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import type { MappingsOutputs } from "../../provider";
import { TEST_TOKEN, fakeConfig, startTestEmulator, zoneId } from "../support/emulator";
import { collectReports } from "../support/reports";

// require-from-string ships with @pulumi/pulumi; the provider host rebuilds providers with it.
const requireFromString: (code: string) => { handler: () => unknown } = require("require-from-string");

/** Serializes a provider exactly as `pulumi.dynamic.Resource` does, and rebuilds it as the host does. */
async function hostedCopy(provider: OriginCloudRegionMappingsProvider) {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  const hosted = requireFromString(serialized.text).handler() as OriginCloudRegionMappingsProvider;
  collectReports(hosted);
  return { ...serialized, hosted };
}

describe("provider serialization (as the Pulumi host does it)", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  before(async () => {
    emulator = await startTestEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it("holds no token or secret, even when the original was configured", async () => {
    const provider = new OriginCloudRegionMappingsProvider();
    collectReports(provider);
    await provider.configure({ config: fakeConfig({ "cloudflare:apiToken": TEST_TOKEN, "cloudflare:baseUrl": emulator.url }) });
    await provider.check({}, { zoneId: zoneId(1), mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }] });
    const { text, containsSecrets } = await hostedCopy(provider);
    assert.equal(containsSecrets, false);
    assert.ok(!text.includes(TEST_TOKEN), "the serialized provider must not contain the token");
    assert.ok(!text.includes(emulator.url), "nor the configured endpoint");
  });

  it("the rebuilt copy runs the whole lifecycle against the emulator", async () => {
    const { hosted } = await hostedCopy(new OriginCloudRegionMappingsProvider());
    await hosted.configure({ config: fakeConfig({ "cloudflare:apiToken": TEST_TOKEN, "cloudflare:baseUrl": emulator.url }) });
    const zone = zoneId(2);
    const checked = await hosted.check(
      {},
      {
        zoneId: zone.toUpperCase(),
        mappings: [
          { ip: "2001:DB8:0:0::1", vendor: "gcp", region: "us-central1" },
          { ip: "192.0.2.7", vendor: "aws", region: "us-east-1" },
        ],
      },
    );
    assert.deepEqual(checked.failures, []);
    assert.deepEqual(checked.inputs?.["mappings"], { "192.0.2.7": "aws/us-east-1", "2001:db8::1": "gcp/us-central1" });
    const created = await hosted.create({ ...checked.inputs, __provider: "code" });
    assert.equal(emulator.mappings(zone).length, 2);
    const read = await hosted.read(created.id, created.outs as MappingsOutputs);
    assert.deepEqual(read.props?.mappings, created.outs?.mappings);
    await hosted.delete(created.id, created.outs as MappingsOutputs);
    assert.equal(emulator.mappings(zone).length, 0);
  });

  it("the rebuilt copy retries 429, 5xx and dropped connections", async () => {
    // Regression: rebuilt error subclasses lose their link to ApiError, so retry decisions must
    // not depend on `instanceof`.
    const { hosted } = await hostedCopy(new OriginCloudRegionMappingsProvider());
    await hosted.configure({ config: fakeConfig({ "cloudflare:apiToken": TEST_TOKEN, "cloudflare:baseUrl": emulator.url }) });
    const zone = zoneId(4);
    const checked = await hosted.check({}, { zoneId: zone, mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }] });
    emulator.faults.enqueue(
      { kind: "429", retryAfter: 0, path: /\/batch$/ },
      { kind: "5xx", path: /\/batch$/ },
      { kind: "reset-after-apply", path: /\/batch$/ },
    );
    const created = await hosted.create({ ...checked.inputs, __provider: "code" });
    assert.equal(emulator.faults.pending(), 0);
    assert.deepEqual(Object.keys(created.outs?.mappings ?? {}), ["192.0.2.1"]);
    assert.equal(emulator.mappings(zone).length, 1);
  });

  it("errors thrown by the rebuilt copy keep their message", async () => {
    const { hosted } = await hostedCopy(new OriginCloudRegionMappingsProvider());
    await hosted.configure({ config: fakeConfig({ "cloudflare:apiToken": "not-the-right-token", "cloudflare:baseUrl": emulator.url }) });
    await assert.rejects(
      hosted.check({}, { zoneId: zoneId(3), mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }] }),
      (e: unknown) => {
        assert.match((e as Error).message, /^Failed to fetch supported regions \(403\): \[10000\]/);
        assert.equal((e as { code?: string }).code, "CF_AUTH");
        assert.ok(!String((e as Error).stack).includes("not-the-right-token"));
        return true;
      },
    );
  });
});
