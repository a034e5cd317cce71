/**
 * The no-op preview goal compares the previews of two stacks, a few seconds each. Measured in
 * separate scenarios minutes apart on a machine shared with other work, the ratio moved between
 * 1.40x and 2.18x from run to run with the same code. Here both stacks exist at once and their
 * previews alternate, so that both sides of the ratio run under the same load.
 */
import type { Scenario } from "./bench-stack";
import { BenchStack } from "./bench-stack";
import type { PulumiCli } from "../test/support/e2e-harness";

export interface PairedPreviews {
  small: Scenario;
  large: Scenario;
  smallMs: number[];
  largeMs: number[];
}

export interface PairContext {
  cli: PulumiCli;
  emulatorUrl: string;
  token: string;
  /** Two zone prefixes (28 hex characters), one per stack. */
  zonePrefixes: [string, string];
  progress: (line: string) => void;
}

export async function pairedPreviews(ctx: PairContext, small: Scenario, large: Scenario, runs: number): Promise<PairedPreviews> {
  const stacks = [
    new BenchStack(ctx.cli, `bench-pair-small-${small.mappings}`),
    new BenchStack(ctx.cli, `bench-pair-large-${large.mappings}`),
  ] as const;
  const result: PairedPreviews = { small, large, smallMs: [], largeMs: [] };
  try {
    const plan = [
      [stacks[0], small, ctx.zonePrefixes[0]],
      [stacks[1], large, ctx.zonePrefixes[1]],
    ] as const;
    for (const [stack, scenario, zonePrefix] of plan) {
      await stack.init(scenario, ctx.emulatorUrl, ctx.token, zonePrefix);
      await stack.up();
    }
    for (let r = 0; r < runs; r++) {
      result.smallMs.push((await stacks[0].preview(["--expect-no-changes"])).ms);
      result.largeMs.push((await stacks[1].preview(["--expect-no-changes"])).ms);
    }
    const show = (ms: number[]) => ms.map((m) => (m / 1000).toFixed(1)).join(" / ");
    ctx.progress(
      `no-op previews, alternated: ${small.mappings} mapping(s) ${show(result.smallMs)} s, ${large.mappings} ${show(result.largeMs)} s`,
    );
    for (const stack of stacks) await stack.destroy();
    return result;
  } finally {
    for (const stack of stacks) await stack.remove();
  }
}
