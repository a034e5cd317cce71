// The Pulumi CLI as the end-to-end suites drive it: the bare CLI built by scripts/toolchain.sh, run
// with an isolated PULUMI_HOME and file:// backend per suite, every command's output kept so that a
// suite can check that the API token never shows up anywhere.

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
  /** Variables set (a string) or removed (undefined) for this command only; the program and provider inherit them. */
  env?: Record<string, string | undefined>;
}

/** One isolated Pulumi installation: its own PULUMI_HOME and file:// backend, in temp folders. */
export class PulumiCli {
  readonly transcript: CliResult[] = [];
  readonly errors: string[] = [];
  readonly root: string;
  readonly backendDir: string;
  readonly homeDir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    pathPrefix: string,
    readonly projectDir: string = FIXTURE_DIR,
  ) {
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
      const env = { ...this.env, ...options.env };
      for (const [key, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[key];
      const child = spawn("pulumi", fullArgs, { cwd: this.projectDir, env, stdio: ["pipe", "pipe", "pipe"] });
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
