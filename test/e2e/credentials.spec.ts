// End-to-end: several Cloudflare accounts in one program, with the real Pulumi CLI. One emulator
// stands for two accounts (a token scoped to each account's zone, see emulator/scoped-tokens.ts); the
// stack has no token of its own. Resource "origins-a" is given its account's token as a plain string
// `apiToken`; "origins-b" names a variable (`apiTokenEnvVar`). Every request must carry the token of
// the resource it serves, the state must hold the plain-string token only as ciphertext, a rotated
// variable must be what destroy sends, and the mistakes must fail preview with nothing sent.
//
//   npm run build && npx mocha --no-config -r ts-node/register/transpile-only --extension ts \
//     --timeout 600000 -r test/support/packed-fixtures.ts test/e2e/credentials.spec.ts

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import type { CliResult, MappingSpec, RunOptions, StackExport } from "../support/e2e-harness";
import { MAPPINGS_TYPE, TestStack, excerpt, ipsIn, makeMappings } from "../support/e2e-harness";
import { e2eSuite } from "../support/e2e-suite";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const VAR_A = "OCR_E2E_PROGRAM_TOKEN_A"; // read by the program, passed as a plain string apiToken
const VAR_B = "OCR_E2E_TOKEN_B"; // the apiTokenEnvVar of origins-b

interface ResourceSpec {
  name: string;
  zoneId: string;
  mappings: MappingSpec[];
  apiTokenFrom?: string;
  apiTokenEnvVar?: string;
}

