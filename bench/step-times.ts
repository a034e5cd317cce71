/**
 * The provider's step times (create, one-IP update, destroy) for N mappings at an added emulator
 * latency, with one batch in flight (`originCloudRegions:concurrency` = 1) and with the provider's
 * default, driving the provider methods directly. Only the step's own method is timed; `check`
 * runs before it on the same provider, as the engine calls it, and a fresh provider serves every
 * step, as the engine starts one host per command. Numbers, not assertions.
 */
import { performance } from "node:perf_hooks";
import type { Emulator } from "../emulator";
import type { MappingsOutputs } from "../provider";
import { SETTINGS } from "../provider/host/settings";
import { configuredProvider, zoneId } from "../test/support/emulator";
import { InFlightCounter } from "./in-flight";
import { benchMappings } from "./mappings";

/** The stack config key that selects how many batches a step sends at once. */
export const CONCURRENCY_KEY = "originCloudRegions:concurrency";

/**
 * Whether this build of the provider reads {@link CONCURRENCY_KEY}. Without it, both concurrency
 * columns run the same code and the table says so instead of presenting a difference as measured.
 */
export function providerHasConcurrencySetting(): boolean {
  // Widened to string: on a build without the setting, TypeScript knows the keys can never match.
  return Object.values(SETTINGS).some((s): boolean => (s.key as string) === CONCURRENCY_KEY);
}

export interface StepTime {
  ms: number;
  /** The most requests that waited for an answer at once during the step. */
  peakInFlight: number;
}

export interface StepTimes {
  create: StepTime;
  update: StepTime;
  destroy: StepTime;
}

/** One create, one-IP update and destroy of `n` mappings in `zone`; `config` adds stack config keys. */
export async function measureSteps(
  emulator: Emulator,
  n: number,
  zone: string,
  config: Record<string, string>,
  counter: InFlightCounter,
): Promise<StepTimes> {
  const fresh = () => configuredProvider(emulator, undefined, config);
  const timed = async <T>(run: () => Promise<T>): Promise<[T, StepTime]> => {
    counter.reset();
    const started = performance.now();
    const value = await run();
    return [value, { ms: performance.now() - started, peakInFlight: counter.peak }];
  };
  const creator = await fresh();
  const checked = await creator.check({}, { zoneId: zone, mappings: benchMappings(n) });
  const [created, create] = await timed(() => creator.create({ ...checked.inputs, __provider: "bench" }));
  const updater = await fresh();
  const rechecked = await updater.check({}, { zoneId: zone, mappings: benchMappings(n, true) });
  const [updated, update] = await timed(() =>
    updater.update(created.id, created.outs as MappingsOutputs, { ...rechecked.inputs, __provider: "bench" }),
  );
  const destroyer = await fresh();
  const [, destroy] = await timed(() => destroyer.delete(created.id, updated.outs as MappingsOutputs));
  if (emulator.mappings(zone).length !== 0) throw new Error(`N=${n}: the zone is not empty after delete`);
  return { create, update, destroy };
}

export interface StepTimesOptions {
  sizes: readonly number[];
  latencies: readonly number[];
  /** Runs per cell; the median is printed. */
  repeat: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Milliseconds below a second (a 0 ms latency step takes a few), seconds above. */
const seconds = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);

/** Runs the matrix against `emulator` (which it re-times with `setLatency`) and prints a Markdown table. */
export async function printStepTimes(emulator: Emulator, options: StepTimesOptions, print: (line: string) => void): Promise<void> {
  const variants: Array<{ label: string; config: Record<string, string> }> = [
    { label: "c=1", config: { [CONCURRENCY_KEY]: "1" } },
    { label: "default", config: {} },
  ];
  const counter = new InFlightCounter();
  let zoneSerial = 0xc000;
  print(
    "| latency | mappings | create, c=1 | create, default | update 1 IP, c=1 | update 1 IP, default | destroy, c=1 | destroy, default | most in flight, c=1 / default |",
  );
  print("|---|---|---|---|---|---|---|---|---|");
  try {
    for (const latency of options.latencies) {
      emulator.setLatency(latency);
      for (const n of options.sizes) {
        const runs: StepTimes[][] = variants.map(() => []);
        // Alternate the variants inside each repetition, so that a slow spell on a shared machine
        // does not land on one of them only.
        for (let r = 0; r < options.repeat; r++) {
          for (const [i, v] of variants.entries()) runs[i]?.push(await measureSteps(emulator, n, zoneId(zoneSerial++), v.config, counter));
        }
        const cell = (i: number, step: keyof StepTimes) => seconds(median((runs[i] ?? []).map((t) => t[step].ms)));
        const peak = (i: number) =>
          Math.max(...(runs[i] ?? []).flatMap((t) => [t.create.peakInFlight, t.update.peakInFlight, t.destroy.peakInFlight]));
        print(
          `| ${latency} ms | ${n.toLocaleString("en-US")} | ${cell(0, "create")} | ${cell(1, "create")} | ${cell(0, "update")} | ${cell(1, "update")} | ` +
            `${cell(0, "destroy")} | ${cell(1, "destroy")} | ${peak(0)} / ${peak(1)} |`,
        );
      }
    }
  } finally {
    counter.dispose();
    emulator.setLatency(0);
  }
  print("");
  print(
    providerHasConcurrencySetting()
      ? `Concurrency: \`${CONCURRENCY_KEY}\` = 1, and the provider's default (the setting left unset).`
      : `This build of the provider has no \`${CONCURRENCY_KEY}\` setting: both columns ran the same code, one batch in flight.`,
  );
  if (process.env["ORIGIN_CLOUD_REGIONS_CONCURRENCY"] !== undefined) {
    print(
      `ORIGIN_CLOUD_REGIONS_CONCURRENCY=${process.env["ORIGIN_CLOUD_REGIONS_CONCURRENCY"]} was set: it is the "default" column's value.`,
    );
  }
}
