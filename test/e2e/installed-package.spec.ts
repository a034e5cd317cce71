// End-to-end, as a user gets the package: `npm pack` of this repository, `npm install ./<tarball>` in a
// fresh project outside the repository that also depends on zod 3 and undici 5 (majors the package
// does not use), then the real Pulumi CLI runs that project's program (preview, up, a one-IP update,
// refresh, destroy) against an in-process emulator. Steps run in order and share one project.
//
//   npx mocha --config .mocharc.e2e.json test/e2e/installed-package.spec.ts   (E2E_KEEP=1 keeps the folders)

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import {
  PulumiCli,
  REGIONS,
  REPO_ROOT,
  TestStack,
  makeMappings,
  mappingsResource,
  resolveToolchain,
  zoneIdFor,
} from "../support/e2e-harness";
import { asHeld } from "../support/e2e-suite";
import type { CommandResult, PackedPackage } from "../support/installed-package";
import { assertPackedFiles, RESOLVED_VERSIONS, type ResolvedVersions } from "../support/package-contents";
import { assertPinnedStoredProvider } from "../support/stored-provider";
import { layOutProject, packRepository, projectFiles, run, startBackground, userEnv } from "../support/installed-package";

const PACKAGE = "pulumi-cloudflare-origin-cloud-regions";
const repoManifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface NpmTree {
  version?: string;
  dependencies?: Record<string, NpmTree>;
}

