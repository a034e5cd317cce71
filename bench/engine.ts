/**
 * `npm run bench:engine`: the real Pulumi CLI against the in-process emulator (loopback only, an
 * added latency per request), for OriginCloudRegionMappings and for a per-IP baseline, through
 * create, no-op preview, no-op up, a one-IP change and destroy. Writes docs/benchmark.md and the
 * generated `bench:engine` block of docs/performance.md, and prints the report.
 *
 * Knobs (environment), so a run fits a shared machine:
 *   BENCH_ENGINE_SIZES=1,100,1000,3500      OriginCloudRegionMappings stacks (one resource)
 *   BENCH_ENGINE_MANY_ZONES=10              one stack of that many resources of 3,500 (memory); 0 skips
 *   BENCH_ENGINE_BASELINE_SIZES=100,1000    per-IP stacks; a 3,500 row is extrapolated when not listed
 *   BENCH_ENGINE_LATENCY_MS=100             added to every emulator request
 *   BENCH_ENGINE_REPEAT=1                   runs per scenario (the median is reported)
 *   BENCH_ENGINE_NOOP_RUNS=3                runs of the no-op preview and up within a scenario (median)
 *   BENCH_ENGINE_OUT=docs/benchmark.md      where the report goes; the raw results go beside it (.json)
 *   BENCH_ENGINE_PERFORMANCE_BLOCK=1        0: leave the block in docs/performance.md alone (the default when a size or
 *                                           the latency is overridden); BENCH_ENGINE_README is the older name
 *   BENCH_ENGINE_FROM=docs/benchmark.json   render the report again from saved results, running nothing
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { PulumiCli, REPO_ROOT, resolveToolchain } from "../test/support/e2e-harness";
import { ApiLog } from "./api-log";
import type { Scenario, ScenarioResult } from "./engine-scenario";
import { runScenario } from "./engine-scenario";
import type { Row } from "./engine-results";
import { extrapolatedRow, find, goals, measuredRow } from "./engine-results";
import type { ReportInput } from "./engine-report";
import { renderPerformanceBlock, renderReport } from "./engine-report";
import { envFlag, envInteger, envList, envPositiveInteger } from "./env";
import { probeEnvironment } from "./host-memory";
import type { PairedPreviews } from "./engine-paired";
import { pairedPreviews } from "./engine-paired";
import { describeMachine } from "./machine";
import { BENCH_PAGE, replaceBenchBlock } from "./performance-block";
import { providerHasConcurrencySetting } from "./step-times";

export const FIXTURE_DIR = path.join(REPO_ROOT, "bench", "fixture");
/** The zone limit: the size the goals and the extrapolated baseline row are about. */
const FULL_ZONE = 3500;

const progress = (line: string) => process.stderr.write(`[bench:engine] ${line}\n`);

async function main(): Promise<void> {
  const out = path.resolve(REPO_ROOT, process.env["BENCH_ENGINE_OUT"] ?? path.join("docs", "benchmark.md"));
  const from = process.env["BENCH_ENGINE_FROM"];
  const input = from === undefined ? await measure() : loadResults(path.resolve(REPO_ROOT, from));
  const report = renderReport(input);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, report);
  // Only what was measured: estimates and goals are derived again when the results are rendered.
  const saved = { ...input, rows: input.rows.filter((r) => r.measured), goals: undefined };
  if (from === undefined) fs.writeFileSync(out.replace(/\.md$/, "") + ".json", `${JSON.stringify(saved, null, 1)}\n`);
  progress(`wrote ${path.relative(REPO_ROOT, out)}`);
  // A narrowed run (a trial) does not replace the numbers in docs/performance.md unless asked to.
  const narrowed = ["SIZES", "BASELINE_SIZES", "MANY_ZONES", "LATENCY_MS"].some((k) => process.env[`BENCH_ENGINE_${k}`] !== undefined);
  if (envFlag(["BENCH_ENGINE_PERFORMANCE_BLOCK", "BENCH_ENGINE_README"], !narrowed)) {
    progress(
      replaceBenchBlock("bench:engine", renderPerformanceBlock(input))
        ? `updated the benchmark block of ${BENCH_PAGE}`
        : `${BENCH_PAGE} has no bench:engine block; left unchanged`,
    );
  }
  process.stdout.write(`${report}\n`);
}

/** Saved results (the .json beside a report); extrapolations and goals are computed again from the measured rows. */
function loadResults(file: string): ReportInput {
  const saved = JSON.parse(fs.readFileSync(file, "utf8")) as Omit<ReportInput, "date"> & { date: string };
  const rows = withExtrapolation(saved.rows.filter((r) => r.measured));
  return { ...saved, rows, date: new Date(saved.date), goals: goals(rows, saved.latencyMs, saved.pairedPreview) };
}

