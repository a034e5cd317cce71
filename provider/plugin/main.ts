/**
 * The provider plugin's entry: `pulumi-resource-cloudflare-origin-cloud-regions` runs
 * `node dist/provider/plugin/main.js <engine address>`; the engine reads the port it prints.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { main } from "@pulumi/pulumi/provider";
import { captureConfigure } from "./configure";
import { pluginProvider } from "./provider";
import { PLUGIN_SETTINGS } from "./schema";

/** The plugin's version is the package's. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

const sessionKey = {};
captureConfigure(sessionKey, PLUGIN_SETTINGS);
main(pluginProvider(packageVersion(), sessionKey), process.argv.slice(2)).catch((error: unknown) => {
  console.error(`The provider plugin could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
