/**
 * Renders the engine benchmark's results as Markdown: tables, Mermaid xycharts (GitHub renders
 * ```mermaid xychart-beta``` blocks) and the goal ratios, for docs/benchmark.md and the generated
 * `bench:engine` block of docs/performance.md.
 */
import type { PairedPreviews } from "./engine-paired";
import type { Goal, Row } from "./engine-results";
import { find, peakOverSteps } from "./engine-results";
import type { Step } from "./engine-scenario";
import { STEPS, STEP_LABELS } from "./engine-scenario";
import type { Machine } from "./machine";
import { machineLine } from "./machine";

export interface ReportInput {
  rows: Row[];
  goals: Goal[];
  machine: Machine;
  latencyMs: number;
  repeat: number;
  /** The 1-mapping and 3,500-mapping stacks' no-op previews, alternated (the preview goal). */
  pairedPreview?: PairedPreviews;
  /** Runs of each no-op step within a scenario (absent in results saved before it existed: 1). */
  noopRuns?: number;
  /** Total run time of the benchmark. */
  elapsedMs: number;
  date: Date;
  /** ORIGIN_CLOUD_REGIONS_CONCURRENCY as the run saw it, if set. */
  concurrencyEnv: string | undefined;
  /** Whether the provider build reads originCloudRegions:concurrency. */
  hasConcurrencySetting: boolean;
}

export const COMMAND = "npm run bench:engine";

const n = (v: number) => v.toLocaleString("en-US");
const sec = (ms: number) => (ms >= 100_000 ? `${n(Math.round(ms / 1000))} s` : `${(ms / 1000).toFixed(1)} s`);

function rowLabel(row: Row): string {
  const { kind, mappings, zones } = row.scenario;
  const what = kind === "batch" ? "OriginCloudRegionMappings" : "per-IP baseline";
  const size = zones > 1 ? `${zones} × ${n(mappings)} (${zones} zones)` : n(mappings);
  return `${what} | ${size}${row.measured ? "" : " *(extrapolated)*"}`;
}

function table(rows: readonly Row[], cell: (row: Row, step: Step) => string): string[] {
  return [
    `| resource | mappings | ${STEPS.map((s) => STEP_LABELS[s]).join(" | ")} |`,
    `|---|---|${STEPS.map(() => "---:").join("|")}|`,
    ...rows.map((row) => `| ${rowLabel(row)} | ${STEPS.map((s) => cell(row, s)).join(" | ")} |`),
  ];
}

export function wallTimeTable(rows: readonly Row[]): string[] {
  return table(rows, (row, step) => {
    if (row.measured) return sec(row.ms[step]);
    // The two models bracket the estimate: which one is higher depends on whether the step grew
    // faster or slower than linearly between the measured sizes.
    const estimates = [row.ms[step], row.msLinear?.[step] ?? row.ms[step]];
    const [low, high] = [Math.min(...estimates), Math.max(...estimates)];
    return low === high ? `~${sec(low)}` : `~${sec(low)} – ${sec(high)}`;
  });
}

export function requestTable(rows: readonly Row[]): string[] {
  return table(
    rows.filter((r) => r.measured),
    (row, step) => row.measured?.[step].requests.summary ?? "",
  );
}

export function memoryTable(rows: readonly Row[]): string[] {
  return table(
    rows.filter((r) => r.measured),
    (row, step) => {
      const host = row.measured?.[step].host;
      if (host?.peakMiB === undefined) return "—";
      return `${host.peakMiB.toFixed(0)} MiB${host.hosts > 1 ? ` (${host.hosts} hosts)` : ""}`;
    },
  );
}

export function goalTable(goals: readonly Goal[]): string[] {
  const verdict = (g: Goal) => (g.met === undefined ? "—" : g.met ? "met" : "**not met**");
  return [
    "| goal | measured | target | |",
    "|---|---|---|---|",
    ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.target} | ${verdict(g)} |`),
  ];
}

/** Round-up to a readable axis maximum. */
function axisMax(values: readonly number[]): number {
  const max = Math.max(1, ...values);
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / magnitude) * magnitude;
}

/**
 * Wall time per step at one size, both kinds. Mermaid draws several bar series on top of each other
 * without a legend, so the taller one (the baseline) comes first and the title says which is which.
 */
export function timeChart(rows: readonly Row[], mappings: number): string[] {
  const base = find(rows, "per-ip", mappings);
  const ours = find(rows, "batch", mappings);
  if (!base || !ours) return [];
  const values = (row: Row) => STEPS.map((s) => Number((row.ms[s] / 1000).toFixed(1)));
  const estimated = base.measured ? "" : ", baseline extrapolated";
  return [
    "```mermaid",
    "xychart-beta",
    `  title "Wall time at ${n(mappings)} mappings, s (back: one resource per IP, front: OriginCloudRegionMappings${estimated})"`,
    `  x-axis [${STEPS.map((s) => `"${STEP_LABELS[s]}"`).join(", ")}]`,
    `  y-axis "seconds" 0 --> ${axisMax([...values(base), ...values(ours)])}`,
    `  bar [${values(base).join(", ")}]`,
    `  bar [${values(ours).join(", ")}]`,
    "```",
  ];
}

