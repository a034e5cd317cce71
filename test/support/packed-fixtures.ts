/**
 * Mocha global setup of the real-CLI suites: the fixture projects run the package as built and
 * packed, as a user's project does. `npm pack` of the repository (its prepare script builds dist/),
 * unpacked into each fixture's node_modules/<package>: the programs import the package by name, the
 * provider is stored as the stub that requires the package's entry module by path, and the
 * provider host loads it from there. The package's dependencies resolve from the repository's
 * node_modules, as hoisted dependencies do in a user's project.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./e2e-harness";
import { packRepository } from "./installed-package";

const PACKAGE = "pulumi-cloudflare-origin-cloud-regions";

/** The fixture projects whose programs import the package by name. */
export const PACKED_FIXTURES = [path.join(REPO_ROOT, "test", "e2e", "fixture"), path.join(REPO_ROOT, "test", "e2e", "migration-fixture")];

export async function mochaGlobalSetup(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcocr-packed-"));
  try {
    const { tarball } = await packRepository(work, process.env);
    execFileSync("tar", ["-xzf", tarball, "-C", work]);
    for (const fixture of PACKED_FIXTURES) {
      const target = path.join(fixture, "node_modules", PACKAGE);
      fs.rmSync(target, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.cpSync(path.join(work, "package"), target, { recursive: true });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
