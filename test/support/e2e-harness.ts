// Harness for the end-to-end suite: drives the bare Pulumi CLI (built by scripts/toolchain.sh) on the
// fixture project in test/e2e/fixture, with an isolated PULUMI_HOME and file:// backend per suite,
// and keeps every output so the suite can check that the API token never shows up anywhere.

import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { withoutSettings } from "./isolated-env";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURE_DIR = path.join(REPO_ROOT, "test", "e2e", "fixture");
export const FIXTURE_PROJECT = "e2e-fixture";

/**
 * Runs scripts/toolchain.sh (progress goes to this process's stderr, indented) and returns the PATH
 * prefix it prints on its last line. The first run builds the Pulumi CLI and can take many minutes.
 */
export async function resolveToolchain(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(REPO_ROOT, "scripts", "toolchain.sh")], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      process.stderr.write(chunk.replace(/^(?=.)/gm, "      "));
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = stdout.trim().split("\n");
      const prefix = lines[lines.length - 1]?.trim() ?? "";
      if (code !== 0 || prefix === "") {
        reject(new Error(`scripts/toolchain.sh failed (exit ${code}); see its output above`));
      } else {
        resolve(prefix);
      }
    });
  });
}

export interface CliResult {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together. */
  output: string;
  ms: number;
}

export class CliError extends Error {
  constructor(readonly result: CliResult) {
    super(`pulumi ${result.args.join(" ")} exited with ${result.code}\n${excerpt(result.output)}`);
  }
}

/** The last lines of a long output, for failure messages. */
export function excerpt(text: string, lines = 60): string {
  const all = text.trimEnd().split("\n");
  return (all.length > lines ? ["...", ...all.slice(-lines)] : all).join("\n");
}

export interface RunOptions {
  /** Text written to the command's stdin. */
  input?: string;
  /** Resolve with the result instead of throwing when the exit code is not 0. */
  allowFailure?: boolean;
}

