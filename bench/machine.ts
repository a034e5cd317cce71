/**
 * What the engine benchmark ran on, printed with its numbers: timings only mean something next to
 * the cores, memory and versions that produced them, and the load average shows whether the machine
 * was shared with other work at the time.
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import type { PulumiCli } from "../test/support/e2e-harness";
import { REPO_ROOT } from "../test/support/e2e-harness";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  /** The node that runs the Pulumi program and the provider host (the toolchain's). */
  node: string;
  pulumi: string;
  pulumiSdk: string;
  /** The CLI's default `--parallel` (it depends on the CPU count), as `pulumi up --help` states it. */
  pulumiParallel: string;
  loadAverage: [number, number, number];
}

/** `pathPrefix`: the toolchain's PATH prefix, under which the CLI runs. */
export async function describeMachine(cli: PulumiCli, pathPrefix: string): Promise<Machine> {
  const pulumi = (await cli.run(["version"])).stdout.trim();
  const help = (await cli.run(["up", "--help"])).stdout;
  const parallel = /--parallel[^\n]*\(default ([0-9]+)\)/.exec(help)?.[1] ?? "unknown";
  const env = { ...process.env, PATH: `${pathPrefix}${path.delimiter}${process.env["PATH"] ?? ""}` };
  const node = execFileSync("node", ["--version"], { env, encoding: "utf8" }).trim();
  const sdk = require(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json")) as { version: string };
  const [l1, l5, l15] = os.loadavg();
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node,
    pulumi,
    pulumiSdk: sdk.version,
    pulumiParallel: parallel,
    loadAverage: [l1 ?? 0, l5 ?? 0, l15 ?? 0],
  };
}

export function machineLine(m: Machine): string {
  return (
    `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB memory, ${m.os}; node ${m.node}, ` +
    `Pulumi CLI ${m.pulumi}, @pulumi/pulumi ${m.pulumiSdk}; load average ${m.loadAverage.map((l) => l.toFixed(2)).join(" / ")} (1/5/15 min) at the start`
  );
}
