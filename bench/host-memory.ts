/**
 * Peak resident memory of the dynamic-provider host processes of one Pulumi installation (Linux
 * only), while a command runs.
 *
 * The host is `node .../@pulumi/pulumi/cmd/dynamic-provider/index.js`, started by the engine through
 * the `pulumi-resource-pulumi-nodejs` shell shim. Other engineers' hosts may run on the same machine,
 * so a process counts only when its environment carries this installation's PULUMI_HOME (the
 * harness gives every installation its own). The number is the kernel's VmHWM, the process's exact
 * peak, from two sources: /proc, read every `intervalMs` while the process lives, and the lines the
 * preloaded host-peak-probe.js writes as the host exits (the engine stops it right after its last
 * call, when the peak is often reached, and sooner than the next sample).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The preload script, and how to hand it to the processes the CLI starts. */
export const PROBE_SCRIPT = path.join(__dirname, "host-peak-probe.js");

/** Environment for the CLI: NODE_OPTIONS preloading the probe, and the file it appends to. */
export function probeEnvironment(peakFile: string, existingNodeOptions = ""): Record<string, string> {
  return {
    NODE_OPTIONS: `${existingNodeOptions} --require ${JSON.stringify(PROBE_SCRIPT)}`.trim(),
    BENCH_HOST_PEAK_FILE: peakFile,
  };
}

const HOST_SCRIPT = "/cmd/dynamic-provider/";

export interface HostMemory {
  /** The highest VmHWM of any matching host, in MiB; undefined when none was seen. */
  peakMiB: number | undefined;
  /** How many matching host processes ran during the sampling. */
  hosts: number;
}

export class HostMemorySampler {
  /** Pids classified for good (pid reuse within one command is not a concern). */
  private readonly verdicts = new Map<number, boolean>();
  private readonly peaks = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pulumiHome: string,
    /** Where the probe writes; emptied at every start. */
    private readonly peakFile: string | undefined,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.verdicts.clear();
    this.peaks.clear();
    if (this.peakFile !== undefined) fs.writeFileSync(this.peakFile, "");
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): HostMemory {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    this.readProbe();
    const values = [...this.peaks.values()];
    return { peakMiB: values.length > 0 ? Math.max(...values) : undefined, hosts: values.length };
  }

  private sample(): void {
    let entries: string[];
    try {
      entries = fs.readdirSync("/proc");
    } catch {
      return; // not Linux: no numbers, and the report says so
    }
    for (const entry of entries) {
      if (!/^[0-9]+$/.test(entry)) continue;
      const pid = Number(entry);
      let isHost = this.verdicts.get(pid);
      if (isHost === undefined) {
        const verdict = this.classify(pid);
        isHost = verdict === "host";
        if (verdict !== "maybe") this.verdicts.set(pid, isHost);
      }
      if (!isHost) continue;
      const hwm = readStatusKiB(pid, "VmHWM");
      if (hwm !== undefined) this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, hwm / 1024));
    }
  }

  /** Merges the probe's lines: only this installation's hosts write to its file, including any that lived less than a tick. */
  private readProbe(): void {
    if (this.peakFile === undefined) return;
    let text: string;
    try {
      text = fs.readFileSync(this.peakFile, "utf8");
    } catch {
      return;
    }
    for (const line of text.split("\n")) {
      const match = /^([0-9]+) ([0-9]+)$/.exec(line);
      if (!match) continue;
      const pid = Number(match[1]);
      this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, Number(match[2]) / 1024));
    }
  }

  /**
   * "maybe" for a Pulumi process that is not a host yet: the shim's shell forks the host, and until
   * the fork has exec'd node its command line is the shell's, so it is looked at again next tick.
   */
  private classify(pid: number): "host" | "other" | "maybe" {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.includes(HOST_SCRIPT)) return cmdline.includes("pulumi") ? "maybe" : "other";
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      return environ.includes(`PULUMI_HOME=${this.pulumiHome}`) ? "host" : "other";
    } catch {
      return "other"; // gone, or another user's process
    }
  }
}

function readStatusKiB(pid: number, field: string): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+([0-9]+) kB$`, "m").exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
