/**
 * One scenario of the engine benchmark: a fresh stack of the bench fixture (test/bench/fixture)
 * taken through create, no-op preview, no-op up, a one-IP change and destroy with the real CLI,
 * recording per step the command's wall time, the requests the emulator answered, and the peak RSS
 * of the dynamic-provider host.
 *
 * `up` and `destroy` run with `--skip-preview`, as CI runs them: an interactive `pulumi up` first
 * runs a preview, which costs about what the no-op preview row shows.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import type { PulumiCli } from "../support/e2e-harness";
import type { ApiLog, StepRequests } from "./api-log";
import type { HostMemory } from "./host-memory";
import { HostMemorySampler } from "./host-memory";

export type Kind = "batch" | "per-ip";

export interface Scenario {
  kind: Kind;
  /** Mappings per zone. */
  mappings: number;
  /** Zones; the batch kind has one resource per zone. */
  zones: number;
}

export const STEPS = ["create", "preview", "up", "change", "destroy"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABELS: Record<Step, string> = {
  create: "create",
  preview: "no-op preview",
  up: "no-op up",
  change: "one-IP change",
  destroy: "destroy",
};

export interface StepResult {
  ms: number;
  requests: StepRequests;
  host: HostMemory;
}

export type ScenarioResult = Record<Step, StepResult>;

export interface ScenarioContext {
  cli: PulumiCli;
  emulator: Emulator;
  log: ApiLog;
  token: string;
  /** 28 hex characters, distinct per scenario run, so that no two stacks share a zone. */
  zonePrefix: string;
  stackName: string;
  /** The file host-peak-probe.js appends to (see host-memory.ts). */
  peakFile: string;
  /** Runs of each no-op step (preview, up), which change nothing and so can be repeated in place. */
  noopRuns: number;
  /** Progress lines (stderr). */
  progress: (line: string) => void;
}

/** Steps that change nothing: repeating them in place costs only their time. */
const NO_OP: ReadonlySet<Step> = new Set<Step>(["preview", "up"]);

/**
 * The median run by wall time, with its requests; the host peak is the highest of all runs, so
 * repeating a step never makes its memory look smaller.
 */
function medianRun(runs: readonly StepResult[]): StepResult {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const middle = sorted[sorted.length >> 1] as StepResult;
  const peaks = runs.map((r) => r.host.peakMiB).filter((p): p is number => p !== undefined);
  return { ...middle, host: { peakMiB: peaks.length > 0 ? Math.max(...peaks) : undefined, hosts: middle.host.hosts } };
}

export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<ScenarioResult> {
  const { cli, emulator, log, stackName: stack } = ctx;
  const sampler = new HostMemorySampler(cli.homeDir, ctx.peakFile);
  const configFile = path.join(cli.projectDir, `Pulumi.${stack}.yaml`);
  await cli.run(["stack", "init", stack]);
  try {
    // From stdin, so the token is on no command line.
    await cli.run(["config", "set", "--stack", stack, "--secret", "cloudflare:apiToken"], { input: ctx.token });
    await cli.run([
      "config", "set-all", "--stack", stack,
      "--plaintext", `cloudflare:baseUrl=${emulator.url}`,
      "--plaintext", `kind=${scenario.kind}`,
      "--plaintext", `mappings=${scenario.mappings}`,
      "--plaintext", `zones=${scenario.zones}`,
      "--plaintext", `zonePrefix=${ctx.zonePrefix}`,
      "--plaintext", "changed=false",
    ]);
    // `prepare` runs before the clock and the counters start.
    const steps: Record<Step, { prepare?: () => Promise<unknown>; run: () => Promise<unknown> }> = {
      create: { run: () => cli.run(["up", "--stack", stack, "--yes", "--skip-preview"]) },
      preview: { run: () => cli.run(["preview", "--stack", stack, "--expect-no-changes"]) },
      up: { run: () => cli.run(["up", "--stack", stack, "--yes", "--skip-preview", "--expect-no-changes"]) },
      change: {
        prepare: () => cli.run(["config", "set", "--stack", stack, "--plaintext", "changed", "true"]),
        run: () => cli.run(["up", "--stack", stack, "--yes", "--skip-preview"]),
      },
      destroy: { run: () => cli.run(["destroy", "--stack", stack, "--yes", "--skip-preview"]) },
    };
    const results: Partial<ScenarioResult> = {};
    for (const step of STEPS) {
      await steps[step].prepare?.();
      const runs: StepResult[] = [];
      for (let r = 0; r < (NO_OP.has(step) ? ctx.noopRuns : 1); r++) {
        log.clear(emulator);
        sampler.start();
        const started = performance.now();
        await steps[step].run();
        const ms = performance.now() - started;
        runs.push({ ms, requests: log.step(emulator), host: sampler.stop() });
      }
      const result = medianRun(runs);
      results[step] = result;
      ctx.progress(
        `${STEP_LABELS[step]}: ${runs.map((r) => (r.ms / 1000).toFixed(1)).join(" / ")} s, ${result.requests.total} requests, ` +
          `host peak ${result.host.peakMiB === undefined ? "?" : `${result.host.peakMiB.toFixed(0)} MiB`}`,
      );
    }
    return results as ScenarioResult;
  } finally {
    sampler.stop();
    await cli.run(["stack", "rm", "--stack", stack, "--yes", "--force"], { allowFailure: true });
    fs.rmSync(configFile, { force: true });
  }
}
