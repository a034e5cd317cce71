// The frame of an end-to-end suite that runs the fixture's stacks against emulator accounts: a
// random token and zone salt, the CLI and the emulator started before the suite and stopped after it
// (with any further accounts the suite opened), the stacks' config files removed, and the suite's
// report printed at the end. On request, also the CLI's timing at the end, and the check that the
// token leaked nowhere (into state, CLI output, errors or config files) over the suite's commands.

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import type { Emulator, EmulatorOptions, RecordedRequest } from "../../emulator";
import type { StackScenario } from "./e2e-harness";
import { FIXTURE_DIR, PulumiCli, TestStack, resolveToolchain, zoneIdFor } from "./e2e-harness";

/** Mappings as "ip vendor/region" strings, sorted: how suites compare a zone with a declared list. */
export function asHeld(list: ReadonlyArray<{ ip: string; vendor: string; region: string }>): string[] {
  return list.map((m) => `${m.ip} ${m.vendor}/${m.region}`).sort();
}

/** Helpers bound to one emulator account of a suite. */
export interface OnAccount {
  /** A stack of the fixture project, configured for `scenario` on this account. */
  createStack(name: string, scenario: StackScenario): Promise<TestStack>;
  /** The zone's mappings in the emulator, as {@link asHeld} writes them. */
  held(zoneId: string): string[];
  /** The write requests the emulator recorded for the zone. */
  writesTo(zoneId: string): RecordedRequest[];
}

export interface E2eSuite {
  readonly token: string;
  /** Mixed into zone ids (zoneIdFor), so that suites and runs never share a zone. */
  readonly salt: string;
  readonly cli: PulumiCli;
  /** The account started before the suite (unless `defaultAccount: false`). */
  readonly emulator: Emulator;
  /** Lines printed under the report's title once the suite ends. */
  readonly report: string[];
  /** A stack of the fixture project, configured for `scenario` on this suite's emulator. */
  newStack(name: string, scenario: StackScenario): Promise<TestStack>;
  /** The zone's mappings in the emulator, as {@link asHeld} writes them. */
  held(zoneId: string): string[];
  /** `zoneIdFor(label, salt)`. */
  zone(label: string): string;
  /** A further emulator account with the token, serving the given families; closed after the suite. */
  account(families?: EmulatorOptions["families"]): Promise<Emulator>;
  on(emulator: Emulator): OnAccount;
  /**
   * The token appears in no state file, CLI output, error or stack config file of this suite, and
   * every account saw it on every request; the suite ran more than `minCommands` CLI commands.
   */
  assertTokenNowhere(minCommands?: number): void;
}

export interface E2eSuiteOptions {
  /** Title of the report printed once the suite ends; without it, nothing is printed. */
  reportTitle?: string;
  /** Start the suite's `emulator` before it (default true); without it, tests open accounts with `account()`. */
  defaultAccount?: boolean;
  /**
   * Print the CLI's timing summary and the suite time at the end (the toolchain and CLI version
   * once per process, at the start), and keep the CLI's folders when E2E_KEEP is set.
   */
  timing?: boolean;
  /**
   * Check {@link E2eSuite.assertTokenNowhere} with this `minCommands` at the end (before the
   * cleanup), when every test of the suite ran.
   */
  tokenCheck?: number;
}

/** scripts/toolchain.sh runs once per process; the suites of every file share its PATH prefix. */
let toolchain: Promise<string> | undefined;
/** Whether a suite's first timing output (toolchain, CLI version) has been printed in this process. */
let versionPrinted = false;

/**
 * Registers the suite's hooks; call it inside `describe`. `tokenPrefix` names the suite in the token;
 * `options` may be the report title alone.
 */
