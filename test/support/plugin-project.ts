// The provider plugin as users get it, for the end-to-end test: the tarball `npm run build:plugin`
// makes, installed into a suite's own PULUMI_HOME, and a YAML program that declares mappings.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { MappingSpec } from "./e2e-harness";
import { REPO_ROOT } from "./e2e-harness";

export const PLUGIN_NAME = "cloudflare-origin-cloud-regions";
export const PLUGIN_TYPE = `${PLUGIN_NAME}:index:OriginCloudRegionMappings`;
export const PLUGIN_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** Packs the plugin from dist/ (built before the suite runs) and returns the tarball's path. */
export function buildPluginTarball(pathPrefix: string): string {
  const built = spawnSync("bash", [path.join(REPO_ROOT, "scripts", "build-plugin.sh")], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, PATH: `${pathPrefix}${path.delimiter}${process.env["PATH"] ?? ""}`, PCOCR_PLUGIN_SKIP_BUILD: "1" },
  });
  if (built.status !== 0) throw new Error(`npm run build:plugin failed (exit ${built.status}):\n${built.stderr.slice(-4000)}`);
  const tarball = built.stdout.trim().split("\n").pop() ?? "";
  if (!fs.existsSync(tarball)) throw new Error(`build-plugin.sh printed ${JSON.stringify(tarball)}, which is not a file`);
  return tarball;
}

/** The program's resource: `name` in `zoneId` with `mappings`, and extra properties (adopt, exclusive). */
export interface YamlResource {
  zoneId: string;
  mappings: MappingSpec[];
  adopt?: boolean;
}

/** Writes `Pulumi.yaml` in `dir`: one resource named `maps`, its mappings in flow style (one per line). */
export function writeYamlProgram(dir: string, project: string, resource: YamlResource): void {
  const lines = [
    `name: ${project}`,
    "runtime: yaml",
    "resources:",
    "  maps:",
    `    type: ${PLUGIN_TYPE}`,
    "    properties:",
    `      zoneId: ${resource.zoneId}`,
    ...(resource.adopt === undefined ? [] : [`      adopt: ${resource.adopt}`]),
    "      mappings:",
    ...resource.mappings.map((m) => `        - { ip: "${m.ip}", vendor: ${m.vendor}, region: ${m.region} }`),
    "outputs:",
    "  family: ${maps.apiFamily}",
    "",
  ];
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), lines.join("\n"));
}