/** The provider host's peak RSS (highest step) per measured scenario. */
export function memoryChart(rows: readonly Row[]): string[] {
  const measured = rows.filter((r) => peakOverSteps(r) !== undefined);
  if (measured.length === 0) return [];
  const label = (r: Row) => {
    const size = r.scenario.zones > 1 ? `${r.scenario.zones}x${n(r.scenario.mappings)}` : n(r.scenario.mappings);
    return `"${r.scenario.kind === "batch" ? "batch" : "per-IP"} ${size}"`;
  };
  const values = measured.map((r) => Math.round(peakOverSteps(r) ?? 0));
  return [
    "```mermaid",
    "xychart-beta",
    `  title "Peak RSS of the dynamic-provider host, MiB (highest step)"`,
    `  x-axis [${measured.map(label).join(", ")}]`,
    `  y-axis "MiB" 0 --> ${axisMax(values)}`,
    `  bar [${values.join(", ")}]`,
    "```",
  ];
}

function setupNotes(input: ReportInput): string[] {
  const extrapolated = input.rows.filter((r) => !r.measured);
  const concurrency = input.hasConcurrencySetting
    ? `the provider's default batch concurrency${input.concurrencyEnv ? ` (ORIGIN_CLOUD_REGIONS_CONCURRENCY=${input.concurrencyEnv})` : ""}`
    : "a provider build without batch concurrency (one batch in flight)";
  return [
    `- Real Pulumi CLI, file:// backend and its own PULUMI_HOME, against the in-process emulator on 127.0.0.1 with ${input.latencyMs} ms added to every request; ` +
      `${concurrency}; Pulumi's default parallelism (\`--parallel\` ${input.machine.pulumiParallel}); ${input.repeat === 1 ? "one run per scenario" : `median of ${input.repeat} runs`}` +
      `${(input.noopRuns ?? 1) > 1 ? `, and of ${input.noopRuns} runs of each no-op step within it (with the highest host peak of them)` : ""}.`,
    ...(input.pairedPreview
      ? [
          `- The preview goal alternates the no-op previews of a 1-mapping and a ${n(input.pairedPreview.large.mappings)}-mapping stack that exist at once ` +
            `(${input.pairedPreview.smallMs.length} each), so both sides of the ratio run under the same load; the tables' preview column comes from each scenario's own runs.`,
        ]
      : []),
    "- `up` and `destroy` run with `--skip-preview` (as in CI); an interactive `pulumi up` adds about the no-op preview's time. " +
      "Each step is one CLI command: its wall time includes starting the CLI, the program and the provider host.",
    "- Requests are what the emulator answered during the command. Host peak RSS is the kernel's high-water mark (VmHWM) of the " +
      "`@pulumi/pulumi/cmd/dynamic-provider` node process: read from /proc every 100 ms, and reported by the host itself as the engine " +
      "stops it (bench/host-peak-probe.js, preloaded through NODE_OPTIONS); with several hosts, the highest.",
    "- The per-IP baseline (bench/fixture/per-ip.ts) is one dynamic resource per mapping making one v2 single-IP call per " +
      "create, update and delete (`PUT`/`DELETE …/origin/cloud_regions/{ip}`), as @pulumi/cloudflare `OriginCloudRegion` and " +
      "Terraform `cloudflare_origin_cloud_region` do.",
    "- The emulator's rate limit is raised for this run. Cloudflare allows 1,200 requests per 5 minutes per token: the baseline's " +
      "1,000 creates plus 1,000 deletes, or any 3,500-mapping step, would wait for that limit in real life, so its times here are a lower bound.",
    ...extrapolated.map(
      (r) =>
        `- **Extrapolated, not measured:** ${rowLabel(r).replace(" | ", ", ").replace(" *(extrapolated)*", "")}: its wall times are ${r.extrapolatedFrom}; no requests or memory are shown for it.`,
    ),
  ];
}

/** The whole docs/benchmark.md. */
export function renderReport(input: ReportInput): string {
  const biggestBaseline = [...input.rows]
    .filter((r) => r.scenario.kind === "per-ip" && r.measured)
    .sort((a, b) => b.scenario.mappings - a.scenario.mappings)[0];
  const chartSize = biggestBaseline?.scenario.mappings ?? 1000;
  return [
    "# Engine benchmark",
    "",
    `Generated by \`${COMMAND}\` on ${input.date.toISOString().slice(0, 10)} in ${sec(input.elapsedMs)}. Do not edit by hand: run the command again.`,
    "",
    `Machine: ${machineLine(input.machine)}.`,
    "",
    ...setupNotes(input),
    "",
    "## Goals (issue 11), from this run",
    "",
    ...goalTable(input.goals),
    "",
    "## Wall time per step",
    "",
    ...wallTimeTable(input.rows),
    "",
    ...timeChart(input.rows, chartSize),
    "",
    "## Requests per step",
    "",
    ...requestTable(input.rows),
    "",
    "## Peak RSS of the dynamic-provider host per step",
    "",
    ...memoryTable(input.rows),
    "",
    ...memoryChart(input.rows),
    "",
  ].join("\n");
}

/** The generated `bench:engine` block of docs/performance.md (its links are from the repository root). */
export function renderPerformanceBlock(input: ReportInput): string {
  const biggestBaseline = [...input.rows]
    .filter((r) => r.scenario.kind === "per-ip" && r.measured)
    .sort((a, b) => b.scenario.mappings - a.scenario.mappings)[0];
  return [
    `Measured with the real Pulumi CLI against the emulator with ${input.latencyMs} ms added to every request, on ${input.date.toISOString().slice(0, 10)}. ` +
      `Machine: ${machineLine(input.machine)}.`,
    "",
    ...wallTimeTable(input.rows),
    "",
    ...timeChart(input.rows, biggestBaseline?.scenario.mappings ?? 1000),
    "",
    ...goalTable(input.goals),
    "",
    ...setupNotes(input),
    "",
    "Requests and the provider host's memory per step: [docs/benchmark.md](docs/benchmark.md).",
  ].join("\n");
}