describe("installed package: npm pack, npm install next to zod 3 and undici 5, real CLI", function () {
  const token = `e2e-installed-${randomBytes(18).toString("hex")}`;
  const zoneId = zoneIdFor("installed", randomBytes(4).toString("hex"));
  const initial = makeMappings(5, 5000); // four IPv4 addresses and one IPv6
  const started = Date.now();
  const timings: Array<{ step: string; ms: number }> = [];
  const commands: CommandResult[] = [];
  let env: NodeJS.ProcessEnv;
  let workDir: string;
  let projectDir: string;
  let packed: PackedPackage;
  let emulator: Emulator;
  let cli: PulumiCli;
  let stack: TestStack;

  async function timed<T>(step: string, body: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    try {
      return await body();
    } finally {
      timings.push({ step, ms: Date.now() - t0 });
    }
  }

  async function inProject(command: string, args: string[]): Promise<CommandResult> {
    const result = await run(command, args, { cwd: projectDir, env });
    commands.push(result);
    return result;
  }

  const held = (): string[] => asHeld(emulator.mappings(zoneId));

  before(async function () {
    this.timeout(90 * 60_000); // the first toolchain run on a machine builds the Pulumi CLI
    const prefix = await resolveToolchain();
    env = userEnv(prefix);
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcocr-installed-"));
    projectDir = path.join(workDir, "project");
    fs.mkdirSync(projectDir);
    emulator = await startEmulator({ port: 0, apiToken: token });
    cli = new PulumiCli(prefix, projectDir);
    stack = new TestStack(cli, "installed");
  });

  after(async function () {
    this.timeout(120_000);
    if (emulator) await emulator.close();
    const total = timings.reduce((n, t) => n + t.ms, 0);
    for (const t of timings) console.log(`      ${t.step.padEnd(28)} ${(t.ms / 1000).toFixed(1).padStart(6)} s`);
    console.log(`  installed-package e2e: steps ${(total / 1000).toFixed(1)} s, suite ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (process.env["E2E_KEEP"]) {
      console.log(`  kept ${workDir} and ${cli?.root}`);
    } else {
      cli?.dispose();
      if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    }
  });

  it("1. npm pack ships compiled JavaScript, declarations, README, CHANGELOG and LICENSE; no source maps, no .ts sources", async function () {
    packed = await timed("npm pack (builds dist/)", () => packRepository(workDir, env));
    assertPackedFiles(packed.files);
    console.log(
      `      ${path.basename(packed.tarball)}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`,
    );
  });

  it("2. npm install ./<tarball> next to zod 3 and undici 5: the program resolves zod 3/undici 5, the package its own zod 4/undici 7", async function () {
    const tarball = layOutProject(projectDir, packed.tarball, {
      pulumi: repoManifest.devDependencies["@pulumi/pulumi"] ?? "",
      zod: "3",
      undici: "5",
      typescript: repoManifest.devDependencies["typescript"] ?? "",
      typesNode: repoManifest.devDependencies["@types/node"] ?? "",
    });
    await timed("npm install ./<tarball>", () => inProject("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball]));

    const tree = JSON.parse((await inProject("npm", ["ls", "zod", "undici", PACKAGE, "--all", "--json"])).stdout) as NpmTree;
    const top = tree.dependencies ?? {};
    const nested = top[PACKAGE]?.dependencies ?? {};
    assert.match(top["zod"]?.version ?? "", /^3\./, "the program's zod");
    assert.match(top["undici"]?.version ?? "", /^5\./, "the program's undici");
    assert.equal(nested["zod"]?.version, repoManifest.dependencies["zod"], "the package's own zod");
    assert.equal(nested["undici"]?.version, repoManifest.dependencies["undici"], "the package's own undici");

    // The same, as Node resolves it from the program and from inside the installed package.
    const resolved = JSON.parse((await inProject("node", ["-e", RESOLVED_VERSIONS])).stdout) as ResolvedVersions;
    assert.match(resolved.program.zod, /^3\./);
    assert.match(resolved.program.undici, /^5\./);
    assert.deepEqual(resolved.pkg, { zod: repoManifest.dependencies["zod"], undici: repoManifest.dependencies["undici"] });

    const installed = path.join(projectDir, "node_modules", PACKAGE);
    const js = projectFiles(path.join(installed, "dist")).filter((f) => f.file.endsWith(".js"));
    assert.ok(js.length > 10);
    for (const f of js) assert.ok(!f.text.includes("sourceMappingURL"), `${f.file} references a source map`);
    assert.ok(fs.readFileSync(path.join(installed, "dist", "emulator", "main.js"), "utf8").startsWith("#!/usr/bin/env node\n"));
  });

  it("3. the user's tsc (strict, moduleResolution node) accepts the program: isVendor narrows, the emulator subpath's types resolve", async function () {
    await timed("tsc --noEmit in the project", () => inProject("npx", ["--no-install", "tsc", "--noEmit", "-p", "."]));
  });

  it("4. npx cf-ocr-emulator --port 0 runs the compiled emulator with plain node (the project has no ts-node)", async function () {
    const tsNode = await run("node", ["-e", 'require.resolve("ts-node")'], { cwd: projectDir, env, allowFailure: true });
    assert.notEqual(tsNode.code, 0, "ts-node must not be resolvable in the project");
    const binToken = `bin-${randomBytes(12).toString("hex")}`;
    await timed("npx cf-ocr-emulator", async () => {
      const emulatorEnv = { ...env, EMULATOR_API_TOKEN: binToken };
      const bin = await startBackground("npx", ["--no-install", "cf-ocr-emulator", "--port", "0"], { cwd: projectDir, env: emulatorEnv });
      try {
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)$/.exec(bin.firstLine)?.[1];
        assert.ok(url, `unexpected first line: ${bin.firstLine}`);
        const response = await fetch(`${url}/zones/${zoneId}/origin/cloud_regions`, { headers: { authorization: `Bearer ${binToken}` } });
        const body = (await response.json()) as { success?: boolean; result?: unknown };
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.equal(body.success, true);
        assert.deepEqual(body.result, []);
      } finally {
        // npx itself ends by the signal; the emulator under it exits 0 (it prints nothing more).
        const end = await bin.stop();
        assert.ok(end.code === 0 || end.signal === "SIGTERM", `ended with ${JSON.stringify(end)}\n${bin.output()}`);
        assert.doesNotMatch(bin.output(), /emulator: |Error/, "no error output");
      }
    });
  });

  it("5. pulumi preview: one resource to create, nothing written", async function () {
    await stack.init({ zoneId, mappings: initial }, emulator.url, token);
    emulator.clearRequests();
    const preview = await timed("pulumi preview", () => stack.preview(["--diff"]));
    assert.match(preview.output, /pulumi-nodejs:dynamic\/cloudflare:OriginCloudRegionMappings/);
    assert.match(preview.output, /\+ 2 to create/);
    for (const m of initial) assert.ok(preview.output.includes(m.ip), `preview names ${m.ip}`);
    assert.deepEqual(emulator.writeRequests(), []);
  });

  it("6. pulumi up creates the mappings in one batch; the provider host loads the installed package by name", async function () {
    const up = await timed("pulumi up", () => stack.up());
    assert.match(up.output, /\+ 2 created/);
    assert.deepEqual(held(), asHeld(initial));
    const writes = emulator.writeRequests();
    assert.deepEqual(
      writes.map((w) => `${w.method} ${w.path}`),
      [`PUT /zones/${zoneId}/origin/cloud_regions/batch`],
    );

    const outputs = JSON.parse((await cli.run(["stack", "output", "--json", "--stack", stack.name])).stdout) as Record<string, unknown>;
    assert.match(String(outputs["programZod"]), /^3\./, "the program ran with its zod 3");
    assert.match(String(outputs["programUndici"]), /^5\./, "the program ran with its undici 5");

    // The serialized provider refers to the package's modules by the package's name, so the provider
    // host loads them from node_modules/<package>, where require("zod") and require("undici") find the
    // package's own majors. A bare require("zod") in it would load the program's zod 3 instead.
    const resource = mappingsResource(await stack.export());
    const code = String(resource?.outputs?.["__provider"] ?? "");
    assert.doesNotMatch(code, /require\("(zod|undici)[^"]*"\)/);
    // The stored provider is a stub: the paths it requires are frozen (refresh and destroy load them
    // from whatever version is installed), so they must be exactly the checked-in list.
    assertPinnedStoredProvider(code, packed.files);
  });

  it("7. a one-IP update sends one batch PUT naming only that IP", async function () {
    const target = initial[2]!;
    const newRegion = REGIONS[target.vendor].find((r) => r !== target.region)!;
    const updated = initial.map((m) => (m === target ? { ...m, region: newRegion } : m));
    await stack.configure({ zoneId, mappings: updated });
    emulator.clearRequests();
    const up = await timed("pulumi up (one-IP update)", () => stack.up());
    assert.match(up.output, /~ 1 updated/);
    const writes = emulator.writeRequests();
    assert.equal(writes.length, 1, writes.map((w) => `${w.method} ${w.path}`).join(", "));
    assert.equal(writes[0]?.method, "PUT");
    assert.deepEqual(writes[0]?.body, [{ origin_ip: target.ip, vendor: target.vendor, region: newRegion }]);
    assert.deepEqual(held(), asHeld(updated));
  });

  it("8. pulumi refresh reports a mapping changed outside Pulumi, and writes nothing", async function () {
    const drifted = initial[4]!;
    const driftRegion = REGIONS[drifted.vendor].find((r) => r !== drifted.region)!;
    emulator.putMapping(zoneId, { ...drifted, region: driftRegion });
    emulator.clearRequests();
    const refresh = await timed("pulumi refresh", () => stack.refresh(["--diff"]));
    assert.ok(refresh.output.includes(drifted.ip) && refresh.output.includes(driftRegion), "refresh shows the drifted mapping");
    assert.match(refresh.output, /~ 1 updated/);
    assert.deepEqual(emulator.writeRequests(), []);
  });

  it("9. pulumi destroy removes every mapping in one batch DELETE", async function () {
    emulator.clearRequests();
    const destroy = await timed("pulumi destroy", () => stack.destroy());
    assert.match(destroy.output, /- 2 deleted/);
    assert.deepEqual(held(), []);
    const writes = emulator.writeRequests();
    assert.deepEqual(
      writes.map((w) => w.method),
      ["DELETE"],
    );
    assert.deepEqual([...((writes[0]?.body as string[]) ?? [])].sort(), initial.map((m) => m.ip).sort());
  });

  it("10. the API token appears in no state file, CLI or npm output, or project file", function () {
    assert.ok(emulator.requests.length > 0 && emulator.requests.every((r) => r.authorized), "every request carried the token");
    for (const f of cli.backendFiles()) assert.ok(!f.text.includes(token), `token in ${f.file}`);
    for (const r of cli.transcript) assert.ok(!r.output.includes(token), `token in the output of pulumi ${r.args.join(" ")}`);
    for (const c of commands) assert.ok(!`${c.stdout}${c.stderr}`.includes(token), `token in the output of ${c.command}`);
    for (const f of projectFiles(projectDir)) assert.ok(!f.text.includes(token), `token in ${f.file}`);
    assert.ok(fs.existsSync(stack.configFile), "the stack's config file was checked");
  });
});
