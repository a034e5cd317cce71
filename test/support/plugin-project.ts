// The provider plugin as users get it, for the end-to-end tests: the tarball `npm run build:plugin`
// makes, installed into a suite's own PULUMI_HOME, and programs in other languages that declare
// mappings through it: YAML, and Go through the generated Go SDK.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { MappingSpec } from "./e2e-harness";
import { REPO_ROOT } from "./e2e-harness";

export const PLUGIN_NAME = "cloudflare-origin-cloud-regions";
export const PLUGIN_TYPE = `${PLUGIN_NAME}:index:OriginCloudRegionMappings`;
export const PLUGIN_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The environment of the build scripts: the toolchain's PATH prefix first, and dist/ read as built. */
export function toolchainEnv(pathPrefix: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${pathPrefix}${path.delimiter}${process.env["PATH"] ?? ""}`, PCOCR_PLUGIN_SKIP_BUILD: "1" };
}

/** How Go builds run here: modules fetched as needed, no cgo, no workspace file. */
export const GO_ENV = { GOFLAGS: "-mod=mod", CGO_ENABLED: "0", GOWORK: "off" } as const;

/** Runs a command and returns its stdout; throws with the end of its output when it exits non-zero. */
export function runOrThrow(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${r.status}:\n${`${r.stdout}${r.stderr}`.slice(-4000)}`);
  return r.stdout;
}

/** Packs the plugin from dist/ (built before the suite runs) and returns the tarball's path. */
export function buildPluginTarball(pathPrefix: string): string {
  const printed = runOrThrow("bash", [path.join(REPO_ROOT, "scripts", "build-plugin.sh")], REPO_ROOT, toolchainEnv(pathPrefix));
  const tarball = printed.trim().split("\n").pop() ?? "";
  if (!fs.existsSync(tarball)) throw new Error(`build-plugin.sh printed ${JSON.stringify(tarball)}, which is not a file`);
  return tarball;
}

/** The program's resource, `maps`: `mappings` in `zoneId`, and whether to adopt. */
export interface ProgramResource {
  zoneId: string;
  mappings: MappingSpec[];
  adopt?: boolean;
}

/** Writes `Pulumi.yaml` in `dir`: one resource named `maps`, its mappings in flow style (one per line). */
export function writeYamlProgram(dir: string, project: string, resource: ProgramResource): void {
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

/** A language whose programs use the plugin, as the shared end-to-end scenarios drive it. */
export interface PluginProgram {
  language: string;
  /** Writes the project into `dir` and builds what it needs (`pathPrefix`: the toolchain's PATH prefix). */
  prepare(dir: string, pathPrefix: string): void;
  /** Makes the program declare `resource` from the next command on. */
  declare(dir: string, resource: ProgramResource): void;
}

export const yamlProgram: PluginProgram = {
  language: "YAML",
  prepare: () => undefined,
  declare: (dir, resource) => writeYamlProgram(dir, "plugin-yaml", resource),
};

const GO_PROGRAM = path.join(REPO_ROOT, "test", "e2e", "go-program", "main.go");

/**
 * A Go program through the generated Go SDK (dist-sdk/go, which `npm run build:sdks` makes), with a
 * `replace` for it; the Go language host (scripts/toolchain-hosts.sh) builds and runs it at each command.
 * The program reads its mappings from program.json (see test/e2e/go-program/main.go).
 */
export const goProgram: PluginProgram = {
  language: "Go",
  prepare(dir, pathPrefix) {
    const env = { ...toolchainEnv(pathPrefix), ...GO_ENV };
    runOrThrow("bash", [path.join(REPO_ROOT, "scripts", "build-sdks.sh")], REPO_ROOT, env);
    writeGoMod(dir, "local.invalid/plugin-go");
    fs.copyFileSync(GO_PROGRAM, path.join(dir, "main.go"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: plugin-go\nruntime: go\n");
    runOrThrow(goBinary(), ["mod", "tidy"], dir, env);
    // Built once here so that a compile error fails with the compiler's message; the host builds it again at each command.
    runOrThrow(goBinary(), ["build", "-o", os.devNull, "."], dir, env);
  },
  declare: (dir, resource) => fs.writeFileSync(path.join(dir, "program.json"), JSON.stringify(resource)),
};

/**
 * Writes `dir/go.mod` for a program that uses the generated Go SDK (dist-sdk/go) through a `replace`,
 * with `more` lines; `go mod tidy` then takes the Pulumi Go SDK at the version the generated SDK requires.
 */
export function writeGoMod(dir: string, module: string, more: readonly string[] = []): void {
  const sdk = "cloudflare-origin-cloud-regions/sdk/go";
  const lines = [
    `module ${module}`,
    "",
    "go 1.25",
    "",
    `require ${sdk} v0.0.0`,
    `replace ${sdk} => ${path.join(REPO_ROOT, "dist-sdk", "go")}`,
  ];
  fs.writeFileSync(path.join(dir, "go.mod"), [...lines, ...more, ""].join("\n"));
}

/** The `go` command: from PATH, else where Go's own installer puts it. */
export function goBinary(): string {
  const found = spawnSync("bash", ["-c", "command -v go || true"], { encoding: "utf8" }).stdout.trim();
  return found !== "" ? found : "/usr/local/go/bin/go";
}
