// The emulator's command line (emulator/main.ts), run as a child process.
import assert from "node:assert/strict";
import { runCli } from "./cli-support";
import { TOKEN, V1, V2, type Envelope } from "./support";

describe("emulator CLI", () => {
  it("prints one line on stdout, logs requests to stderr without the token, stops on SIGTERM", async () => {
    const secret = "cli-secret-token-123";
    const cli = runCli(["--port", "0"], { EMULATOR_API_TOKEN: secret });
    try {
      const base = await cli.url();
      const good = await fetch(`${base}${V1}`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(good.status, 200);
      const bad = await fetch(`${base}${V1}`, { headers: { authorization: "Bearer some-other-token" } });
      assert.equal(bad.status, 403);
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
    const { stdout, stderr } = cli.out;
    assert.equal(stdout.split("\n").filter(Boolean).length, 1, "nothing else on stdout");
    assert.match(stderr, new RegExp(`GET ${V1} -> 200\\n`));
    assert.match(stderr, new RegExp(`GET ${V1} -> 403\\n`));
    assert.ok(!stderr.includes(secret) && !stderr.includes("some-other-token") && !/authorization/i.test(stderr), stderr);
  });

  it("--v1/--v2 switch the families; requests are still answered under --latency-ms", async () => {
    const cli = runCli(["--port", "0", "--v1", "no-route", "--v2=enabled", "--latency-ms", "5"]);
    try {
      const base = await cli.url();
      const headers = { authorization: `Bearer ${TOKEN}` };
      const v1 = await fetch(`${base}${V1}`, { headers });
      assert.equal(v1.status, 400);
      assert.deepEqual(
        ((await v1.json()) as Envelope<unknown>).errors.map((e) => e.code),
        [7003, 7000],
      );
      const v2 = await fetch(`${base}${V2}`, { headers });
      assert.equal(v2.status, 200);
      assert.deepEqual(((await v2.json()) as Envelope<unknown>).result_info?.total_pages, 0);
    } finally {
      cli.child.kill("SIGTERM");
    }
    assert.equal(await cli.exited, 0);
    assert.match(cli.out.stderr, new RegExp(`GET ${V1} -> 400\\n`));
    assert.match(cli.out.stderr, new RegExp(`GET ${V2} -> 200\\n`));

    const v2Off = runCli(["--port", "0", "--v2", "no-route"]);
    try {
      const base = await v2Off.url();
      assert.equal((await fetch(`${base}${V2}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 400);
      assert.equal((await fetch(`${base}${V1}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
    } finally {
      v2Off.child.kill("SIGTERM");
    }
    assert.equal(await v2Off.exited, 0);
  });

  it("refuses bad --v1, --v2 and --latency-ms values with a usage error (exit 2)", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--v1", "off"], /invalid --v1 "off": expected enabled or no-route/],
      [["--v2=maybe"], /invalid --v2 "maybe": expected enabled or no-route/],
      [["--latency-ms", "-5"], /invalid --latency-ms "-5"/],
      [["--latency-ms", "1.5"], /invalid --latency-ms "1.5"/],
      [["--latency-ms"], /missing value for --latency-ms/],
    ];
    const runs = cases.map(([args]) => runCli(["--port", "0", ...args]));
    for (const [i, run] of runs.entries()) {
      const [args, message] = cases[i] ?? [[], /never/];
      assert.equal(await run.exited, 2, args.join(" "));
      assert.match(run.out.stderr, message);
      assert.match(run.out.stderr, /usage: cf-ocr-emulator .*--v1 enabled\|no-route.*--v2 enabled\|no-route.*--latency-ms N/);
      assert.equal(run.out.stdout, "", "no URL printed");
    }
  });
});
