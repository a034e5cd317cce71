// Token rotation with the real CLI: a stack keeps its API token in stack config (`cloudflare:apiToken`,
// secret) and creates mappings; then the token is rotated: Cloudflare (the emulator) refuses the old
// one and the stack config gets the new one. `pulumi refresh` and `pulumi destroy` still send the old
// token, since they run with the configuration recorded by the last `pulumi up`: both fail, and their
// message says so and gives the two ways out, never "run it again". Following it
// (`--run-program`) works, and destroy empties the zone.
//
//   npm run build && npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 600000 \
//     --file test/support/packed-fixtures.ts test/e2e/token-rotation.spec.ts

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { CliResult, TestStack } from "../support/e2e-harness";
import { excerpt, makeMappings, mappingsResource } from "../support/e2e-harness";
import { asHeld, e2eSuite } from "../support/e2e-suite";

/** The hint's sentence for `command`, as provider/report/auth-hint.ts words it (line breaks aside). */
const recorded = (command: string) => `\`${command}\` uses the configuration recorded by the last \`pulumi up\``;

/** The output with Pulumi's line wrapping and indentation folded into single spaces. */
const flat = (result: CliResult) => result.output.replace(/\s+/g, " ");

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/**
 * The output of a failed `command` gives the rotation hint, whole, once in every copy of the error
 * Pulumi prints (each copy starts with `anchor`), and never the advice to repeat the command.
 */
function assertRotationHint(result: CliResult, command: "pulumi refresh" | "pulumi destroy", anchor: string): void {
  const text = flat(result);
  assert.ok(occurrences(text, anchor) > 0, excerpt(result.output));
  assert.equal(occurrences(text, recorded(command)), occurrences(text, anchor), `the hint once per message\n${excerpt(result.output)}`);
  assert.notEqual(result.code, 0, `${command} must fail with the old token`);
  for (const part of [recorded(command), "If the token was rotated, run `pulumi up` first", `or \`${command} --run-program\``]) {
    assert.ok(text.includes(part), `${command} output names ${JSON.stringify(part)}\n${excerpt(result.output)}`);
  }
  assert.doesNotMatch(text, new RegExp(`[Rr]un \`${command}\` again`), `${command} must not suggest repeating itself`);
  assert.doesNotMatch(text, /Check the API token \(from cloudflare:apiToken\)/, "not the generic check-the-token text");
}

describe("end-to-end: token rotation with the token in stack config", function () {
  const suite = e2eSuite("rot");
  const rotated = `rot-new-${randomBytes(18).toString("hex")}`;
  const mappings = makeMappings(30, 900);
  let stack: TestStack;
  let zoneId: string;

  before(async function () {
    this.timeout(10 * 60_000);
    zoneId = suite.zone("rotation");
    stack = await suite.newStack("rotation", { zoneId, mappings });
    await stack.up();
    assert.deepEqual(suite.held(zoneId), asHeld(mappings));
    // The rotation: the account accepts only the new token, and the stack config holds it.
    suite.emulator.setApiToken(rotated);
    await suite.cli.run(["config", "set", "--stack", stack.name, "--secret", "cloudflare:apiToken"], { input: rotated });
  });

  it("refresh fails with the old token and says why, and the two ways out", async function () {
    this.timeout(5 * 60_000);
    suite.emulator.clearRequests();
    const refresh = await stack.refresh([], { allowFailure: true });
    assertRotationHint(refresh, "pulumi refresh", "Failed to list mappings (403): [10000] Authentication error.");
    assert.ok(suite.emulator.requests.length > 0 && suite.emulator.requests.every((r) => !r.authorized), "the old token was sent");
  });

  it("destroy fails with the old token, deletes nothing and gives the hint once per message; destroy --run-program empties the zone", async function () {
    this.timeout(10 * 60_000);
    suite.emulator.clearRequests();
    const destroy = await stack.destroy([], { allowFailure: true });
    assertRotationHint(destroy, "pulumi destroy", "Nothing is lost: the resource stays in the state. Cloudflare refused the API token.");
    assert.ok(flat(destroy).includes("0 of 30 mappings deleted; 30 failed"), excerpt(destroy.output));
    assert.deepEqual(suite.held(zoneId), asHeld(mappings), "nothing deleted");
    assert.deepEqual(
      suite.emulator.writeRequests().filter((r) => r.authorized),
      [],
    );
    assert.ok(mappingsResource(await stack.export()), "the resource stays in the state");

    suite.emulator.clearRequests();
    const following = await stack.destroy(["--run-program"]);
    assert.equal(following.code, 0);
    assert.deepEqual(suite.emulator.mappings(zoneId), [], "the zone holds no mappings");
    assert.ok(suite.emulator.requests.length > 0 && suite.emulator.requests.every((r) => r.authorized), "the new token was sent");
    assert.equal(mappingsResource(await stack.export()), undefined, "the resource left the state");
  });

  it("neither token shows in state, CLI output or errors", function () {
    for (const token of [suite.token, rotated]) {
      for (const f of suite.cli.backendFiles()) assert.ok(!f.text.includes(token), `a token found in ${f.file}`);
      for (const r of suite.cli.transcript)
        assert.ok(!r.output.includes(token), `a token found in the output of pulumi ${r.args.join(" ")}`);
      for (const e of suite.cli.errors) assert.ok(!e.includes(token), "a token found in an error");
    }
  });
});
