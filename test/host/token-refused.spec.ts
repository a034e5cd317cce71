// A refused token on refresh and destroy: with a token from stack config those commands use the
// config recorded by the last `pulumi up`, so the message gives the rotation way out, once, and
// never says to run the same command again as it is.
import assert from "node:assert/strict";
import { configuredProvider } from "../support/emulator";
import { declared, providerSuite } from "./support";

const ROTATION = /uses the configuration recorded by the last `pulumi up`/g;

/** How many times `pattern` occurs in `text`. */
const occurrences = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

describe("a refused token on refresh and destroy (provider against the emulator)", function () {
  this.timeout(60_000);
  const suite = providerSuite("v2");

  it("destroy with a wrong stack-config token: the rotation hint once, no 'run destroy again', no stack trace", async () => {
    const zone = suite.nextZone();
    // Three batches: each one's failure is listed, the hint is not repeated per batch.
    const { outs, result } = await suite.create(zone, declared(230));
    const stale = await configuredProvider(suite.emulator, "rotated-away-token", { "originCloudRegions:apiFamily": "v2" });
    const error = (await stale.delete(result.id, outs).catch((e: unknown) => e)) as Error;
    assert.ok(error instanceof Error, "delete fails");
    const message = error.message;
    assert.match(message, /^Deleting the mappings of zone .* went through only in part: 0 of 230 mappings deleted; \d+ failed:\n/);
    assert.match(message, /\(403\): \[10000\] Authentication error/);
    assert.equal(occurrences(message, ROTATION), 1, message);
    assert.match(message, /`pulumi destroy` uses the configuration recorded by the last `pulumi up`/);
    assert.match(message, /run `pulumi up` first .*, or `pulumi destroy --run-program`/);
    assert.doesNotMatch(message, /pulumi destroy` again/);
    assert.doesNotMatch(message, /Check the API token \(from/);
    assert.ok(!message.includes("rotated-away-token"), "never the token");
    assert.equal(error.stack, "");
    assert.ok(message.split("\n").length <= 23);
    assert.equal(suite.emulator.mappings(zone).length, 230, "nothing deleted");
  });

  it("refresh with a wrong stack-config token: the rotation hint for `pulumi refresh`, once", async () => {
    const zone = suite.nextZone();
    const { outs, result } = await suite.create(zone, declared(2));
    const stale = await configuredProvider(suite.emulator, "rotated-away-token", { "originCloudRegions:apiFamily": "v2" });
    const error = (await stale.read(result.id, outs).catch((e: unknown) => e)) as Error;
    assert.match(
      error.message,
      /^Failed to list mappings \(403\): \[10000\] Authentication error\. `pulumi refresh` uses the configuration/,
    );
    assert.equal(occurrences(error.message, ROTATION), 1);
    assert.match(error.message, /run `pulumi up` first .*, or `pulumi refresh --run-program`/);
    assert.doesNotMatch(error.message, /pulumi refresh` again/);
    assert.equal(error.stack, "");
  });

  it("a wrong token at create is not the rotation case: check the token where it came from", async () => {
    const stale = await configuredProvider(suite.emulator, "rotated-away-token", { "originCloudRegions:apiFamily": "v2" });
    const zone = suite.nextZone();
    const error = (await stale.check({}, { zoneId: zone, mappings: declared(1) }).catch((e: unknown) => e)) as Error;
    assert.match(error.message, /Authentication error\. Check the API token \(from cloudflare:apiToken\) and that it has/);
    assert.doesNotMatch(error.message, /recorded by the last/);
  });
});
