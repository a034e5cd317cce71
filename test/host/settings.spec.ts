import assert from "node:assert/strict";
import { DEFAULT_BASE_URL, resolveSettings } from "../../provider/host/settings";

const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

describe("resolveSettings", () => {
  it("defaults: no token, the public API, family auto", () => {
    assert.deepEqual(resolveSettings(undefined, {}), {
      token: undefined,
      tokenSource: undefined,
      baseUrl: DEFAULT_BASE_URL,
      baseUrlSource: "cloudflare:baseUrl",
      apiFamily: "auto",
      apiFamilySource: "originCloudRegions:apiFamily",
      concurrency: 4,
      retryBudgetMs: 360_000,
    });
  });

  it("concurrency (1 to 8) and the retry budget (seconds) are whole numbers in range, else named with their source", () => {
    const s = resolveSettings(config({ "originCloudRegions:concurrency": "8", "originCloudRegions:retryBudgetSeconds": "90" }), {});
    assert.equal(s.concurrency, 8);
    assert.equal(s.retryBudgetMs, 90_000);
    assert.equal(resolveSettings(undefined, { ORIGIN_CLOUD_REGIONS_CONCURRENCY: "1" }).concurrency, 1);
    for (const bad of ["0", "9", "2.5", "four", "-1"]) {
      assert.throws(() => resolveSettings(config({ "originCloudRegions:concurrency": bad }), {}), {
        message: `originCloudRegions:concurrency is ${JSON.stringify(bad)}, which is not a whole number from 1 to 8 (default 4)`,
      });
    }
    assert.throws(() => resolveSettings(undefined, { ORIGIN_CLOUD_REGIONS_RETRY_BUDGET_SECONDS: "0" }), {
      message:
        'the ORIGIN_CLOUD_REGIONS_RETRY_BUDGET_SECONDS environment variable is "0", which is not a whole number from 1 to 3600 (default 360)',
    });
  });

  it("stack config wins over the environment, and each value remembers where it came from", () => {
    const s = resolveSettings(config({ "cloudflare:apiToken": "from-config", "originCloudRegions:apiFamily": "v1" }), {
      CLOUDFLARE_API_TOKEN: "from-env",
      ORIGIN_CLOUD_REGIONS_API_FAMILY: "v2",
    });
    assert.equal(s.token, "from-config");
    assert.equal(s.tokenSource, "cloudflare:apiToken");
    assert.equal(s.apiFamily, "v1");
    const e = resolveSettings(undefined, { CLOUDFLARE_API_TOKEN: "from-env", ORIGIN_CLOUD_REGIONS_API_FAMILY: "V2" });
    assert.equal(e.tokenSource, "the CLOUDFLARE_API_TOKEN environment variable");
    assert.equal(e.apiFamily, "v2");
    assert.equal(e.apiFamilySource, "the ORIGIN_CLOUD_REGIONS_API_FAMILY environment variable");
  });

  it("an unknown family names the key, the value and the three allowed values", () => {
    assert.throws(() => resolveSettings(config({ "originCloudRegions:apiFamily": "v3" }), {}), {
      message: 'originCloudRegions:apiFamily is "v3", which is not one of auto, v1, v2 (default auto)',
    });
    assert.throws(() => resolveSettings(undefined, { ORIGIN_CLOUD_REGIONS_API_FAMILY: "latest" }), {
      message: 'the ORIGIN_CLOUD_REGIONS_API_FAMILY environment variable is "latest", which is not one of auto, v1, v2 (default auto)',
    });
  });

  it("base URL errors name the source they came from", () => {
    assert.throws(
      () => resolveSettings(undefined, { CLOUDFLARE_BASE_URL: "not a url" }),
      /^Error: the CLOUDFLARE_BASE_URL environment variable "not a url" is not a URL$/,
    );
    assert.throws(
      () => resolveSettings(config({ "cloudflare:baseUrl": "http://api.example.com/client/v4" }), {}),
      /^Error: cloudflare:baseUrl .* plain http on a non-loopback host/,
    );
  });

  it("a base URL with a query or a fragment is refused, naming its source and the value", () => {
    for (const bad of [
      "https://api.example.com/client/v4?x=1",
      "https://api.example.com/client/v4?",
      "http://127.0.0.1:8787/client/v4#top",
    ]) {
      assert.throws(() => resolveSettings(config({ "cloudflare:baseUrl": bad }), {}), {
        message: `cloudflare:baseUrl ${JSON.stringify(bad)} must not have a query (?…) or fragment (#…); give the API's base path only`,
      });
    }
    assert.throws(
      () => resolveSettings(undefined, { CLOUDFLARE_BASE_URL: "https://api.example.com/client/v4#" }),
      /^Error: the CLOUDFLARE_BASE_URL environment variable "https:\/\/api\.example\.com\/client\/v4#" must not have a query/,
    );
    assert.equal(
      resolveSettings(config({ "cloudflare:baseUrl": "https://api.example.com/client/v4/" }), {}).baseUrl,
      "https://api.example.com/client/v4",
    );
  });

  it("a token that cannot be sent as a header is refused without repeating it", () => {
    const token = "abc123\nsecret-part";
    assert.throws(
      () => resolveSettings(undefined, { CLOUDFLARE_API_TOKEN: token }),
      (e: unknown) => {
        const message = (e as Error).message;
        assert.match(message, /^The API token from the CLOUDFLARE_API_TOKEN environment variable contains a line break/);
        assert.ok(!message.includes("secret-part") && !message.includes("abc123"));
        return true;
      },
    );
  });
});
