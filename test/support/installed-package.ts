// Support for the installed-package end-to-end spec: pack the repository with npm, lay out a user's
// project (test/e2e/installed-fixture) in a temporary folder outside the repository, and run commands
// there (npm, npx, node) with the toolchain first on PATH.

import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, excerpt } from "./e2e-harness";
import { withoutSettings } from "./isolated-env";

export const INSTALLED_FIXTURE_DIR = path.join(REPO_ROOT, "test", "e2e", "installed-fixture");

export interface CommandResult {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Resolve with the result instead of throwing when the exit code is not 0. */
  allowFailure?: boolean;
}

/** Runs a command to completion; throws with the output's tail when it fails (unless allowed). */
export async function run(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const started = Date.now();
  const shown = [command, ...args].join(" ");
  const result = await new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ command: shown, code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
  });
  if (result.code !== 0 && !options.allowFailure) {
    throw new Error(`${shown} (in ${options.cwd}) exited with ${result.code}\n${excerpt(`${result.stdout}\n${result.stderr}`)}`);
  }
  return result;
}

/**
 * The environment for npm and node in the user's project: the toolchain first on PATH, and none of
 * the lowercase `npm_*` variables that `npm test` sets for its scripts (such as
 * `npm_config_local_prefix`, the repository), so that npm works on the temporary project as if a
 * user had typed the command there. Uppercase `NPM_CONFIG_*` settings of the machine are kept.
 */
export function userEnv(pathPrefix: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(withoutSettings(process.env))) {
    if (!key.startsWith("npm_")) env[key] = value;
  }
  env["PATH"] = `${pathPrefix}${path.delimiter}${process.env["PATH"] ?? ""}`;
  return env;
}

export interface PackedPackage {
  /** Absolute path of the tarball. */
  tarball: string;
  /** Paths inside the package, e.g. "dist/provider/index.js". */
  files: string[];
  size: number;
  unpackedSize: number;
}

/** `npm pack` of the repository (its prepare script builds dist/ first) into `destDir`. */
export async function packRepository(destDir: string, env: NodeJS.ProcessEnv): Promise<PackedPackage> {
  const result = await run("npm", ["pack", "--json", "--pack-destination", destDir], { cwd: REPO_ROOT, env });
  // With --json, prepare's output (the build) goes to stderr and stdout is the JSON document alone.
  const [info] = JSON.parse(result.stdout) as Array<{
    filename: string;
    files: Array<{ path: string }>;
    size: number;
    unpackedSize: number;
  }>;
  if (!info) throw new Error(`npm pack printed no package description:\n${excerpt(result.stdout)}`);
  return {
    tarball: path.join(destDir, info.filename),
    files: info.files.map((f) => f.path).sort(),
    size: info.size,
    unpackedSize: info.unpackedSize,
  };
}

/** Versions the user's project depends on besides the package. */
export interface ProjectDependencies {
  pulumi: string;
  zod: string;
  undici: string;
  typescript: string;
  typesNode: string;
}

/**
 * Lays out the user's project in `projectDir`: the fixture's Pulumi.yaml, tsconfig.json and
 * programs, a package.json like `pulumi new typescript` writes, and the tarball next to them, to be
 * installed with `npm install ./<tarball>` as the README says.
 */
export function layOutProject(projectDir: string, tarball: string, deps: ProjectDependencies): string {
  for (const name of fs.readdirSync(INSTALLED_FIXTURE_DIR)) {
    fs.copyFileSync(path.join(INSTALLED_FIXTURE_DIR, name), path.join(projectDir, name));
  }
  const manifest = {
    name: "installed-package-e2e",
    private: true,
    main: "index.ts",
    dependencies: { "@pulumi/pulumi": deps.pulumi, undici: deps.undici, zod: deps.zod },
    devDependencies: { "@types/node": deps.typesNode, typescript: deps.typescript },
  };
  fs.writeFileSync(path.join(projectDir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const local = path.join(projectDir, path.basename(tarball));
  fs.copyFileSync(tarball, local);
  return `./${path.basename(tarball)}`;
}

/** A long-running command (the emulator's bin) whose first stdout line is awaited. */
export interface Background {
  firstLine: string;
  output(): string;
  /** Sends SIGTERM to the process group; resolves with how the command ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a command in its own process group (npx starts node under a shell), waits for its first
 * line of stdout, and stops the whole group on `stop()`.
 */
export async function startBackground(command: string, args: string[], options: CommandOptions, timeoutMs = 60_000): Promise<Background> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} printed no line within ${timeoutMs} ms\n${stdout}${stderr}`)), timeoutMs);
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      const end = stdout.indexOf("\n");
      if (end >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, end));
      }
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${command} ended (${signal ?? code}) before printing a line\n${stdout}${stderr}`));
    });
  });
  return {
    firstLine,
    output: () => `${stdout}${stderr}`,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      return exited;
    },
  };
}

/** Every file under `dir` as text, skipping node_modules and the tarball. */
export function projectFiles(dir: string): Array<{ file: string; text: string }> {
  const files: Array<{ file: string; text: string }> = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(full);
      } else if (!entry.name.endsWith(".tgz")) {
        files.push({ file: full, text: fs.readFileSync(full, "utf8") });
      }
    }
  };
  walk(dir);
  return files;
}

/** What `git archive` takes of a commit to build the package as it was then. */
const PACKAGE_SOURCES = "provider emulator tsconfig.json tsconfig.build.json package.json README.md CHANGELOG.md LICENSE".split(" ");

type PackInfo = { filename: string; files: Array<{ path: string }>; size: number; unpackedSize: number };

/**
 * `npm pack` of the package as it was at `commit` (a full hash), with no network: its sources from
 * `git archive` into `workDir`, compiled by the repository's tsc against the repository's
 * node_modules (symlinked), packed without running scripts into `workDir`. The tarball is named
 * `<package>-<version>-<short hash>.tgz`, so that a project can tell it from the current one.
 * Fails when the commit is not in this clone's history (a shallow clone).
 */
export async function packCommit(commit: string, workDir: string, env: NodeJS.ProcessEnv): Promise<PackedPackage> {
  const inRepo = { cwd: REPO_ROOT, env };
  const known = await run("git", ["cat-file", "-e", `${commit}^{commit}`], { ...inRepo, allowFailure: true });
  if (known.code !== 0) {
    throw new Error(`commit ${commit} is not in this clone's history (a shallow clone?): \`git fetch --unshallow\`, then run again`);
  }
  const short = commit.slice(0, 7);
  const sources = path.join(workDir, `src-${short}`);
  const archive = path.join(workDir, `${short}.tar`);
  fs.mkdirSync(sources, { recursive: true });
  await run("git", ["archive", "--format=tar", "-o", archive, commit, ...PACKAGE_SOURCES], inRepo);
  await run("tar", ["-x", "-f", archive, "-C", sources], inRepo);
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(sources, "node_modules"), "dir");
  const inSources = { cwd: sources, env };
  await run(path.join(REPO_ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json"], inSources);
  const result = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", workDir], inSources);
  const [info] = JSON.parse(result.stdout) as Array<PackInfo | undefined>;
  if (!info) throw new Error(`npm pack printed no package description:\n${excerpt(result.stdout)}`);
  const tarball = path.join(workDir, info.filename.replace(/\.tgz$/, `-${short}.tgz`));
  fs.renameSync(path.join(workDir, info.filename), tarball);
  return { tarball, files: info.files.map((f) => f.path).sort(), size: info.size, unpackedSize: info.unpackedSize };
}
