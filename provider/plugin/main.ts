/**
 * The provider plugin's entry: `pulumi-resource-cloudflare-origin-cloud-regions` runs
 * `node dist/provider/plugin/main.js <engine address>`; the engine reads the port it prints.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "@pulumi/pulumi/provider";
import { reportTo } from "../host/session";
import { captureConfigure } from "./configure";
import { engineReporter, stepUrns } from "./engine-log";
import { pluginProvider } from "./provider";
import { PLUGIN_SETTINGS } from "./schema";

/** The plugin's version is the package's. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/** The engine's address: the first argument that is not a logging or tracing flag (as the server reads it). */
function engineAddress(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--tracing") i++;
    else if (arg !== "--logtostderr" && !arg.startsWith("-v=")) return arg;
  }
  return undefined;
}

const args = process.argv.slice(2);
const sessionKey = {};
const urns = stepUrns();
reportTo(sessionKey, engineReporter(engineAddress(args), urns));
captureConfigure(sessionKey, PLUGIN_SETTINGS);
main(pluginProvider(packageVersion(), sessionKey, urns), args).catch((error: unknown) => {
  console.error(`The provider plugin could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
