/**
 * A stack of the engine benchmark's fixture project (bench/fixture), and the CLI commands the
 * benchmark times on it. `up` and `destroy` run with `--skip-preview`, as CI runs them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CliResult, PulumiCli } from "../test/support/e2e-harness";

export type Kind = "batch" | "per-ip";

export interface Scenario {
  kind: Kind;
  /** Mappings per zone. */
  mappings: number;
  /** Zones; the batch kind has one resource per zone. */
  zones: number;
}

export class BenchStack {
  constructor(
    private readonly cli: PulumiCli,
    readonly name: string,
  ) {}

  /** Creates the stack and its config; `zonePrefix` (28 hex characters) keeps its zones apart from other stacks'. */
  async init(scenario: Scenario, emulatorUrl: string, token: string, zonePrefix: string): Promise<void> {
    await this.cli.run(["stack", "init", this.name]);
    // From stdin, so the token is on no command line.
    await this.cli.run(["config", "set", "--stack", this.name, "--secret", "cloudflare:apiToken"], { input: token });
    await this.cli.run([
      "config",
      "set-all",
      "--stack",
      this.name,
      "--plaintext",
      `cloudflare:baseUrl=${emulatorUrl}`,
      "--plaintext",
      `kind=${scenario.kind}`,
      "--plaintext",
      `mappings=${scenario.mappings}`,
      "--plaintext",
      `zones=${scenario.zones}`,
      "--plaintext",
      `zonePrefix=${zonePrefix}`,
      "--plaintext",
      "changed=false",
    ]);
  }

  up(extra: string[] = []): Promise<CliResult> {
    return this.cli.run(["up", "--stack", this.name, "--yes", "--skip-preview", ...extra]);
  }

  preview(extra: string[] = []): Promise<CliResult> {
    return this.cli.run(["preview", "--stack", this.name, ...extra]);
  }

  /** The one-IP change: the first mapping of the first zone moves to another region. */
  setChanged(changed: boolean): Promise<CliResult> {
    return this.cli.run(["config", "set", "--stack", this.name, "--plaintext", "changed", String(changed)]);
  }

  destroy(): Promise<CliResult> {
    return this.cli.run(["destroy", "--stack", this.name, "--yes", "--skip-preview"]);
  }

  /** Removes the stack, whatever state it is in, and its config file. */
  async remove(): Promise<void> {
    await this.cli.run(["stack", "rm", "--stack", this.name, "--yes", "--force"], { allowFailure: true });
    fs.rmSync(path.join(this.cli.projectDir, `Pulumi.${this.name}.yaml`), { force: true });
  }
}
