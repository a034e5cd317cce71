// End-to-end upgrade, with the real CLI: stacks created with the package as it was at OLD_COMMIT, whose
// state stores the whole provider class (it requires 16 of the package's modules by path), keep
// working once the current package is installed. Both tarballs are built here with no network (the
// old one from `git archive`), installed in one user's project (test/e2e/installed-fixture) with two
// stacks, against an in-process emulator. Steps run in order.
//   A. `refresh` and `destroy` before any `up`: the OLD stored code runs against the NEW package,
//      through the forwarding modules at the old paths (scripts/forwarding-modules.json).
//   B. the first `up` rewrites the stored provider into the stub (the current IMPL_VERSION), writing nothing.
//
//   npx mocha --config .mocharc.e2e.json test/e2e/upgrade.spec.ts   (E2E_KEEP=1 keeps the folders)
// (the config's spec list runs too; this file alone: npx mocha --no-config -r ts-node/register/transpile-only
// --extension ts --timeout 600000 test/e2e/upgrade.spec.ts)

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { PulumiCli, REPO_ROOT, TestStack, makeMappings, mappingsResource, resolveToolchain, zoneIdFor } from "../support/e2e-harness";
import type { MappingSpec } from "../support/e2e-harness";
import { IMPL_VERSION } from "../../provider/core/state-shape";
import { asHeld } from "../support/e2e-suite";
import type { CommandResult, PackedPackage } from "../support/installed-package";
import { layOutProject, packCommit, packRepository, projectFiles, run, userEnv } from "../support/installed-package";
import { PACKAGE, pinnedStoredProvider, requiresOf } from "../support/stored-provider";

/** The last layout before the stored provider became a stub. */
const OLD_COMMIT = "2ac732b2ee93f772d022ebde1c3c10fa32d261fc";

const repoManifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};

