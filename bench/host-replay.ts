/**
 * `npm run bench:host`: where the dynamic-provider host's memory goes. Replays the calls the engine
 * makes for a step of an existing stack (preview: Check with old inputs, new inputs and old outputs,
 * then Diff with old outputs, checked inputs and old inputs; change: the same plus Update) against
 * the real host process, once with this package's provider and once with a provider whose methods do
 * nothing but hand back data of the same size, and prints the host's peak RSS at 1 and at N mappings.
 * What the do-nothing provider's host grows by is the host's own cost of the data crossing gRPC as
 * protobuf Structs, which no provider code changes; the difference between the two rows is ours.
 *
 * `state` says how the state holds the mapping sets: "strings" is how this package stores them
 * (`{ "<ip>": "<vendor>/<region>" }`, see provider/state-shape.ts), "objects" is how it stored them
 * before (`{ "<ip>": { vendor, region } }`, still the shape of the `mappings` output in the program):
 * the do-nothing rows show what the string form saves in the host.
 *
 *   BENCH_HOST_SIZES=1,3500  BENCH_HOST_REPEAT=3  BENCH_HOST_SHAPES=1 (0: the string form only)
 */
import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { OriginCloudRegionMappingsProvider } from "../provider";
import type { MappingsOutputs } from "../provider";
import { ownedMappings } from "../provider/core/state-shape";
import { fakeConfig } from "../test/support/emulator";
import { resolveToolchain } from "../test/support/e2e-harness";
import { envFlag, envList, envPositiveInteger } from "./env";
import type { Props } from "./host-process";
import { HostProcess } from "./host-process";
import { benchMappings } from "./mappings";

type Step = "preview" | "change";
type Shape = "strings" | "objects";
const TOKEN = "bench-host-replay-token";

/**
 * Hands back data the size of what this package's provider returns: check returns the old inputs
 * when there are any (a step of an existing stack), update returns the old outputs.
 */
const doNothing: pulumi.dynamic.ResourceProvider = {
  async check(olds: Props, news: Props) {
    return { inputs: Object.keys(olds).length > 0 ? olds : news };
  },
  async diff() {
    return { changes: true };
  },
  async create(inputs: Props) {
    return { id: "id", outs: inputs };
  },
  async update(_id: string, olds: Props) {
    return { outs: olds };
  },
};

/** The state a previous `up` of `n` mappings left, as this package's provider wrote it. */
async function priorState(emulator: Emulator, zone: string, n: number): Promise<{ inputs: Props; outputs: Props }> {
  const provider = new OriginCloudRegionMappingsProvider();
  await provider.configure({ config: fakeConfig({ "cloudflare:apiToken": TOKEN, "cloudflare:baseUrl": emulator.url }) });
  const checked = (await provider.check({}, { zoneId: zone, mappings: benchMappings(n) })).inputs ?? {};
  const created = await provider.create(checked);
  return { inputs: checked, outputs: created.outs as MappingsOutputs as unknown as Props };
}

/** The same state with each mapping as an object, as stored before the string form. */
function asObjects(props: Props): Props {
  return { ...props, mappings: ownedMappings(props) };
}

async function replay(
  pathPrefix: string,
  code: string,
  config: Record<string, string>,
  step: Step,
  state: { inputs: Props; outputs: Props },
  news: Props,
): Promise<number> {
  const host = await HostProcess.start(pathPrefix);
  try {
    await host.configure(config);
    const oldInputs = { ...state.inputs, __provider: code };
    const oldOutputs = { ...state.outputs, __provider: code };
    const checked = await host.check(oldInputs, { ...news, __provider: code }, oldOutputs);
    await host.diff(String(state.inputs["zoneId"]), oldOutputs, checked, oldInputs);
    if (step === "change") await host.update(String(state.inputs["zoneId"]), oldOutputs, checked, oldInputs);
    // The last answer is written before the host is done with it; give it a moment to finish.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return host.peakMiB();
  } finally {
    host.stop();
  }
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] as number;

async function main(): Promise<void> {
  const sizes = envList("BENCH_HOST_SIZES", [1, 3500]);
  const repeat = envPositiveInteger("BENCH_HOST_REPEAT", 3);
  const shapes: Shape[] = envFlag("BENCH_HOST_SHAPES", true) ? ["strings", "objects"] : ["strings"];
  const prefix = await resolveToolchain();
  const emulator = await startEmulator({ port: 0, apiToken: TOKEN });
  const serialize = async (provider: object) => (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
  const ours = await serialize(new OriginCloudRegionMappingsProvider());
  const nothing = await serialize(doNothing);
  const config = { "cloudflare:apiToken": TOKEN, "cloudflare:baseUrl": emulator.url };
  const rows: Array<{ provider: string; shape: Shape; code: string }> = [
    { provider: "OriginCloudRegionMappings", shape: "strings", code: ours },
    ...shapes.map((shape) => ({ provider: "do-nothing", shape, code: nothing })),
  ];
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`| provider | state | step | ${sizes.map((n) => `${n.toLocaleString("en-US")} mapping(s)`).join(" | ")} | growth |`);
  print(`|---|---|---|${sizes.map(() => "---:").join("|")}|---:|`);
  let zoneSerial = 0;
  try {
    for (const row of rows) {
      for (const step of ["preview", "change"] as const) {
        const peaks: number[] = [];
        for (const n of sizes) {
          const runs: number[] = [];
          for (let r = 0; r < repeat; r++) {
            // A fresh zone per run: the provider's own calls (list, upsert) see the state it expects.
            const zone = (0xd000 + zoneSerial++).toString(16).padStart(32, "0");
            const prior = await priorState(emulator, zone, n);
            const state = row.shape === "strings" ? prior : { inputs: asObjects(prior.inputs), outputs: asObjects(prior.outputs) };
            runs.push(await replay(prefix, row.code, config, step, state, { zoneId: zone, mappings: benchMappings(n, step === "change") }));
          }
          peaks.push(median(runs));
        }
        const growth = (peaks[peaks.length - 1] ?? 0) - (peaks[0] ?? 0);
        print(
          `| ${row.provider} | ${row.shape} | ${step} | ${peaks.map((p) => `${p.toFixed(0)} MiB`).join(" | ")} | ${growth.toFixed(0)} MiB |`,
        );
      }
    }
  } finally {
    await emulator.close();
  }
  print(`\nMedian of ${repeat} runs; the host runs on the toolchain's node. Growth: the largest size over the smallest.`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
