import assert from "node:assert/strict";
import { AuthError, ApiError } from "../../provider/cloudflare/errors";
import type { Execution } from "../../provider/core/execution";
import { authHint } from "../../provider/report/auth-hint";
import type { HintStep } from "../../provider/report/auth-hint";
import { deleteFailure, withHint } from "../../provider/report/messages";

const CONFIG = "cloudflare:apiToken";
const ENV = "the CLOUDFLARE_API_TOKEN environment variable";
const refused = (ips: number) => new AuthError(`delete ${ips} mappings`, 403, [{ code: 10000, message: "Authentication error" }]);

/** A destroy of `owned` mappings whose batches all failed with `error`. */
function failedDestroy(owned: number, error: unknown): Execution {
  const ips = Array.from({ length: owned }, (_, i) => `198.18.0.${i}`);
  const errors = [];
  for (let i = 0; i < ips.length; i += 100) errors.push({ action: "delete" as const, ips: ips.slice(i, i + 100), error });
  return { applied: {}, failures: [], errors, planned: owned, done: 0, batches: errors.length, modifiedOn: null };
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe("the refused-token hint", () => {
  it("refresh and destroy with a stack-config token: the recorded-config explanation and both ways out", () => {
    const cases: Array<[HintStep, string]> = [
      ["delete", "pulumi destroy"],
      ["read", "pulumi refresh"],
    ];
    for (const [step, command] of cases) {
      assert.equal(
        authHint({ tokenSource: CONFIG, step }),
        `\`${command}\` uses the configuration recorded by the last \`pulumi up\`, so it sent the cloudflare:apiToken of then, ` +
          `not one set since. If the token was rotated, run \`pulumi up\` first (it records the new one), or \`${command} --run-program\`; ` +
          "otherwise check the token and that it has the Cache Settings Write and Zone Read permissions for this zone.",
      );
    }
  });

  it("a token from the environment, or any other step: check the token where it came from", () => {
    for (const step of ["delete", "read", "create", "check", undefined] as const) {
      assert.match(authHint({ tokenSource: ENV, step }), /^Check the API token \(from the CLOUDFLARE_API_TOKEN environment variable\) and/);
    }
    for (const step of ["check", "diff", "create", "update"] as const) {
      assert.match(authHint({ tokenSource: CONFIG, step }), /^Check the API token \(from cloudflare:apiToken\) and/);
    }
  });

  it("withHint adds the step's hint once to an authentication error, and nothing to others", () => {
    const text = withHint(refused(3), { tokenSource: CONFIG, step: "read" });
    assert.match(text, /^Failed to delete 3 mappings \(403\): \[10000\] Authentication error\. `pulumi refresh` uses the configuration/);
    assert.equal(count(text, "recorded by the last"), 1);
    assert.equal(withHint(new ApiError("list mappings", 500, []), { tokenSource: CONFIG, step: "delete" }).includes("token"), false);
  });

  it("a destroy refused with a stack-config token says the rotation hint once, and not to run destroy again", () => {
    const text = deleteFailure("023e105f4ecef8ad9ca31a8372d0c353", failedDestroy(300, refused(100)), 300, { tokenSource: CONFIG });
    assert.equal(count(text, "(403): [10000] Authentication error"), 3, "each batch listed");
    assert.equal(count(text, "recorded by the last `pulumi up`"), 1);
    assert.match(text, /\nNothing is lost: the resource stays in the state\. Cloudflare refused the API token\. `pulumi destroy` uses/);
    assert.match(text, /or `pulumi destroy --run-program`/);
    assert.doesNotMatch(text, /pulumi destroy` again/);
  });

  it("a destroy refused with an environment token says to check the variable, then run destroy again", () => {
    const text = deleteFailure("023e105f4ecef8ad9ca31a8372d0c353", failedDestroy(150, refused(100)), 150, { tokenSource: ENV });
    assert.match(
      text,
      /Cloudflare refused the API token\. Check the API token \(from the CLOUDFLARE_API_TOKEN environment variable\) .* Then run `pulumi destroy` again to finish\.$/,
    );
    assert.equal(count(text, "Check the API token"), 1);
    assert.doesNotMatch(text, /--run-program/);
  });

  it("a resource's own apiToken refused on refresh or destroy: the state's token, give the new one and run up first", () => {
    const source = 'the apiToken of resource "origins"';
    const text = deleteFailure("023e105f4ecef8ad9ca31a8372d0c353", failedDestroy(150, refused(100)), 150, {
      tokenSource: source,
      recorded: true,
    });
    assert.equal(count(text, "recorded in the state by the last `pulumi up`"), 1);
    assert.match(text, /the apiToken of resource "origins"/);
    assert.match(text, /give the resource the new one and run `pulumi up` first/);
    assert.doesNotMatch(text, /pulumi destroy` again|--run-program/);
    const read = withHint(refused(1), { tokenSource: source, step: "read", recorded: true });
    assert.match(read, /`pulumi refresh` sends the token recorded in the state/);
    // At create or update it is the program's token: check it where it came from.
    assert.match(
      withHint(refused(1), { tokenSource: source, step: "create", recorded: true }),
      /Check the API token \(from the apiToken of resource "origins"\)/,
    );
    const variable = withHint(refused(1), { tokenSource: "the ORIGINS_B_TOKEN environment variable", step: "delete" });
    assert.match(variable, /Check the API token \(from the ORIGINS_B_TOKEN environment variable\)/);
  });

  it("a destroy that failed for another reason still says to run destroy again", () => {
    const text = deleteFailure("023e105f4ecef8ad9ca31a8372d0c353", failedDestroy(10, new ApiError("delete 10 mappings", 500, [])), 10, {
      tokenSource: CONFIG,
    });
    assert.match(text, /Run `pulumi destroy` again to finish, or `pulumi up --refresh`/);
    assert.doesNotMatch(text, /refused the API token/);
  });
});
