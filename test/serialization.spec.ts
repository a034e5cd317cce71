import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { OriginCloudRegionMappingsProvider } from "../provider";

// require-from-string ships with @pulumi/pulumi; the provider host rebuilds providers with it.
const requireFromString: (code: string) => { handler: () => unknown } = require("require-from-string");

const TOKEN = "serialization-test-token-3f9a1c";

describe("provider serialization (as the Pulumi host does it)", function () {
  this.timeout(60_000);
  let saved: string | undefined;
  before(() => {
    saved = process.env["CLOUDFLARE_API_TOKEN"];
    process.env["CLOUDFLARE_API_TOKEN"] = TOKEN;
  });
  after(() => {
    if (saved === undefined) delete process.env["CLOUDFLARE_API_TOKEN"];
    else process.env["CLOUDFLARE_API_TOKEN"] = saved;
  });

  it("serializes without secrets or the token, and the rebuilt copy works", async () => {
    const provider = new OriginCloudRegionMappingsProvider();
    // Configure a copy first: configured state must never leak into what gets serialized.
    await provider.configure({ config: { get: (k: string) => (k === "cloudflare:apiToken" ? TOKEN : undefined), require: () => TOKEN } });
    const fresh = new OriginCloudRegionMappingsProvider();
    for (const subject of [fresh]) {
      const { text, containsSecrets } = await pulumi.runtime.serializeFunction(() => subject, { allowSecrets: true });
      assert.equal(containsSecrets, false);
      assert.ok(!text.includes(TOKEN), "the serialized provider must not contain the token");
      const hosted = requireFromString(text).handler() as OriginCloudRegionMappingsProvider;
      const result = await hosted.check({}, {
        zoneId: "023E105F4ECEF8AD9CA31A8372D0C353",
        mappings: [{ ip: "2001:DB8:0:0::1", vendor: "gcp", region: "us-central1" }],
      });
      assert.deepEqual(result.failures, []);
      assert.equal(result.inputs?.["zoneId"], "023e105f4ecef8ad9ca31a8372d0c353");
      assert.deepEqual(result.inputs?.["mappings"], { "2001:db8::1": { vendor: "gcp", region: "us-central1" } });
      console.log(`      serialized provider: ${text.length} characters`);
    }
  });
});
