import assert from "node:assert/strict";
import { configReader } from "../../provider/plugin/configure";
import { PACKAGE, PLUGIN_SETTINGS } from "../../provider/plugin/schema";
import { fromWire, nameOf, plainProps, toWire, unwrapSecrets, withSecrets } from "../../provider/plugin/wire";
import { missingTokenError, resolveSettings } from "../../provider/host/settings";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

describe("plugin: what the engine sends and what the lifecycle reads", () => {
  it("secrets are unwrapped at any depth, and the token goes back a secret (once)", () => {
    const news = { zoneId: "z", apiToken: secret("t0k"), mappings: [{ ip: secret("198.51.100.1"), vendor: "aws", region: "us-east-1" }] };
    assert.deepEqual(plainProps(news), {
      zoneId: "z",
      apiToken: "t0k",
      mappings: [{ ip: "198.51.100.1", vendor: "aws", region: "us-east-1" }],
    });
    assert.deepEqual(unwrapSecrets(secret(secret("x"))), "x");
    const out = withSecrets({ zoneId: "z", apiToken: "t0k", apiTokenEnvVar: "TOKEN_VAR" });
    assert.deepEqual(out, { zoneId: "z", apiToken: secret("t0k"), apiTokenEnvVar: "TOKEN_VAR" });
    assert.deepEqual(withSecrets(out), out);
    assert.deepEqual(withSecrets({ zoneId: "z" }), { zoneId: "z" }, "no token, nothing added");
  });

  it("outputs keep the stored form of mappings both ways", () => {
    const outs = { zoneId: "z", mappings: { "198.51.100.1": "aws/us-east-1" }, adopt: false, modifiedOn: null, apiToken: "t0k" };
    const wire = toWire(outs);
    assert.deepEqual(wire["apiToken"], secret("t0k"));
    assert.deepEqual(fromWire(wire), outs);
  });

  it("the resource's name comes from its URN", () => {
    assert.equal(nameOf("urn:pulumi:dev::proj::cloudflare-origin-cloud-regions:index:OriginCloudRegionMappings::edge"), "edge");
    assert.equal(nameOf(""), undefined);
  });
});

describe("plugin: configuration under its own namespace", () => {
  it("reads `<package>:<key>` (and the older `<package>:config:<key>`), with the same environment fallbacks", () => {
    const reader = configReader(
      [
        [`${PACKAGE}:apiToken`, "from-config"],
        [`${PACKAGE}:config:concurrency`, "2"],
      ],
      PLUGIN_SETTINGS,
    );
    const s = resolveSettings(reader, { ORIGIN_CLOUD_REGIONS_API_FAMILY: "v1", CLOUDFLARE_API_TOKEN: "from-env" });
    assert.equal(s.token, "from-config");
    assert.equal(s.tokenSource, `${PACKAGE}:apiToken`);
    assert.equal(s.concurrency, 2);
    assert.equal(s.apiFamily, "v1");
    assert.equal(s.apiFamilySource, "the ORIGIN_CLOUD_REGIONS_API_FAMILY environment variable");
    assert.equal(s.baseUrlSource, `${PACKAGE}:baseUrl`, "messages about the endpoint name the plugin's key");
    const fromEnv = resolveSettings(configReader([], PLUGIN_SETTINGS), { CLOUDFLARE_API_TOKEN: "from-env" });
    assert.equal(fromEnv.tokenSource, "the CLOUDFLARE_API_TOKEN environment variable");
  });

  it("errors name the plugin's keys, not the dynamic resource's", () => {
    const reader = configReader([[`${PACKAGE}:retryBudgetSeconds`, "0"]], PLUGIN_SETTINGS);
    assert.throws(() => resolveSettings(reader, {}), { message: new RegExp(`^${PACKAGE}:retryBudgetSeconds is "0"`) });
    assert.match(missingTokenError(PLUGIN_SETTINGS).message, new RegExp(`pulumi config set --secret ${PACKAGE}:apiToken <token>`));
    assert.doesNotMatch(missingTokenError(PLUGIN_SETTINGS).message, /cloudflare:apiToken/);
  });
});
