// Runs the emulator's command line (emulator/main.ts) as a child process, for the CLI specs.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";

/** Runs emulator/main.ts with `args`; collects its output and exit code. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/main.ts", ...args], {
    cwd: join(__dirname, "..", ".."),
    // Empty EMULATOR_* credentials are ignored, so inherited ones cannot change which credentials pass.
    env: { ...process.env, EMULATOR_API_TOKEN: "", EMULATOR_AUTH_EMAIL: "", EMULATOR_AUTH_KEY: "", EMULATOR_SCOPED_TOKENS: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  /** The URL from the one stdout line, once the emulator is listening. */
  async function url(): Promise<string> {
    const deadline = Date.now() + 15_000;
    while (!out.stdout.includes("\n") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const match = /^Cloudflare API emulator listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)\n$/.exec(out.stdout);
    assert.ok(match?.[1], `stdout was ${JSON.stringify(out.stdout)}; stderr ${out.stderr}`);
    return match[1];
  }
  return { child, out, exited, url };
}