export function e2eSuite(tokenPrefix: string, options: string | E2eSuiteOptions = {}): E2eSuite {
  const {
    reportTitle,
    defaultAccount = true,
    timing = false,
    tokenCheck,
  } = typeof options === "string" ? { reportTitle: options } : options;
  const token = `${tokenPrefix}-${randomBytes(18).toString("hex")}`;
  const stacks: TestStack[] = [];
  const emulators: Emulator[] = [];
  let suiteStarted = 0;
  let cli: PulumiCli | undefined;
  let emulator: Emulator | undefined;

  before(async function () {
    // The first run of scripts/toolchain.sh on a machine builds the Pulumi CLI (many minutes).
    this.timeout(90 * 60_000);
    suiteStarted = Date.now();
    toolchain = toolchain ?? resolveToolchain();
    cli = new PulumiCli(await toolchain);
    if (timing && !versionPrinted) {
      versionPrinted = true;
      console.log(`      toolchain ready in ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
      const version = await cli.run(["version"]);
      console.log(`      pulumi ${version.stdout.trim()}, backend ${cli.backendDir}`);
    }
    if (defaultAccount) emulator = await suite.account();
  });

  after(async function () {
    this.timeout(120_000);
    try {
      if (tokenCheck !== undefined && cli && everyTestRan(this.test?.parent)) suite.assertTokenNowhere(tokenCheck);
    } finally {
      for (const s of stacks) fs.rmSync(s.configFile, { force: true });
      for (const e of emulators) await e.close();
      if (reportTitle !== undefined) console.log([`      ${reportTitle}`, ...suite.report.map((l) => `        ${l}`)].join("\n"));
      if (cli && timing) {
        console.log(cli.timingSummary());
        console.log(`  suite time: ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
      }
      if (cli && timing && process.env["E2E_KEEP"]) console.log(`  kept ${cli.root}`);
      else cli?.dispose();
    }
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the suite's CLI and emulator start in its before hook");
    return value;
  };
  const suite: E2eSuite = {
    token,
    salt: randomBytes(4).toString("hex"),
    report: [],
    get cli() {
      return started(cli);
    },
    get emulator() {
      return started(emulator);
    },
    newStack: (name, scenario) => suite.on(suite.emulator).createStack(name, scenario),
    held: (zoneId) => asHeld(suite.emulator.mappings(zoneId)),
    zone: (label) => zoneIdFor(label, suite.salt),
    async account(families) {
      const opened = await startEmulator({ port: 0, apiToken: token, ...(families ? { families } : {}) });
      emulators.push(opened);
      return opened;
    },
    on: (account) => ({
      async createStack(name, scenario) {
        const stack = new TestStack(suite.cli, name);
        stacks.push(stack);
        await stack.init(scenario, account.url, token);
        return stack;
      },
      held: (zoneId) => asHeld(account.mappings(zoneId)),
      writesTo: (zoneId) => account.writeRequests().filter((r) => r.path.includes(`/zones/${zoneId}/`)),
    }),
    assertTokenNowhere(minCommands = 20) {
      const run = suite.cli;
      assert.ok(run.transcript.length > minCommands, "the suite ran the CLI");
      for (const e of emulators) {
        assert.ok(e.requests.length > 0 && e.requests.every((r) => r.authorized), "the emulator saw the token on every request");
      }
      const files = run.backendFiles();
      assert.ok(
        files.some((f) => f.file.endsWith(".json")),
        "state files exist",
      );
      for (const f of files) assert.ok(!f.text.includes(token), `token found in ${f.file}`);
      for (const r of run.transcript) assert.ok(!r.output.includes(token), `token found in the output of pulumi ${r.args.join(" ")}`);
      for (const e of run.errors) assert.ok(!e.includes(token), "token found in an error");
      for (const s of stacks) {
        if (fs.existsSync(s.configFile)) assert.ok(!fs.readFileSync(s.configFile, "utf8").includes(token), `token in ${s.configFile}`);
      }
      assert.ok(fs.existsSync(FIXTURE_DIR));
    },
  };
  return suite;
}

/** Whether every test under `suite` ran (passed or failed): none left out by --grep, skipped or pending. */
function everyTestRan(suite: Mocha.Suite | undefined): boolean {
  if (suite === undefined) return false;
  return suite.tests.every((t) => t.state === "passed" || t.state === "failed") && suite.suites.every(everyTestRan);
}