/** One isolated Pulumi installation: its own PULUMI_HOME and file:// backend, in temp folders. */
export class PulumiCli {
  readonly transcript: CliResult[] = [];
  readonly errors: string[] = [];
  readonly root: string;
  readonly backendDir: string;
  readonly homeDir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(pathPrefix: string, readonly projectDir: string = FIXTURE_DIR) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), "pcocr-e2e-"));
    this.backendDir = path.join(this.root, "backend");
    this.homeDir = path.join(this.root, "home");
    fs.mkdirSync(this.backendDir);
    fs.mkdirSync(this.homeDir);
    // Nothing from the caller's environment may point the program at a real account or backend.
    const env = withoutSettings(process.env);
    Object.assign(env, {
      PATH: `${pathPrefix}${path.delimiter}${process.env["PATH"] ?? ""}`,
      PULUMI_HOME: this.homeDir,
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      NO_COLOR: "1",
    });
    this.env = env;
  }

  /** Runs `pulumi <args> --non-interactive --color never` in the project folder. */
  async run(args: string[], options: RunOptions = {}): Promise<CliResult> {
    const fullArgs = [...args, "--non-interactive", "--color", "never"];
    const started = Date.now();
    const result = await new Promise<CliResult>((resolve, reject) => {
      const child = spawn("pulumi", fullArgs, { cwd: this.projectDir, env: this.env, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => ((stdout += c), (output += c)));
      child.stderr.setEncoding("utf8").on("data", (c: string) => ((stderr += c), (output += c)));
      child.on("error", reject);
      child.on("close", (code) => resolve({ args, code: code ?? -1, stdout, stderr, output, ms: Date.now() - started }));
      child.stdin.end(options.input ?? "");
    });
    this.transcript.push(result);
    if (process.env["E2E_VERBOSE"]) process.stderr.write(`\n$ pulumi ${args.join(" ")}\n${result.output}\n`);
    if (result.code !== 0 && !options.allowFailure) {
      const error = new CliError(result);
      this.errors.push(error.message);
      throw error;
    }
    return result;
  }

  /**
   * Starts `pulumi <args>` in its own process group (detached) and returns at once, so a test can
   * kill the CLI alone (`child.pid`) or its whole tree (the group, `-child.pid`). `done` settles
   * when the CLI exits, with whatever it printed.
   */
  start(args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
    const fullArgs = [...args, "--non-interactive", "--color", "never"];
    const started = Date.now();
    const child = spawn("pulumi", fullArgs, { cwd: this.projectDir, env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout?.setEncoding("utf8").on("data", (c: string) => ((stdout += c), (output += c)));
    child.stderr?.setEncoding("utf8").on("data", (c: string) => ((stderr += c), (output += c)));
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on("error", reject);
      // "exit", not "close": a killed CLI's orphaned plugins may keep its pipes open.
      child.on("exit", (code, signal) => {
        const result = { args, code: code ?? (signal ? -1 : 0), stdout, stderr, output, ms: Date.now() - started };
        this.transcript.push(result);
        resolve(result);
      });
    });
    return { child, done };
  }

  /** Every file under the backend folder (state, backups, history), as text. */
  backendFiles(): Array<{ file: string; text: string }> {
    const files: Array<{ file: string; text: string }> = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push({ file: full, text: fs.readFileSync(full, "utf8") });
      }
    };
    walk(this.backendDir);
    return files;
  }

  /** Total time spent in CLI commands, per command word (up, preview, ...). */
  timingSummary(): string {
    const byCommand = new Map<string, { count: number; ms: number }>();
    for (const r of this.transcript) {
      const key = r.args[0] === "config" || r.args[0] === "stack" ? `${r.args[0]} ${r.args[1] ?? ""}` : (r.args[0] ?? "?");
      const entry = byCommand.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += r.ms;
      byCommand.set(key, entry);
    }
    const total = this.transcript.reduce((n, r) => n + r.ms, 0);
    const rows = [...byCommand.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([cmd, { count, ms }]) => `    ${cmd.padEnd(16)} ${String(count).padStart(3)} x  ${(ms / 1000).toFixed(1).padStart(6)} s`);
    return [`  pulumi CLI: ${this.transcript.length} commands, ${(total / 1000).toFixed(1)} s`, ...rows].join("\n");
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export interface MappingSpec {
  ip: string;
  vendor: "aws" | "azure" | "gcp" | "oci";
  region: string;
}

export interface StackScenario {
  zoneId: string;
  mappings: MappingSpec[];
  /** Route the IPs through another resource, so they are unknown until it is created. */
  unknownIps?: boolean;
  adopt?: boolean;
  exclusive?: boolean;
  /** A second resource, "origins-twin", for the same zone with `exclusive: true` (an error). */
  twinExclusive?: boolean;
}

/** A stack of the fixture project. Every command names the stack explicitly. */
export class TestStack {
  constructor(
    readonly cli: PulumiCli,
    readonly name: string,
  ) {}

  /** The stack's config file in the fixture folder (removed by the suite at the end). */
  get configFile(): string {
    return path.join(this.cli.projectDir, `Pulumi.${this.name}.yaml`);
  }

  async init(scenario: StackScenario, emulatorUrl: string, token: string): Promise<void> {
    await this.cli.run(["stack", "init", this.name]);
    // From stdin, so the token is on no command line.
    await this.cli.run(["config", "set", "--stack", this.name, "--secret", "cloudflare:apiToken"], { input: token });
    await this.configure(scenario, ["--plaintext", `cloudflare:baseUrl=${emulatorUrl}`]);
  }

  /** Where a large mapping list is handed to the program (a command line cannot carry thousands). */
  get mappingsFile(): string {
    return path.join(this.cli.root, `${this.name}.mappings.json`);
  }

  /** Writes the scenario into the stack config (project namespace); large lists go through a file. */
  async configure(scenario: StackScenario, extra: string[] = []): Promise<void> {
    const large = scenario.mappings.length > 200;
    if (large) fs.writeFileSync(this.mappingsFile, JSON.stringify(scenario.mappings));
    await this.cli.run([
      "config",
      "set-all",
      "--stack",
      this.name,
      ...extra,
      "--plaintext",
      `zoneId=${scenario.zoneId}`,
      "--plaintext",
      `mappings=${large ? "[]" : JSON.stringify(scenario.mappings)}`,
      "--plaintext",
      `mappingsFile=${large ? this.mappingsFile : ""}`,
      "--plaintext",
      `unknownIps=${scenario.unknownIps === true}`,
      "--plaintext",
      `adopt=${scenario.adopt === true}`,
      "--plaintext",
      `exclusive=${scenario.exclusive === true}`,
      "--plaintext",
      `twinExclusive=${scenario.twinExclusive === true}`,
    ]);
  }

  preview(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["preview", "--stack", this.name, ...extra], options);
  }

  /** `pulumi <command> --stack <name> --yes --skip-preview <extra>` started in its own process group. */
  start(command: "up" | "destroy", extra: string[] = []): ReturnType<PulumiCli["start"]> {
    return this.cli.start([command, "--stack", this.name, "--yes", "--skip-preview", ...extra]);
  }

  up(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["up", "--stack", this.name, "--yes", "--skip-preview", ...extra], options);
  }

  refresh(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["refresh", "--stack", this.name, "--yes", "--skip-preview", ...extra], options);
  }

  destroy(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["destroy", "--stack", this.name, "--yes", "--skip-preview", ...extra], options);
  }

  /** `pulumi stack export` (secrets stay encrypted) as parsed JSON. */
  async export(): Promise<StackExport> {
    const result = await this.cli.run(["stack", "export", "--stack", this.name]);
    return JSON.parse(result.stdout) as StackExport;
  }

  async remove(): Promise<void> {
    await this.cli.run(["stack", "rm", "--stack", this.name, "--yes", "--force"], { allowFailure: true });
    fs.rmSync(this.configFile, { force: true });
  }
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
}

