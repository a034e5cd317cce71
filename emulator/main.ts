#!/usr/bin/env node
// CLI: `npm run emulator -- [--port N] [--host H] [--token T] [--scoped-token NAME:TOKEN:ZONES]... [--auth-email E --auth-key K] [--data FILE] [--v1 S] [--v2 S] [--latency-ms N]`
// in this repo, and `npx cf-ocr-emulator --port N ...` where the package is installed (package.json
// `bin`: the compiled dist/emulator/main.js, which plain node runs; the shebang above is kept by tsc).
// stdout carries exactly one line (the URL) so scripts can read it; request logs go to stderr and
// never include credentials (only method, path, status and a scoped token's name are printed). Without
// a token it warns on stderr (one line): then any well-formed Bearer token is accepted.

import { checkLegacyAuth } from "./auth";
import { checkScopedTokens, parseScopedToken, type ScopedToken } from "./scoped-tokens";
import { startEmulator, type EmulatorOptions, type FamilySwitch } from "./index";

const USAGE = [
  "usage: cf-ocr-emulator [--port N] [--host H] [--token T] [--scoped-token NAME:TOKEN:ZONE[,ZONE...]]... [--auth-email E --auth-key K] [--data FILE] [--v1 enabled|no-route] [--v2 enabled|no-route] [--latency-ms N]",
  "  --token          accepted Bearer token (also from EMULATOR_API_TOKEN); default: any well-formed token",
  "  --scoped-token NAME:TOKEN:ZONE[,ZONE...]",
  "                   also accept TOKEN for these zones only (another zone: 403 / 10000), as one account's token;",
  "                   repeat for several accounts (also from EMULATOR_SCOPED_TOKENS, entries separated by spaces)",
  "  --auth-email E, --auth-key K",
  "                   also accept this legacy X-Auth-Email + X-Auth-Key pair (also from EMULATOR_AUTH_EMAIL",
  "                   and EMULATOR_AUTH_KEY); give both or neither",
  "  --v1, --v2       serve that API family (enabled, the default) or answer its paths like unknown routes (no-route)",
  "  --latency-ms N   wait N ms (integer >= 0, default 0) before answering each request",
].join("\n");

/** The CLI's request log: the newest 100 requests, bodies up to 16 KiB (a full batch is about 8 KiB). */
const CLI_REQUEST_LOG = { maxEntries: 100, maxBodyBytes: 16 * 1024 };

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function familySwitch(flag: string, value: string): FamilySwitch {
  if (value !== "enabled" && value !== "no-route") fail(`invalid ${flag} ${JSON.stringify(value)}: expected enabled or no-route`);
  return value;
}

function parseArgs(argv: readonly string[]): EmulatorOptions {
  const options: EmulatorOptions = {};
  const envToken = process.env["EMULATOR_API_TOKEN"];
  if (envToken !== undefined && envToken !== "") options.apiToken = envToken;
  // Empty variables are ignored, as for the token.
  let email = nonEmpty(process.env["EMULATOR_AUTH_EMAIL"]);
  let key = nonEmpty(process.env["EMULATOR_AUTH_KEY"]);
  const scoped: ScopedToken[] = [];
  const addScoped = (text: string): void => {
    try {
      scoped.push(parseScopedToken(text));
    } catch (err) {
      fail(`invalid scoped token: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  for (const entry of (process.env["EMULATOR_SCOPED_TOKENS"] ?? "").split(/\s+/)) if (entry !== "") addScoped(entry);
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
      case "--scoped-token":
        addScoped(value);
        break;
      case "--auth-email":
        email = value;
        break;
      case "--auth-key":
        key = value;
        break;
      case "--data":
        options.dataFile = value;
        break;
      case "--v1":
        options.families = { ...options.families, v1: familySwitch(name, value) };
        break;
      case "--v2":
        options.families = { ...options.families, v2: familySwitch(name, value) };
        break;
      case "--latency-ms": {
        const ms = /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
        if (!(ms <= 2 ** 31 - 1)) fail(`invalid --latency-ms ${JSON.stringify(value)}: expected an integer from 0 to ${2 ** 31 - 1}`);
        options.latencyMs = ms;
        break;
      }
      default:
        fail(`unknown argument ${JSON.stringify(name)}`);
    }
  }
  if (scoped.length > 0) {
    try {
      checkScopedTokens(scoped);
    } catch (err) {
      fail(`invalid scoped tokens: ${err instanceof Error ? err.message : String(err)}`);
    }
    options.scopedTokens = scoped;
  }
  if ((email === undefined) !== (key === undefined))
    fail("--auth-email and --auth-key (or their variables) go together: give both or neither");
  if (email !== undefined && key !== undefined) {
    options.legacyAuth = { email, key };
    try {
      checkLegacyAuth(options.legacyAuth);
    } catch (err) {
      fail(`invalid legacy credentials: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // Nothing reads the log in CLI mode (stderr gets method, path and status): keep it small.
  options.requestLog = CLI_REQUEST_LOG;
  options.onRequest = (r) =>
    process.stderr.write(`${r.method} ${r.path} -> ${r.status ?? "dropped"}${r.tokenName === undefined ? "" : ` [${r.tokenName}]`}\n`);
  if (options.apiToken === undefined && options.scopedTokens === undefined) {
    process.stderr.write("warning: no --token (or EMULATOR_API_TOKEN): any well-formed Bearer token is accepted\n");
  }
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