describe(`upgrade: state written by the package at ${OLD_COMMIT.slice(0, 7)}, with the current package installed`, function () {
  const token = `e2e-upgrade-${randomBytes(18).toString("hex")}`;
  const salt = randomBytes(4).toString("hex");
  const zoneA = zoneIdFor("upgrade-a", salt);
  const zoneB = zoneIdFor("upgrade-b", salt);
  const mappingsA = makeMappings(150, 7000);
  const mappingsB = makeMappings(5, 7400);
  const commands: CommandResult[] = [];
  let env: NodeJS.ProcessEnv;
  let workDir: string;
  let projectDir: string;
  let oldPacked: PackedPackage;
  let newPacked: PackedPackage;
  let emulator: Emulator;
  let cli: PulumiCli;
  let stackA: TestStack;
  let stackB: TestStack;

  async function inProject(command: string, args: string[]): Promise<CommandResult> {
    const result = await run(command, args, { cwd: projectDir, env });
    commands.push(result);
    return result;
  }

  async function storedProvider(stack: TestStack): Promise<{ code: string; outputs: Record<string, unknown> }> {
    const outputs = mappingsResource(await stack.export())?.outputs ?? {};
    return { code: String(outputs["__provider"] ?? ""), outputs };
  }

  const held = (zoneId: string): string[] => asHeld(emulator.mappings(zoneId));
  const ipsOf = (list: readonly MappingSpec[]): string[] => list.map((m) => m.ip).sort();

  before(async function () {
    this.timeout(90 * 60_000); // the first toolchain run on a machine builds the Pulumi CLI
    const prefix = await resolveToolchain();
    env = userEnv(prefix);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcocr-upgrade-"));
    projectDir = path.join(workDir, "project");
    fs.mkdirSync(projectDir);
    emulator = await startEmulator({ port: 0, apiToken: token });
    cli = new PulumiCli(prefix, projectDir);
    stackA = new TestStack(cli, "upgrade-a");
    stackB = new TestStack(cli, "upgrade-b");
  });

  after(async function () {
    this.timeout(120_000);
    if (emulator) await emulator.close();
    if (process.env["E2E_KEEP"]) {
      console.log(`  kept ${workDir} and ${cli?.root}`);
    } else {
      cli?.dispose();
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    }
  });

  it(`1. packs the package as it was at ${OLD_COMMIT.slice(0, 7)} (git archive, the repository's tsc) and as it is now`, async function () {
    oldPacked = await packCommit(OLD_COMMIT, path.join(workDir, "old"), env);
    assert.ok(oldPacked.files.includes("dist/provider/provider.js"), "the old package ships the whole provider class");
    newPacked = await packRepository(fs.mkdtempSync(path.join(workDir, "new-")), env);
    assert.ok(newPacked.files.includes("dist/provider/host/entry.js"));
  });

  it("2. with the old package installed, up creates stack A's 150 mappings and stack B's 5; their stored provider requires the old module paths", async function () {
    const tarball = layOutProject(projectDir, oldPacked.tarball, {
      pulumi: repoManifest.devDependencies["@pulumi/pulumi"] ?? "",
      zod: "3",
      undici: "5",
      typescript: repoManifest.devDependencies["typescript"] ?? "",
      typesNode: repoManifest.devDependencies["@types/node"] ?? "",
    });
    await inProject("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball]);
    for (const [stack, zoneId, mappings] of [
      [stackA, zoneA, mappingsA],
      [stackB, zoneB, mappingsB],
    ] as const) {
      await stack.init({ zoneId, mappings: [...mappings] }, emulator.url, token);
      const up = await stack.up();
      assert.match(up.output, /\+ 2 created/);
      assert.deepEqual(held(zoneId), asHeld(mappings));

      const { code, outputs } = await storedProvider(stack);
      assert.equal(outputs["implVersion"], 3);
      const requires = requiresOf(code);
      assert.ok(
        requires.includes(`${PACKAGE}/dist/provider/plan.js`),
        `the old stored provider requires dist/provider/plan.js: ${requires.join(", ")}`,
      );
      assert.ok(!requires.includes(`${PACKAGE}/dist/provider/host/entry.js`));
      assert.equal(requires.length, 16, requires.join(", "));
      // Every path it requires must load from the current package: refresh and destroy need them all.
      for (const module of requires) {
        assert.ok(module.startsWith(`${PACKAGE}/dist/provider/`), `${module} is one of the package's modules`);
        assert.ok(newPacked.files.includes(module.slice(PACKAGE.length + 1)), `${module} is in the current package`);
      }
    }
  });

  it("3. npm install ./<current tarball> replaces the old package", async function () {
    const tarball = path.basename(newPacked.tarball); // named apart from the old one (<package>-<version>-<hash>.tgz)
    fs.copyFileSync(newPacked.tarball, path.join(projectDir, tarball));
    await inProject("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`]);
    const installed = path.join(projectDir, "node_modules", PACKAGE, "dist", "provider");
    assert.ok(fs.existsSync(path.join(installed, "host", "entry.js")), "the current package is installed");
    assert.ok(!fs.existsSync(path.join(installed, "provider.js")), "the old provider class is gone");
  });

  it("A1. pulumi refresh runs the old stored provider against the current package and writes nothing", async function () {
    emulator.clearRequests();
    await stackA.refresh();
    assert.deepEqual(emulator.writeRequests(), []);
    assert.ok(emulator.requests.length > 0, "refresh read the zone");
    assert.deepEqual(held(zoneA), asHeld(mappingsA));
    const { code, outputs } = await storedProvider(stackA);
    assert.ok(requiresOf(code).includes(`${PACKAGE}/dist/provider/plan.js`), "the state still holds the old stored provider");
    assert.equal(Object.keys((outputs["mappings"] as Record<string, unknown> | undefined) ?? {}).length, 150);
  });

  it("A2. pulumi destroy runs the old stored provider and empties the zone in 2 batch DELETEs", async function () {
    emulator.clearRequests();
    const destroy = await stackA.destroy();
    assert.match(destroy.output, /- 2 deleted/);
    assert.deepEqual(held(zoneA), []);
    const writes = emulator.writeRequests();
    assert.deepEqual(
      writes.map((w) => `${w.method} ${w.path}`),
      [`DELETE /zones/${zoneA}/origin/cloud_regions/batch`, `DELETE /zones/${zoneA}/origin/cloud_regions/batch`],
    );
    assert.deepEqual(writes.flatMap((w) => w.body as string[]).sort(), ipsOf(mappingsA));
  });

  it("B1. pulumi preview shows one update (the stored provider code) and no mapping changes", async function () {
    emulator.clearRequests();
    const preview = await stackB.preview();
    assert.match(preview.output, /~ 1 to update/);
    assert.match(preview.output, /no mapping changes; the provider code stored in the state is updated/);
    assert.match(preview.output, /OriginCloudRegionMappings origins update \[diff: ~implVersion\]/, "the one property that changes");
    assert.deepEqual(emulator.writeRequests(), []);
  });

  it("B2. pulumi up writes nothing to Cloudflare and rewrites the stored provider into the stub", async function () {
    emulator.clearRequests();
    const up = await stackB.up();
    assert.match(up.output, /~ 1 updated/);
    assert.match(up.output, /0 added, 0 changed, 0 removed \(0 requests/);
    assert.deepEqual(emulator.writeRequests(), []);
    assert.deepEqual(held(zoneB), asHeld(mappingsB));
    const { code, outputs } = await storedProvider(stackB);
    assert.equal(outputs["implVersion"], IMPL_VERSION);
    assert.deepEqual(
      requiresOf(code),
      [...pinnedStoredProvider.requires].sort(),
      "the stored provider requires exactly test/e2e/stored-provider.json's modules",
    );
  });

  it("B3. pulumi destroy empties the zone", async function () {
    emulator.clearRequests();
    const destroy = await stackB.destroy();
    assert.match(destroy.output, /- 2 deleted/);
    assert.deepEqual(held(zoneB), []);
    assert.deepEqual(
      emulator.writeRequests().map((w) => w.method),
      ["DELETE"],
    );
  });

  it("the API token appears in no state file, CLI or npm output, or project file", function () {
    assert.ok(emulator.requests.length > 0 && emulator.requests.every((r) => r.authorized), "every request carried the token");
    for (const f of cli.backendFiles()) assert.ok(!f.text.includes(token), `token in ${f.file}`);
    for (const r of cli.transcript) assert.ok(!r.output.includes(token), `token in the output of pulumi ${r.args.join(" ")}`);
    for (const c of commands) assert.ok(!`${c.stdout}${c.stderr}`.includes(token), `token in the output of ${c.command}`);
    for (const f of projectFiles(projectDir)) assert.ok(!f.text.includes(token), `token in ${f.file}`);
  });
});
