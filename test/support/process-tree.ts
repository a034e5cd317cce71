// Processes of one Pulumi run, read from /proc (Linux). Pulumi starts each plugin in its own process
// group, so a killed CLI's group does not hold its plugins; its session does: a CLI spawned detached
// leads a new session, and every process it starts inherits it.
import * as fs from "node:fs";

export interface ProcessInfo {
  pid: number;
  ppid: number;
  session: number;
  args: string;
}

/** Every live process of a session (the spawned CLI's pid). */
export function sessionProcesses(session: number): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[3]) !== session || fields[0] === "Z") continue;
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid: Number(entry), ppid: Number(fields[1]), session, args });
    } catch {
      // Gone while reading.
    }
  }
  return found;
}

/** The dynamic-provider hosts of a session. */
export function providerHosts(session: number): ProcessInfo[] {
  return sessionProcesses(session).filter((p) => /cmd[\\/]dynamic-provider/.test(p.args));
}

/** SIGKILL to every process of the session at once: what a CI runner's timeout or a container kill does. */
export function killSession(session: number): number {
  const victims = sessionProcesses(session);
  for (const p of victims) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return victims.length;
}

/** True while the process exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}