describe("end-to-end: per-resource credentials, two accounts in one program", function () {
  const suite = e2eSuite("e2e-credentials", { defaultAccount: false });
  const tokenA = `account-a-${randomBytes(12).toString("hex")}`;
  const tokenB = `account-b-${randomBytes(12).toString("hex")}`;
  const tokenB2 = `account-b-rotated-${randomBytes(12).toString("hex")}`;
  const tokenA2 = `account-a-rotated-${randomBytes(12).toString("hex")}`;
  const tokens = [tokenA, tokenB, tokenB2, tokenA2];
  let emulator: Emulator;
  const stacks: TestStack[] = [];
  const zoneA = () => suite.zone("account-a");
  const zoneB = () => suite.zone("account-b");
  const zonePartial = () => suite.zone("account-a-partial");

  before(async () => {
    emulator = await startEmulator({
      port: 0,
      scopedTokens: [
        { name: "account-a", token: tokenA, zones: [zoneA(), zonePartial()] },
        { name: "account-b", token: tokenB, zones: [zoneB()] },
        { name: "account-b-rotated", token: tokenB2, zones: [zoneB()] },
        { name: "account-a-rotated", token: tokenA2, zones: [zoneA()] },
      ],
    });
  });
  after(async () => {
    for (const s of stacks) await s.remove();
    await emulator?.close();
  });

  /** A stack of the fixture with these resources and no stack token. */
  async function stackOf(name: string, resources: ResourceSpec[]): Promise<TestStack> {
    const stack = new TestStack(suite.cli, name);
    if (!stacks.includes(stack)) stacks.push(stack);
    if (!fs.existsSync(stack.configFile)) await suite.cli.run(["stack", "init", name]);
    await suite.cli.run([
      "config",
      "set-all",
      "--stack",
      name,
      "--plaintext",
      `cloudflare:baseUrl=${emulator.url}`,
      "--plaintext",
      `resources=${JSON.stringify(resources)}`,
    ]);
    return stack;
  }

  const env = (b: string | undefined, a: string | undefined = tokenA): RunOptions => ({ env: { [VAR_A]: a, [VAR_B]: b } });
  const twoAccounts = (mappingsA = makeMappings(3, 0)): ResourceSpec[] => [
    { name: "origins-a", zoneId: zoneA(), mappings: mappingsA, apiTokenFrom: VAR_A },
    { name: "origins-b", zoneId: zoneB(), mappings: makeMappings(2, 50), apiTokenEnvVar: VAR_B },
  ];

  /** Every request so far went to a zone of the account whose token it carried, and was let in. */
  function assertEveryRequestOnItsAccount(): void {
    const wrong = emulator.requests.filter((r) => {
      const onA = r.path.includes(zoneA()) || r.path.includes(zonePartial());
      const account = onA ? "account-a" : r.path.includes(zoneB()) ? "account-b" : "?";
      return !r.authorized || r.tokenName === undefined || !r.tokenName.startsWith(account);
    });
    assert.deepEqual(
      wrong.map((r) => `${r.method} ${r.path} ${r.tokenName} ${r.status}`),
      [],
    );
  }

  function tokensNowhere(results: CliResult[]): void {
    for (const r of results)
      for (const t of tokens) assert.ok(!r.output.includes(t), `a token in the output of pulumi ${r.args.join(" ")}`);
    for (const f of suite.cli.backendFiles()) for (const t of tokens) assert.ok(!f.text.includes(t), `a token in ${f.file}`);
  }

  const resourceNamed = (state: StackExport, name: string) =>
    state.deployment.resources?.find((r) => r.type === MAPPINGS_TYPE && r.urn.endsWith(`::${name}`));

  it("create, a one-IP update, refresh and destroy: each request carries its resource's token; destroy sends the rotated variable", async () => {
    const stack = await stackOf("two-accounts", twoAccounts());
    const results: CliResult[] = [];
    results.push(await stack.preview([], env(tokenB)));
    results.push(await stack.up([], env(tokenB)));
    assert.equal(emulator.mappings(zoneA()).length, 3);
    assert.equal(emulator.mappings(zoneB()).length, 2);
    assertEveryRequestOnItsAccount();

    // The plain-string token: ciphertext in the state (inputs and outputs), clear only with --show-secrets.
    const state = await stack.export();
    const a = resourceNamed(state, "origins-a");
    const b = resourceNamed(state, "origins-b");
    for (const where of [a?.inputs?.["apiToken"], a?.outputs?.["apiToken"]]) {
      const secret = where as Record<string, unknown> | undefined;
      assert.equal(secret?.[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270", `a secret: ${JSON.stringify(where)}`);
      assert.equal(typeof secret?.["ciphertext"], "string");
    }
    assert.equal(b?.outputs?.["apiTokenEnvVar"], VAR_B);
    assert.equal(b?.outputs?.["apiToken"], undefined);
    const clear = await suite.cli.run(["stack", "export", "--stack", stack.name, "--show-secrets"]);
    assert.ok(clear.stdout.includes(tokenA), "--show-secrets shows the token in clear");
    assert.ok(!clear.stdout.includes(tokenB), "a variable's token is never stored");

    // A one-IP update of origins-a: one upsert of one item, with account-a's token; nothing for origins-b.
    await stackOf("two-accounts", twoAccounts(makeMappings(4, 0)));
    emulator.clearRequests();
    results.push(await stack.up([], env(tokenB)));
    const writes = emulator.writeRequests();
    assert.deepEqual(
      writes.map((w) => `${w.method} ${w.tokenName} ${(w.body as unknown[]).length}`),
      ["PUT account-a 1"],
      excerpt(results[results.length - 1]?.output ?? ""),
    );
    assertEveryRequestOnItsAccount();

    results.push(await stack.refresh(["--expect-no-changes"], env(tokenB)));
    const refreshed = resourceNamed(await stack.export(), "origins-a");
    assert.equal(
      (refreshed?.outputs?.["apiToken"] as Record<string, unknown> | undefined)?.[SECRET_SIG],
      "1b47061264138c4ac30d75fd1eb44270",
    );

    // A new apiToken alone: preview --diff shows the secret property, not the mappings; up stores it and writes nothing.
    const rotatedA = await stack.preview(["--diff"], env(tokenB, tokenA2));
    results.push(rotatedA);
    assert.match(rotatedA.output, /~ apiToken\s*:\s*\[secret\] => \[secret\]/, excerpt(rotatedA.output));
    assert.match(rotatedA.output, /origins-a \(zone [0-9a-f]{4}…[0-9a-f]{4}\): no mapping changes; the new credentials/);
    // (Other IPs in the output are the address warnings of check, printed as they come.)
    const shown = rotatedA.output
      .slice(rotatedA.output.indexOf("~ pulumi-nodejs:dynamic"))
      .split("\n")
      .filter((line) => !line.startsWith("Warning:"))
      .join("\n");
    assert.deepEqual([...ipsIn(shown)], [], `no mapping listed:\n${excerpt(shown)}`);
    emulator.clearRequests();
    results.push(await stack.up([], env(tokenB, tokenA2)));
    assert.deepEqual(emulator.writeRequests(), []);
    assertEveryRequestOnItsAccount();

    // Rotation: the variable now holds account-b's new token; the program's variable is gone (destroy
    // takes origins-a's token from the state, the one the last up recorded).
    emulator.clearRequests();
    results.push(await stack.destroy([], env(tokenB2, undefined)));
    assert.deepEqual(emulator.mappings(zoneA()), []);
    assert.deepEqual(emulator.mappings(zoneB()), []);
    assertEveryRequestOnItsAccount();
    const tokenNames = (zone: string) => [...new Set(emulator.requests.filter((r) => r.path.includes(zone)).map((r) => r.tokenName))];
    assert.deepEqual(tokenNames(zoneB()), ["account-b-rotated"]);
    assert.deepEqual(tokenNames(zoneA()), ["account-a-rotated"]);
    tokensNowhere(results);
  });

  it("the mistakes fail preview naming what to fix, with no request sent: both set, variable unset, variable empty", async () => {
    const both: ResourceSpec[] = [
      { name: "origins-a", zoneId: zoneA(), mappings: makeMappings(1), apiTokenFrom: VAR_A, apiTokenEnvVar: VAR_B },
    ];
    const onlyB = [twoAccounts()[1] as ResourceSpec];
    const cases: Array<[string, ResourceSpec[], RunOptions, RegExp]> = [
      ["both set", both, env(tokenB), /origins-a" sets both apiToken and apiTokenEnvVar; give one of them/],
      [
        "variable unset",
        onlyB,
        env(undefined),
        /the OCR_E2E_TOKEN_B environment variable is not set .*; it holds the API token of resource "origins-b"/,
      ],
      [
        "variable empty",
        onlyB,
        env(""),
        /the OCR_E2E_TOKEN_B environment variable is empty .*; it holds the API token of resource "origins-b"/,
      ],
    ];
    const results: CliResult[] = [];
    for (const [label, resources, options, expected] of cases) {
      const stack = await stackOf("mistakes", resources);
      emulator.clearRequests();
      const preview = await stack.preview([], { ...options, allowFailure: true });
      results.push(preview);
      assert.notEqual(preview.code, 0, label);
      assert.match(preview.output, expected, `${label}:\n${excerpt(preview.output)}`);
      assert.equal(emulator.requests.length, 0, `${label}: nothing sent`);
    }
    tokensNowhere(results);
  });

  it("a partial failure records the applied mappings with the token still ciphertext; destroy then uses it", async () => {
    const stack = await stackOf("partial", [
      { name: "origins-a", zoneId: zonePartial(), mappings: makeMappings(3, 0), apiTokenFrom: VAR_A },
    ]);
    emulator.rejectRegions([{ vendor: "gcp", region: "us-central1" }]);
    const results: CliResult[] = [];
    try {
      const up = await stack.up([], { ...env(undefined), allowFailure: true });
      results.push(up);
      assert.notEqual(up.code, 0, excerpt(up.output));
    } finally {
      emulator.rejectRegions([]);
    }
    assert.equal(emulator.mappings(zonePartial()).length, 2, "two of three applied");
    const a = resourceNamed(await stack.export(), "origins-a");
    assert.equal(Object.keys((a?.outputs?.["mappings"] as object | undefined) ?? {}).length, 2);
    assert.equal((a?.outputs?.["apiToken"] as Record<string, unknown> | undefined)?.[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270");
    results.push(await stack.destroy([], env(undefined, undefined)));
    assert.deepEqual(emulator.mappings(zonePartial()), []);
    assertEveryRequestOnItsAccount();
    tokensNowhere(results);
  });
});
