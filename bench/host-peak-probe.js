// Preloaded into every node process the Pulumi CLI starts during `npm run bench:engine`
// (NODE_OPTIONS=--require), it acts only in the dynamic-provider host. The engine stops the host
// with SIGINT right after its last call, often sooner than a /proc sampler looks again, so the host
// reports its own high-water mark (VmHWM) as it goes: one line "<pid> <KiB>" appended to
// BENCH_HOST_PEAK_FILE. Plain JavaScript: the host runs without ts-node.
"use strict";
/* global require, process */
const fs = require("node:fs");

const file = process.env["BENCH_HOST_PEAK_FILE"];
if (file && process.argv.some((arg) => arg.includes("/cmd/dynamic-provider"))) {
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    try {
      const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
      if (match) fs.appendFileSync(file, `${process.pid} ${match[1]}\n`);
    } catch {
      // Not Linux, or the file went away: the /proc sampler's numbers stand.
    }
  };
  // The default action of these signals ends the process at once; do the same after reporting.
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ]) {
    process.once(signal, () => {
      report();
      process.exit(code);
    });
  }
  process.once("exit", report);
}
