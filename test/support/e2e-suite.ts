// The frame of an end-to-end suite that runs the fixture's stacks against one emulator account: a
// random token and zone salt, the CLI and the emulator started before the suite and stopped after it,
// the stacks' config files removed, and the suite's report printed at the end.

import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import type { StackScenario } from "./e2e-harness";
import { PulumiCli, TestStack, resolveToolchain } from "./e2e-harness";

/** Mappings as "ip vendor/region" strings, sorted: how suites compare a zone with a declared list. */
export function asHeld(list: ReadonlyArray<{ ip: string; vendor: string; region: string }>): string[] {
  return list.map((m) => `${m.ip} ${m.vendor}/${m.region}`).sort();
}

export interface E2eSuite {
  readonly token: string;
  /** Mixed into zone ids (zoneIdFor), so that suites and runs never share a zone. */
  readonly salt: string;
  readonly cli: PulumiCli;
  readonly emulator: Emulator;
  /** Lines printed under the report's title once the suite ends. */
  readonly report: string[];
  /** A stack of the fixture project, configured for `scenario` on this suite's emulator. */
  newStack(name: string, scenario: StackScenario): Promise<TestStack>;
  /** The zone's mappings in the emulator, as {@link asHeld} writes them. */
  held(zoneId: string): string[];
}

/** Registers the suite's hooks; call it inside `describe`. `tokenPrefix` names the suite in the token. */
export function e2eSuite(tokenPrefix: string, reportTitle?: string): E2eSuite {
  const token = `${tokenPrefix}-${randomBytes(18).toString("hex")}`;
  const stacks: TestStack[] = [];
  let cli: PulumiCli | undefined;
  let emulator: Emulator | undefined;

  before(async function () {
    // The first run of scripts/toolchain.sh on a machine builds the Pulumi CLI (many minutes).
    this.timeout(90 * 60_000);
    cli = new PulumiCli(await resolveToolchain());
    emulator = await startEmulator({ port: 0, apiToken: token });
  });

  after(async function () {
    this.timeout(120_000);
    for (const s of stacks) fs.rmSync(s.configFile, { force: true });
    await emulator?.close();
    if (reportTitle !== undefined) console.log([`      ${reportTitle}`, ...suite.report.map((l) => `        ${l}`)].join("\n"));
    cli?.dispose();
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
    async newStack(name, scenario) {
      const stack = new TestStack(suite.cli, name);
      stacks.push(stack);
      await stack.init(scenario, suite.emulator.url, token);
      return stack;
    },
    held: (zoneId) => asHeld(suite.emulator.mappings(zoneId)),
  };
  return suite;
}