/** Measured rows, plus the per-IP baseline at the zone limit estimated when it was not run. */
function withExtrapolation(measured: Row[]): Row[] {
  if (!find(measured, "batch", FULL_ZONE) || find(measured, "per-ip", FULL_ZONE)) return measured;
  const estimate = extrapolatedRow({ kind: "per-ip", mappings: FULL_ZONE, zones: 1 }, measured);
  return estimate ? [...measured, estimate] : measured;
}

/** Runs every scenario with the real CLI. */
async function measure(): Promise<ReportInput> {
  const sizes = envList("BENCH_ENGINE_SIZES", [1, 100, 1000, FULL_ZONE]);
  const manyZones = envInteger("BENCH_ENGINE_MANY_ZONES", 10, 0);
  const baselineSizes = envList("BENCH_ENGINE_BASELINE_SIZES", [100, 1000], { allowEmpty: true });
  const latencyMs = envInteger("BENCH_ENGINE_LATENCY_MS", 100, 0);
  const repeat = envPositiveInteger("BENCH_ENGINE_REPEAT", 1);
  // The no-op steps are a few seconds each, and the preview goal compares two of them: on a shared
  // machine one run of each is too noisy for a 1.5x threshold.
  const noopRuns = envPositiveInteger("BENCH_ENGINE_NOOP_RUNS", 3);

  const scenarios: Scenario[] = [
    ...sizes.map((mappings) => ({ kind: "batch" as const, mappings, zones: 1 })),
    ...(manyZones > 1 ? [{ kind: "batch" as const, mappings: FULL_ZONE, zones: manyZones }] : []),
    ...baselineSizes.map((mappings) => ({ kind: "per-ip" as const, mappings, zones: 1 })),
  ];

  const started = performance.now();
  const prefix = await resolveToolchain();
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcocr-bench-probe-"));
  const peakFile = path.join(probeDir, "host-peaks.txt");
  // PulumiCli copies this process's environment, so the probe reaches every process the CLI starts.
  Object.assign(process.env, probeEnvironment(peakFile, process.env["NODE_OPTIONS"]));
  const cli = new PulumiCli(prefix, FIXTURE_DIR);
  const token = `bench-${randomBytes(18).toString("hex")}`;
  const log = new ApiLog(latencyMs);
  // The rate limit is raised so that the baseline is not throttled (see the report's notes).
  const emulator = await startEmulator({
    port: 0,
    apiToken: token,
    latencyMs,
    rateLimit: { limit: 1_000_000_000, windowSeconds: 300 },
    onRequest: log.onRequest,
  });
  const salt = randomBytes(12).toString("hex");
  // Every stack gets zones of its own: 24 random hex characters, then 4 of a serial number.
  const zonePrefixFor = (id: number) => `${salt}${id.toString(16).padStart(4, "0")}`;
  try {
    const machine = await describeMachine(cli, prefix);
    const rows: Row[] = [];
    let serial = 0;
    for (const scenario of scenarios) {
      const runs: ScenarioResult[] = [];
      for (let r = 0; r < repeat; r++) {
        const id = serial++;
        const name = `${scenario.kind}-${scenario.zones}x${scenario.mappings}-${r}`;
        progress(`${name} (${((performance.now() - started) / 1000).toFixed(0)} s so far)`);
        runs.push(
          await runScenario(scenario, {
            cli,
            emulator,
            log,
            token,
            zonePrefix: zonePrefixFor(id),
            stackName: `bench-${name}`,
            peakFile,
            noopRuns,
            progress: (line) => progress(`  ${line}`),
          }),
        );
      }
      rows.push(measuredRow(scenario, runs));
    }
    let paired: PairedPreviews | undefined;
    if (sizes.includes(1) && sizes.includes(FULL_ZONE)) {
      progress(`alternated no-op previews, 1 and ${FULL_ZONE} mappings (${((performance.now() - started) / 1000).toFixed(0)} s so far)`);
      paired = await pairedPreviews(
        {
          cli,
          emulatorUrl: emulator.url,
          token,
          zonePrefixes: [zonePrefixFor(serial++), zonePrefixFor(serial++)],
          progress: (line) => progress(`  ${line}`),
        },
        { kind: "batch", mappings: 1, zones: 1 },
        { kind: "batch", mappings: FULL_ZONE, zones: 1 },
        noopRuns,
      );
    }

    const all = withExtrapolation(rows);
    return {
      rows: all,
      ...(paired ? { pairedPreview: paired } : {}),
      goals: goals(all, latencyMs, paired),
      machine,
      latencyMs,
      repeat,
      noopRuns,
      elapsedMs: performance.now() - started,
      date: new Date(),
      concurrencyEnv: process.env["ORIGIN_CLOUD_REGIONS_CONCURRENCY"],
      hasConcurrencySetting: providerHasConcurrencySetting(),
    };
  } finally {
    await emulator.close();
    fs.rmSync(probeDir, { recursive: true, force: true });
    if (process.env["BENCH_ENGINE_KEEP"]) progress(`kept ${cli.root}`);
    else cli.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
