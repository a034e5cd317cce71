#!/usr/bin/env node
// CLI: `npm run emulator -- --port N [--host H] [--token T] [--data FILE]` in this repo, and
// `npx cf-ocr-emulator --port N ...` where the package is installed (package.json `bin`: the compiled
// dist/emulator/main.js, which plain node runs; the shebang above is kept by tsc).
// stdout carries exactly one line (the URL) so scripts can read it; request logs go to stderr and
// never include credentials (only method, path and status are printed).

import { startEmulator, type EmulatorOptions } from "./index";

const USAGE = "usage: cf-ocr-emulator [--port N] [--host H] [--token T] [--data FILE]  (token also from EMULATOR_API_TOKEN)";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  const envToken = process.env["EMULATOR_API_TOKEN"];
  if (envToken !== undefined && envToken !== "") options.apiToken = envToken;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (name === "--help" || name === "-h") {
      process.stderr.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (value === undefined) fail(`missing value for ${name}`);
    switch (name) {
      case "--port": {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port ${JSON.stringify(value)}`);
        options.port = port;
        break;
      }
      case "--host":
        options.host = value;
        break;
      case "--token":
        options.apiToken = value;
        break;
      case "--data":
        options.dataFile = value;
        break;
      default:
        fail(`unknown argument ${JSON.stringify(name)}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  options.onRequest = (r) => process.stderr.write(`${r.method} ${r.path} -> ${r.status ?? "dropped"}\n`);
  const emulator = await startEmulator(options);
  process.stdout.write(`Cloudflare API emulator listening on ${emulator.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
