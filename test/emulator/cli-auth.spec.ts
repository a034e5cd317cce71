// The command line's credentials: the legacy X-Auth-Email + X-Auth-Key pair, the errors for missing
// and malformed headers, and the one-line warning when no token is set.
import assert from "node:assert/strict";
import { runCli } from "./cli-support";
import { V1, type Envelope } from "./support";

const EMAIL = "ops@example.com";
const KEY = "0123456789abcdef0123456789abcdef01234";

async function get(base: string, headers: Record<string, string>): Promise<{ status: number; body: Envelope<unknown> }> {
  const res = await fetch(`${base}${V1}`, { headers });
  return { status: res.status, body: (await res.json()) as Envelope<unknown> };
}

function codes(body: Envelope<unknown>): Array<[number, number[]]> {
  return body.errors.map((e) => [e.code, (e.error_chain ?? []).map((c) => c.code)]);
}

describe("emulator CLI: credentials", () => {
  it("--auth-email/--auth-key accept the legacy pair; missing and malformed headers get Cloudflare's errors", async () => {
    const cli = runCli(["--port", "0", "--token", "cli-token", "--auth-email", EMAIL, `--auth-key=${KEY}`]);
    try {
      const base = await cli.url();
      const legacy = await get(base, { "x-auth-email": EMAIL, "x-auth-key": KEY });
      assert.equal(legacy.status, 200, JSON.stringify(legacy.body));
      assert.equal(
        (await get(base, { "x-auth-email": "OPS@example.com", "x-auth-key": KEY })).status,
        200,
        "emails compare case-insensitively",
      );
      assert.equal((await get(base, { authorization: "Bearer cli-token" })).status, 200, "the token still works");

      const cases: Array<[Record<string, string>, number, Array<[number, number[]]>]> = [
        [{}, 400, [[9106, []]]],
        [{ "x-auth-email": EMAIL }, 400, [[9106, []]]],
        [{ "x-auth-key": KEY }, 400, [[9106, []]]],
        [{ "x-auth-email": "not-an-email", "x-auth-key": KEY }, 400, [[6003, [6102]]]],
        [{ "x-auth-email": EMAIL, "x-auth-key": "has spaces" }, 400, [[6003, [6103]]]],
        [{ authorization: "Basic dXNlcjpwYXNz" }, 400, [[6003, [6111]]]],
        [{ "x-auth-email": EMAIL, "x-auth-key": `${KEY}0` }, 403, [[10000, []]]],
        [{ "x-auth-email": "other@example.com", "x-auth-key": KEY }, 403, [[10000, []]]],
      ];
      for (const [headers, status, expected] of cases) {
        const reply = await get(base, headers);
        assert.equal(reply.status, status, JSON.stringify(headers));
        assert.equal(reply.body.success, false);
        assert.deepEqual(codes(reply.body), expected, JSON.stringify(headers));
      }
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
    assert.ok(!cli.out.stderr.includes(KEY) && !/warning/.test(cli.out.stderr), cli.out.stderr);
  });

  it("EMULATOR_AUTH_EMAIL/EMULATOR_AUTH_KEY work as the flags; without a token it warns on one stderr line", async () => {
    const cli = runCli(["--port", "0"], { EMULATOR_AUTH_EMAIL: EMAIL, EMULATOR_AUTH_KEY: KEY });
    try {
      const base = await cli.url();
      assert.equal((await get(base, { "x-auth-email": EMAIL, "x-auth-key": KEY })).status, 200);
      assert.equal((await get(base, { "x-auth-email": EMAIL, "x-auth-key": "wrong0" })).status, 403);
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
    const warnings = cli.out.stderr.split("\n").filter((line) => /warning/i.test(line));
    assert.deepEqual(warnings, ["warning: no --token (or EMULATOR_API_TOKEN): any well-formed Bearer token is accepted"]);
  });

  it("refuses half a pair and malformed legacy credentials with a usage error (exit 2)", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--auth-email", EMAIL], /--auth-email and --auth-key .* go together/],
      [["--auth-key", KEY], /--auth-email and --auth-key .* go together/],
      [["--auth-email", "nope", "--auth-key", KEY], /invalid legacy credentials: .*not an email address/],
      [["--auth-email", EMAIL, "--auth-key", "not-a-key!"], /invalid legacy credentials: .*letters and digits/],
    ];
    const runs = cases.map(([args]) => runCli(["--port", "0", ...args]));
    for (const [i, run] of runs.entries()) {
      const [args, message] = cases[i] ?? [[], /never/];
      assert.equal(await run.exited, 2, args.join(" "));
      assert.match(run.out.stderr, message);
      assert.ok(!run.out.stderr.includes("not-a-key!"), "the key is never echoed");
      assert.equal(run.out.stdout, "");
    }
  });
});