export interface StackExport {
  deployment: { resources?: ExportedResource[] };
}

export const MAPPINGS_TYPE = "pulumi-nodejs:dynamic/cloudflare:OriginCloudRegionMappings";

/** The OriginCloudRegionMappings resource of an exported stack, if any. */
export function mappingsResource(state: StackExport): ExportedResource | undefined {
  return state.deployment.resources?.find((r) => r.type === MAPPINGS_TYPE);
}

// ---- Scenario data -------------------------------------------------------------------------------

/** Regions the emulator supports (its synthetic list), a few per vendor. */
export const REGIONS: Record<MappingSpec["vendor"], string[]> = {
  aws: ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"],
  gcp: ["us-central1", "europe-west1", "asia-southeast1"],
  azure: ["eastus", "westeurope", "japaneast"],
  oci: ["us-ashburn-1", "eu-frankfurt-1", "ap-tokyo-1"],
};
const VENDOR_ORDER: Array<MappingSpec["vendor"]> = ["aws", "gcp", "azure", "oci"];

/**
 * `count` distinct mappings (every fifth one IPv6), spread over the four vendors: IPv4 from the
 * benchmarking range 198.18.0.0/15 (131,072 addresses, so large scenarios never repeat one), IPv6
 * from the documentation range. `offset` shifts the address plan so that scenarios can tell their
 * IPs apart.
 */
export function makeMappings(count: number, offset = 0): MappingSpec[] {
  const result: MappingSpec[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const ip = i % 5 === 4 ? `2001:db8:${(0x100 + (n >> 16)).toString(16)}::${((n & 0xffff) || 1).toString(16)}` : `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
    const vendor = VENDOR_ORDER[i % VENDOR_ORDER.length] ?? "aws";
    const regions = REGIONS[vendor];
    result.push({ ip, vendor, region: regions[Math.floor(i / VENDOR_ORDER.length) % regions.length] ?? "" });
  }
  return result;
}

/** Every IPv4 or IPv6 address of the documentation and benchmarking ranges that occurs in a text. */
export function ipsIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:192\.0\.2|198\.51\.100|203\.0\.113|198\.1[89]\.\d{1,3})\.\d{1,3}\b/g)) found.add(m[0]);
  for (const m of text.matchAll(/\b2001:db8:[0-9a-f:]*[0-9a-f]\b/gi)) found.add(m[0].toLowerCase());
  return found;
}

/** A distinct, well-formed zone id per scenario. */
export function zoneIdFor(label: string, salt: string): string {
  let h = 0x811c9dc5;
  const out: string[] = [];
  const text = `${salt}:${label}`;
  for (let round = 0; out.join("").length < 32; round++) {
    for (const ch of `${text}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out.push(h.toString(16).padStart(8, "0"));
  }
  return out.join("").slice(0, 32);
}
