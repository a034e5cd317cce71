// Tokens scoped to zones (several accounts in one emulator): each token reaches its own zones, any
// other zone answers 403 / 10000 with the body unread, and the request log names the token, never
// holding its value. Library options and the command line.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { parseScopedToken } from "../../emulator/scoped-tokens";
import { runCli } from "./cli-support";
import { OTHER_ZONE, TOKEN, ZONE, assertError, call, ok, v2item, withEmu } from "./support";

const TOKEN_A = "account-a_0123456789";
const TOKEN_B = "account-b_9876543210";
const THIRD_ZONE = "fedcba9876543210fedcba9876543210";
const SCOPED = [
  { name: "account-a", token: TOKEN_A, zones: [ZONE] },
  { name: "account-b", token: TOKEN_B, zones: [OTHER_ZONE, THIRD_ZONE] },
];
const v2 = (zone: string) => `/zones/${zone}/origin/cloud_regions`;

describe("emulator: tokens scoped to zones (several accounts)", () => {
  it("each token reaches its own zones; another zone gets 403 / 10000 and nothing is written", async () => {
    const emu = await startEmulator({ scopedTokens: SCOPED });
    try {
      ok(await call(emu, "PUT", `${v2(ZONE)}/batch`, { token: TOKEN_A, body: [v2item("192.0.2.1")] }));
      ok(await call(emu, "GET", v2(OTHER_ZONE), { token: TOKEN_B }));
      ok(await call(emu, "GET", v2(THIRD_ZONE), { token: TOKEN_B }));
      assertError(await call(emu, "GET", v2(OTHER_ZONE), { token: TOKEN_A }), 403, 10000);
      const refused = await call(emu, "PUT", `${v2(ZONE)}/batch`, { token: TOKEN_B, body: [v2item("192.0.2.2")] });
      assertError(refused, 403, 10000);
      assert.equal(refused.body.errors[0]?.message, "Authentication error");
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => m.ip),
        ["192.0.2.1"],
      );
      // With scoped tokens only, an unknown token is a wrong token (not "any token").
      assertError(await call(emu, "GET", v2(ZONE), { token: "someone-else_000" }), 403, 10000);

      const log = emu.requests.map((r) => [r.method, r.path.split("/")[2], r.tokenName, r.status, r.authorized]);
      assert.deepEqual(log, [
        ["PUT", ZONE, "account-a", 200, true],
        ["GET", OTHER_ZONE, "account-b", 200, true],
        ["GET", THIRD_ZONE, "account-b", 200, true],
        ["GET", OTHER_ZONE, "account-a", 403, false],
        ["PUT", ZONE, "account-b", 403, false],
        ["GET", ZONE, undefined, 403, false],
      ]);
      assert.equal(emu.requests[4]?.bodyOmitted, "unauthenticated", "a refused write's body is never read");
      assert.ok(!JSON.stringify(emu.requests).includes(TOKEN_A) && !JSON.stringify(emu.requests).includes(TOKEN_B));
    } finally {
      await emu.close();
    }
  });

  it("alongside apiToken, which reaches every zone; unknown routes still answer 'no route' first", async () => {
    await withEmu({ scopedTokens: SCOPED }, async (emu) => {
      ok(await call(emu, "GET", v2(OTHER_ZONE), { token: TOKEN }));
      ok(await call(emu, "GET", v2(ZONE), { token: TOKEN_A }));
      assertError(await call(emu, "GET", `/zones/${OTHER_ZONE}/nothing-here`, { token: TOKEN_A }), 400, 7003, 7000);
      assert.equal(emu.requests[0]?.tokenName, undefined);
    });
  });

  it("refuses malformed lists at start, never echoing a token", async () => {
    const bad = [
      [{ name: "a b", token: TOKEN_A, zones: [ZONE] }],
      [{ name: "a", token: "has space", zones: [ZONE] }],
      [{ name: "a", token: TOKEN_A, zones: [] }],
      [{ name: "a", token: TOKEN_A, zones: ["NOT-A-ZONE"] }],
      [SCOPED[0], { ...SCOPED[0], token: TOKEN_B }],
      [SCOPED[0], { ...SCOPED[1], token: TOKEN_A }],
    ];
    for (const scopedTokens of bad) {
      const error = (await startEmulator({ scopedTokens: scopedTokens as typeof SCOPED }).catch((e: unknown) => e)) as Error;
      assert.ok(error instanceof RangeError, JSON.stringify(scopedTokens));
      assert.ok(!error.message.includes(TOKEN_A) && !error.message.includes(TOKEN_B), error.message);
    }
    assert.deepEqual(parseScopedToken(`a:${TOKEN_A}:${ZONE},${OTHER_ZONE}`), { name: "a", token: TOKEN_A, zones: [ZONE, OTHER_ZONE] });
    assert.throws(() => parseScopedToken(`a:${TOKEN_A}`), /NAME:TOKEN:ZONE/);
  });

  it("command line: --scoped-token and EMULATOR_SCOPED_TOKENS; stderr names the token, never its value; no warning", async () => {
    const cli = runCli(["--port", "0", "--scoped-token", `account-a:${TOKEN_A}:${ZONE}`], {
      EMULATOR_SCOPED_TOKENS: ` account-b:${TOKEN_B}:${OTHER_ZONE} `,
    });
    try {
      const base = await cli.url();
      const get = async (zone: string, token: string) =>
        (await fetch(`${base}${v2(zone)}`, { headers: { authorization: `Bearer ${token}` } })).status;
      assert.equal(await get(ZONE, TOKEN_A), 200);
      assert.equal(await get(OTHER_ZONE, TOKEN_B), 200);
      assert.equal(await get(OTHER_ZONE, TOKEN_A), 403);
      assert.equal(await get(ZONE, "anyone-else_00"), 403);
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
    assert.match(cli.out.stderr, /GET \/zones\/[0-9a-f]{32}\/origin\/cloud_regions -> 200 \[account-a\]/);
    assert.match(cli.out.stderr, /-> 403 \[account-a\]/);
    assert.ok(!cli.out.stderr.includes(TOKEN_A) && !cli.out.stderr.includes(TOKEN_B) && !/warning/.test(cli.out.stderr), cli.out.stderr);

    const bad = runCli(["--scoped-token", `account-a:${TOKEN_A}:not-a-zone`]);
    assert.equal(await bad.exited, 2);
    assert.match(bad.out.stderr, /invalid scoped token: scoped token account-a: zone id "not-a-zone"/);
    assert.ok(!bad.out.stderr.includes(TOKEN_A));
  });
});
