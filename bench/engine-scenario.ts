/**
 * One scenario of the engine benchmark: a fresh stack of the bench fixture taken through create,
 * no-op preview, no-op up, a one-IP change and destroy with the real CLI, recording per step the
 * command's wall time, the requests the emulator answered, and the peak RSS of the
 * dynamic-provider host. An interactive `pulumi up` first runs a preview, which costs about what
 * the no-op preview row shows.
 */
import type { Emulator } from "../emulator";
import type { PulumiCli } from "../test/support/e2e-harness";
import type { ApiLog, StepRequests } from "./api-log";
import type { Scenario } from "./bench-stack";
import { BenchStack } from "./bench-stack";
import type { HostMemory } from "./host-memory";
import { HostMemorySampler } from "./host-memory";

export type { Kind, Scenario } from "./bench-stack";

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
  const { cli, emulator, log } = ctx;
  const sampler = new HostMemorySampler(cli.homeDir, ctx.peakFile);
  const stack = new BenchStack(cli, ctx.stackName);
  try {
    await stack.init(scenario, emulator.url, ctx.token, ctx.zonePrefix);
    // `prepare` runs before the clock and the counters start.
    const steps: Record<Step, { prepare?: () => Promise<unknown>; run: () => Promise<unknown> }> = {
      create: { run: () => stack.up() },
      preview: { run: () => stack.preview(["--expect-no-changes"]) },
      up: { run: () => stack.up(["--expect-no-changes"]) },
      change: { prepare: () => stack.setChanged(true), run: () => stack.up() },
      destroy: { run: () => stack.destroy() },
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
    await stack.remove();
  }
}
