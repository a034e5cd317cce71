/**
 * The engine benchmark's results as data: measured scenarios (the median of their repetitions),
 * per-IP rows extrapolated where they were not run, and the goal ratios computed from them.
 * Rendering is report.ts's concern.
 */
import type { PairedPreviews } from "./engine-paired";
import type { Scenario, ScenarioResult, Step, StepResult } from "./engine-scenario";
import { STEPS } from "./engine-scenario";

export interface Row {
  scenario: Scenario;
  /** Absent for an extrapolated row. */
  measured?: ScenarioResult;
  /** Wall times per step, measured or extrapolated. */
  ms: Record<Step, number>;
  /** An extrapolated row's other estimate (a straight line), beside `ms` (the measured growth rate continued). */
  msLinear?: Record<Step, number>;
  /** How an extrapolated row was computed. */
  extrapolatedFrom?: string;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** The median run per step (by wall time); requests and memory come from that same run. */
export function measuredRow(scenario: Scenario, runs: readonly ScenarioResult[]): Row {
  const pick = (step: Step): StepResult => {
    const target = median(runs.map((r) => r[step].ms));
    return runs.map((r) => r[step]).reduce((best, r) => (Math.abs(r.ms - target) < Math.abs(best.ms - target) ? r : best));
  };
  const measured = Object.fromEntries(STEPS.map((s) => [s, pick(s)])) as ScenarioResult;
  return { scenario, measured, ms: Object.fromEntries(STEPS.map((s) => [s, measured[s].ms])) as Record<Step, number> };
}

/**
 * Per-step wall time at `n` mappings from the two largest measured sizes, two ways: the growth rate
 * between them continued (a power law through both points, `ms`), and a straight line through them
 * (`msLinear`, a fixed cost plus a cost per resource). Neither is known to be right, so the report
 * shows the range between them: the per-IP baseline's create and destroy grow faster than linearly
 * (the engine writes the whole checkpoint after every resource operation), where the power law is
 * the higher estimate; its previews grow slower than linearly, where the straight line is.
 */
export function extrapolatedRow(scenario: Scenario, measured: readonly Row[]): Row | undefined {
  const points = measured
    .filter((r) => r.scenario.kind === scenario.kind && r.scenario.zones === scenario.zones && r.measured)
    .sort((a, b) => a.scenario.mappings - b.scenario.mappings)
    .slice(-2);
  const [a, b] = points;
  if (!a || !b || a.scenario.mappings === b.scenario.mappings) return undefined;
  const n1 = a.scenario.mappings;
  const n2 = b.scenario.mappings;
  const n = scenario.mappings;
  const perStep = (f: (s: Step) => number) => Object.fromEntries(STEPS.map((s) => [s, Math.max(0, f(s))])) as Record<Step, number>;
  const msLinear = perStep((s) => b.ms[s] + ((b.ms[s] - a.ms[s]) / (n2 - n1)) * (n - n2));
  const ms = perStep((s) => {
    const exponent = Math.log(b.ms[s] / a.ms[s]) / Math.log(n2 / n1);
    return b.ms[s] * (n / n2) ** exponent;
  });
  const from = `the measured ${n1.toLocaleString("en-US")} and ${n2.toLocaleString("en-US")}`;
  return {
    scenario,
    ms,
    msLinear,
    extrapolatedFrom: `the range between two models fitted to ${from}: their growth rate continued (a power law through both) and a straight line through both`,
  };
}

/** The highest host peak RSS over a scenario's steps, in MiB. */
export function peakOverSteps(row: Row | undefined): number | undefined {
  if (!row?.measured) return undefined;
  const peaks = STEPS.map((s) => row.measured?.[s].host.peakMiB).filter((p): p is number => p !== undefined);
  return peaks.length > 0 ? Math.max(...peaks) : undefined;
}

export interface Goal {
  goal: string;
  measured: string;
  target: string;
  /** undefined: not measured in this run, or reported without a target. */
  met: boolean | undefined;
}

export function find(rows: readonly Row[], kind: Scenario["kind"], mappings: number, zones = 1): Row | undefined {
  return rows.find((r) => r.scenario.kind === kind && r.scenario.mappings === mappings && r.scenario.zones === zones);
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A ratio with as many decimals as it takes not to round onto its threshold (1.503 is not "1.50"). */
function ratioText(ratio: number, threshold: number, decimals = 2): string {
  for (let d = decimals; d < 6; d++) {
    if (Number(ratio.toFixed(d)) !== threshold) return `${ratio.toFixed(d)}×`;
  }
  return `${ratio}×`;
}

/** The goals, from the rows of one run (and its alternated previews, when it has them). */
export function goals(rows: readonly Row[], latencyMs: number, paired?: PairedPreviews): Goal[] {
  const out: Goal[] = [];
  const one = find(rows, "batch", 1);
  const full = find(rows, "batch", 3500);
  const many = rows.find((r) => r.scenario.kind === "batch" && r.scenario.mappings === 3500 && r.scenario.zones > 1);
  const notMeasured = (goal: string, target: string): Goal => ({ goal, measured: "not measured in this run", target, met: undefined });

  const floorMs = 35 * latencyMs;
  const span = full?.measured?.create.requests.writeSpanMs;
  const createGoal = `create of 3,500: time its 35 batch upserts took at the API (first in to last answer out) vs the sequential floor 35 × ${latencyMs} ms`;
  if (span !== undefined && floorMs > 0) {
    const ratio = span / floorMs;
    out.push({
      goal: createGoal,
      measured: `${s(span)} / ${s(floorMs)} = ${ratioText(ratio, 0.5)} (whole \`pulumi up\`: ${s(full?.ms.create ?? 0)})`,
      target: "≤ 0.5×",
      met: ratio <= 0.5,
    });
  } else out.push(notMeasured(createGoal, "≤ 0.5×"));

  const previewGoal = "no-op preview of 3,500 mappings vs a 1-mapping stack";
  if (paired && paired.small.mappings === 1 && paired.large.mappings === 3500) {
    const [small, large] = [median(paired.smallMs), median(paired.largeMs)];
    const ratio = large / small;
    out.push({
      goal: previewGoal,
      measured: `${s(large)} / ${s(small)} = ${ratioText(ratio, 1.5)} (medians of ${paired.smallMs.length} alternated previews of each stack)`,
      target: "≤ 1.5×",
      met: ratio <= 1.5,
    });
  } else if (full?.measured && one?.measured) {
    const ratio = full.ms.preview / one.ms.preview;
    out.push({
      goal: previewGoal,
      measured: `${s(full.ms.preview)} / ${s(one.ms.preview)} = ${ratioText(ratio, 1.5)}`,
      target: "≤ 1.5×",
      met: ratio <= 1.5,
    });
  } else out.push(notMeasured(previewGoal, "≤ 1.5×"));

  for (const step of ["create", "destroy"] as const) {
    const goal = `per-IP baseline ${step} of 1,000 vs this resource`;
    const base = find(rows, "per-ip", 1000);
    const ours = find(rows, "batch", 1000);
    if (base && ours?.measured) {
      const ratio = base.ms[step] / ours.ms[step];
      const how = base.measured ? "" : " (baseline extrapolated)";
      out.push({
        goal,
        measured: `${s(base.ms[step])} / ${s(ours.ms[step])} = ${ratioText(ratio, 10, 1)}${how}`,
        target: "≥ 10×",
        met: ratio >= 10,
      });
    } else out.push(notMeasured(goal, "≥ 10×"));
  }

  const base = peakOverSteps(one);
  const fullPeak = peakOverSteps(full);
  const rssGoal = "provider host peak RSS growth, one resource of 3,500 over the 1-mapping stack (highest step of each)";
  if (base !== undefined && fullPeak !== undefined) {
    const growth = fullPeak - base;
    out.push({
      goal: rssGoal,
      measured: `${fullPeak.toFixed(0)} − ${base.toFixed(0)} = ${growth.toFixed(0)} MiB`,
      target: "≤ 60 MiB",
      met: growth <= 60,
    });
  } else out.push(notMeasured(rssGoal, "≤ 60 MiB"));

  const manyPeak = peakOverSteps(many);
  const manyGoal = `provider host peak RSS growth, ${many?.scenario.zones ?? 10} resources of 3,500 (${many?.scenario.zones ?? 10} zones) in one stack over the 1-mapping stack`;
  if (base !== undefined && manyPeak !== undefined) {
    out.push({
      goal: manyGoal,
      measured: `${manyPeak.toFixed(0)} − ${base.toFixed(0)} = ${(manyPeak - base).toFixed(0)} MiB`,
      target: "reported",
      met: undefined,
    });
  } else out.push(notMeasured(manyGoal, "reported"));
  return out;
}
