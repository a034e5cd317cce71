/**
 * `npm run bench:load`: K separate processes share one API token, each previewing, creating,
 * refreshing and destroying N mappings in a zone of its own through the provider (a fresh provider
 * per step, as the engine starts one per command), against the emulator with Cloudflare's quota
 * scaled down and its block after a 429 (the rest of the window). Prints the requests the token
 * spent, the answers of 429, the wall time, and the quota's floor: the least time the quota allows
 * for that many requests. Numbers, not assertions (test/host/shared-token.spec.ts asserts no 429).
 *
 *   BENCH_LOAD_PROCESSES=5  BENCH_LOAD_MAPPINGS=3500  BENCH_LOAD_LIMIT=240  BENCH_LOAD_WINDOW_SECONDS=30
 *   BENCH_LOAD_CONCURRENCY   originCloudRegions:concurrency of every process (the provider's default, 4, when unset)
 *   BENCH_PERFORMANCE_BLOCK=1   the table also replaces the `bench:load` block of docs/performance.md
 *                               (the default when no other knob is set); 0 leaves it alone.
 *
 * The scale: Cloudflare allows 1,200 requests per 300 s. The window is cut by 10 so that a run takes
 * minutes, and the quota by 5 so that 5 processes of 3,500 mappings need it three times over, while
 * the margin the client keeps (a tenth of the quota, 24) still exceeds what 5 processes have in flight
 * at once (4 each), as Cloudflare's 120 does.
 */
import * as os from "node:os";
import { TEST_TOKEN, startTestEmulator } from "../test/support/emulator";
import { runSharedToken } from "../test/support/shared-token";
import { envFlag, envInteger, envPositiveInteger } from "./env";
import { BENCH_PAGE, replaceBenchBlock } from "./performance-block";

const KNOBS = ["BENCH_LOAD_PROCESSES", "BENCH_LOAD_MAPPINGS", "BENCH_LOAD_LIMIT", "BENCH_LOAD_WINDOW_SECONDS", "BENCH_LOAD_CONCURRENCY"];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString("en-US");

async function main(): Promise<void> {
  const processes = envPositiveInteger("BENCH_LOAD_PROCESSES", 5);
  const mappings = envInteger("BENCH_LOAD_MAPPINGS", 3500, 1);
  if (mappings > 3500) throw new Error("BENCH_LOAD_MAPPINGS: at most 3500 (one zone per process)");
  const limit = envPositiveInteger("BENCH_LOAD_LIMIT", 240);
  const windowSeconds = envPositiveInteger("BENCH_LOAD_WINDOW_SECONDS", 30);
  const concurrency = process.env["BENCH_LOAD_CONCURRENCY"] === undefined ? undefined : envPositiveInteger("BENCH_LOAD_CONCURRENCY", 4);

  const emulator = await startTestEmulator({ rateLimit: { limit, windowSeconds } });
  const load = os.loadavg().map((l) => l.toFixed(2));
  try {
    const run = await runSharedToken(emulator, {
      processes,
      mappings,
      token: TEST_TOKEN,
      ...(concurrency === undefined ? {} : { concurrency }),
    });
    const failed = run.results.filter((r) => !r.ok);
    // The first `limit` requests go at once, then `limit` more at the start of each later window.
    const floorMs = (Math.ceil(run.requests / limit) - 1) * windowSeconds * 1000;
    const times = run.results.map((r) => r.ms).sort((a, b) => a - b);
    const told = run.results.reduce((n, r) => n + r.quotaLines.length, 0);
    const lines = [
      `Measured on ${new Date().toISOString().slice(0, 10)}: ${processes} processes sharing one token, each previewing, creating, ` +
        `refreshing and destroying ${count(mappings)} mappings in a zone of its own ` +
        `(${concurrency === undefined ? "the default 4" : count(concurrency)} batches in flight), against the emulator with a quota of ` +
        `${count(limit)} requests per ${windowSeconds} s. Machine: ${os.cpus().length} CPUs, node ${process.version}; ` +
        `load average ${load.join(" / ")} at the start.`,
      "",
      "| processes | mappings each | requests | answers of 429 | wall time | quota's floor | one process, fastest / slowest | hold lines |",
      "|---|---|---|---|---|---|---|---|",
      `| ${processes} | ${count(mappings)} | ${count(run.requests)} | ${count(run.rateLimited)} | ${seconds(run.wallMs)} | ` +
        `${seconds(floorMs)} | ${seconds(times[0] ?? 0)} / ${seconds(times[times.length - 1] ?? 0)} | ${told} |`,
    ];
    if (failed.length > 0) lines.push("", ...failed.map((r) => `Zone ${r.zoneId} failed: ${r.error ?? "?"}`));
    const example = run.results.flatMap((r) => r.quotaLines)[0];
    if (example !== undefined) lines.push("", `A hold line, as a process reports it: "${example}"`);
    const text = lines.join("\n");
    console.log(text);
    const defaults = KNOBS.every((k) => process.env[k] === undefined);
    if (envFlag("BENCH_PERFORMANCE_BLOCK", defaults) && !replaceBenchBlock("bench:load", text)) {
      console.error(`${BENCH_PAGE} has no bench:load block; the table was not copied into it`);
    }
  } finally {
    await emulator.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
