/**
 * `npm run bench`: prints how many HTTP requests each lifecycle step sends for N mappings, on each
 * endpoint family, then the provider's step times with one batch in flight and with the default
 * (step-times.ts), measured against the emulator. Numbers, not assertions: the tests assert the ones
 * the contract fixes. Each family is measured on an account where the other one answers "no route",
 * with the default `auto` setting, as a user on that account would run it; the provider is fresh for
 * every step, as the Pulumi engine starts a new provider host for every command.
 *
 *   BENCH_TIME_SIZES=1,100,1000,3500  BENCH_TIME_LATENCIES=0,100  BENCH_REPEAT=1  (step-time matrix)
 *   BENCH_PERFORMANCE_BLOCK=1   the step-time table also replaces the `bench` block of docs/performance.md
 *                               (the default unless BENCH_TIME_* narrow the matrix); 0 leaves it alone.
 *                               BENCH_README is the older name.
 */
import type { Emulator, RecordedRequest } from "../emulator";
import type { MappingsOutputs } from "../provider";
import { configuredProvider, startTestEmulator, zoneId } from "../test/support/emulator";
import { envFlag, envList, envPositiveInteger } from "./env";
import { benchMappings } from "./mappings";
import { BENCH_PAGE, replaceBenchBlock } from "./performance-block";
import { printStepTimes } from "./step-times";

const SIZES = [1, 100, 101, 250, 3500];
const mappings = (n: number, changed = false) => benchMappings(n, changed);

/** "1 GET, 2 PUT" from a request log; probes the account refused (no route) are counted apart. */
function summary(requests: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>();
  let probes = 0;
  for (const r of requests) {
    if (r.status === 400) probes++;
    else counts.set(r.method, (counts.get(r.method) ?? 0) + 1);
  }
  const parts = ["GET", "PATCH", "PUT", "DELETE"].filter((m) => counts.has(m)).map((m) => `${counts.get(m)} ${m}`);
  return [parts.join(", ") || "none", probes > 0 ? ` (+${probes} no-route probe)` : ""].join("");
}

async function measure(emulator: Emulator, family: "v1" | "v2", n: number, zone: string): Promise<string[]> {
  const step = async <T>(run: () => Promise<T>): Promise<[T, string]> => {
    emulator.clearRequests();
    const value = await run();
    return [value, summary(emulator.requests)];
  };
  const fresh = () => configuredProvider(emulator);
  const provider = await fresh();
  const [checked, check] = await step(() => provider.check({}, { zoneId: zone, mappings: mappings(n) }));
  const [created, create] = await step(() => provider.create({ ...checked.inputs, __provider: "bench" }));
  const next = mappings(n, true);
  const updater = await fresh();
  const rechecked = await updater.check({}, { zoneId: zone, mappings: next });
  const [updated, update] = await step(() =>
    updater.update(created.id, created.outs as MappingsOutputs, { ...rechecked.inputs, __provider: "bench" }),
  );
  const refresher = await fresh();
  const [, refresh] = await step(() => refresher.read(created.id, updated.outs as MappingsOutputs));
  const destroyer = await fresh();
  const [, destroy] = await step(() => destroyer.delete(created.id, updated.outs as MappingsOutputs));
  if (emulator.mappings(zone).length !== 0) throw new Error(`${family}, N=${n}: the zone is not empty after delete`);
  return [family, n.toLocaleString("en-US"), check, create, update, refresh, destroy];
}

async function main(): Promise<void> {
  // The provider's own lines (the v1 fallback note, retries) go to console.log; the table needs none.
  const print = console.log.bind(console);
  console.log = () => undefined;
  print("| family | mappings | preview (check) | create | update (1 IP) | refresh | destroy |");
  print("|---|---|---|---|---|---|---|");
  for (const family of ["v2", "v1"] as const) {
    const emulator = await startTestEmulator({ families: { [family === "v1" ? "v2" : "v1"]: "no-route" } });
    try {
      for (const [k, n] of SIZES.entries()) {
        const row = await measure(emulator, family, n, zoneId(0xbe00 + k));
        print(`| ${row.join(" | ")} |`);
      }
    } finally {
      await emulator.close();
    }
  }
  print(
    '\nOn v1 accounts, the first call of each command asks v2 first; v2 answers "no route" (counted apart), and v1 is used from then on.',
  );

  print("\nProvider step times (v2; create, update and destroy only, each on a fresh provider after its check):\n");
  const emulator = await startTestEmulator();
  const table: string[] = [];
  try {
    await printStepTimes(
      emulator,
      {
        sizes: envList("BENCH_TIME_SIZES", [1, 100, 1000, 3500]),
        latencies: envList("BENCH_TIME_LATENCIES", [0, 100], { allowZero: true }),
        repeat: envPositiveInteger("BENCH_REPEAT", 1),
      },
      (line) => {
        table.push(line);
        print(line);
      },
    );
  } finally {
    await emulator.close();
  }
  const fullMatrix = process.env["BENCH_TIME_SIZES"] === undefined && process.env["BENCH_TIME_LATENCIES"] === undefined;
  if (envFlag(["BENCH_PERFORMANCE_BLOCK", "BENCH_README"], fullMatrix) && !replaceBenchBlock("bench", table.join("\n").trim())) {
    console.error(`${BENCH_PAGE} has no bench block; the step-time table was not copied into it`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
