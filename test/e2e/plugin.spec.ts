// The resource provider plugin with the real CLI: the tarball `npm run build:plugin` makes is
// installed with `pulumi plugin install resource … --file`, and programs in two languages drive it
// against the emulator through the same scenarios: a YAML program and a Go program through the
// generated Go SDK (the language hosts scripts/toolchain.sh builds run them). 1,000 mappings up in
// batches, a one-IP change whose `preview --diff` names that IP alone, refresh after drift, a conflict
// refused, destroy. The token is a stack secret under the plugin's namespace and shows up nowhere.
//
//   npm run build && npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 3600000 test/e2e/plugin.spec.ts

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import type { MappingSpec } from "../support/e2e-harness";
import { PulumiCli, excerpt, ipsIn, makeMappings, resolveToolchain, zoneIdFor } from "../support/e2e-harness";
import type { PluginProgram } from "../support/plugin-project";
import { PLUGIN_NAME, PLUGIN_VERSION, buildPluginTarball, goProgram, yamlProgram } from "../support/plugin-project";

const TOKEN = "plugin-e2e-token-7f3a9c";
const COUNT = 1_000;

for (const language of [yamlProgram, goProgram]) describePluginProgram(language);

function describePluginProgram(language: PluginProgram): void {
  describe(`end-to-end: the provider plugin driven by a ${language.language} program`, function () {
    this.timeout(15 * 60_000);
    let emulator: Emulator;
    let cli: PulumiCli;
    let projectDir: string;
    const zoneId = zoneIdFor("plugin", language.language);
    let mappings: MappingSpec[] = makeMappings(COUNT);
    const writes = () => emulator.writeRequests().length;
    const program = (list: MappingSpec[]) => language.declare(projectDir, { zoneId, mappings: list });

    before(async function () {
      const prefix = await resolveToolchain();
      const tarball = buildPluginTarball(prefix);
      emulator = await startEmulator({ apiToken: TOKEN, zones: [zoneId] });
      projectDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcocr-plugin-"));
      cli = new PulumiCli(prefix, projectDir);
      language.prepare(projectDir, prefix);
      program(mappings);
      await cli.run(["plugin", "install", "resource", PLUGIN_NAME, PLUGIN_VERSION, "--file", tarball]);
      await cli.run(["stack", "init", "dev"]);
      await cli.run(["config", "set", `${PLUGIN_NAME}:baseUrl`, emulator.url]);
      await cli.run(["config", "set", "--secret", `${PLUGIN_NAME}:apiToken`], { input: TOKEN });
    });

    after(async function () {
      await emulator?.close();
      if (cli !== undefined) fs.rmSync(cli.root, { recursive: true, force: true, maxRetries: 3 });
      if (projectDir !== undefined) fs.rmSync(projectDir, { recursive: true, force: true, maxRetries: 3 });
    });

    it("installs from the tarball: `pulumi plugin ls` lists it, and `pulumi package get-schema` reads its schema", async () => {
      const listed = await cli.run(["plugin", "ls"]);
      assert.match(listed.output, new RegExp(`${PLUGIN_NAME}\\s+resource\\s+${PLUGIN_VERSION.replace(/\./g, "\\.")}`));
      const schema = JSON.parse((await cli.run(["package", "get-schema", `${PLUGIN_NAME}@${PLUGIN_VERSION}`])).stdout) as {
        version: string;
        resources: Record<string, unknown>;
      };
      assert.equal(schema.version, PLUGIN_VERSION);
      assert.deepEqual(Object.keys(schema.resources), [`${PLUGIN_NAME}:index:OriginCloudRegionMappings`]);
    });

    it(`up creates ${COUNT.toLocaleString("en-US")} mappings in batches of 100`, async () => {
      emulator.clearRequests();
      await cli.run(["up", "--yes"]);
      assert.equal(emulator.mappings(zoneId).length, COUNT);
      assert.equal(writes(), COUNT / 100, "one batch write per 100 mappings");
    });

    it("a one-IP change: preview --diff takes at most 40 lines and names that IP alone; up sends one write", async () => {
      const at = 500;
      const was = mappings[at] as MappingSpec;
      const vendor = "aws";
      const region = was.vendor === "aws" && was.region === "us-east-1" ? "us-west-2" : "us-east-1";
      mappings = mappings.map((m, i) => (i === at ? { ip: m.ip, vendor, region } : m));
      program(mappings);
      emulator.clearRequests();
      const preview = await cli.run(["preview", "--diff"]);
      const lines = preview.output.trimEnd().split("\n");
      assert.ok(lines.length <= 40, `preview --diff printed ${lines.length} lines:\n${excerpt(preview.output)}`);
      // The test's addresses are from reserved ranges, which a warning names (a few, then a count).
      const shown = lines.filter((l) => !/are not public addresses/.test(l)).join("\n");
      assert.deepEqual([...ipsIn(shown)], [was.ip], excerpt(preview.output));
      assert.match(shown, /0 to add, 1 to change, 0 to remove/);
      assert.equal(writes(), 0, "preview writes nothing");
      await cli.run(["up", "--yes"]);
      assert.equal(writes(), 1);
      const now = emulator.mappings(zoneId).find((m) => m.ip === was.ip);
      assert.deepEqual([now?.vendor, now?.region], [vendor, region]);
    });

    it("refresh reports a mapping deleted outside Pulumi; the next up restores it", async () => {
      const gone = mappings[7] as MappingSpec;
      assert.ok(emulator.deleteMapping(zoneId, gone.ip));
      const refresh = await cli.run(["refresh", "--yes"]);
      assert.match(
        refresh.output,
        new RegExp(`- ${gone.ip.replace(/\./g, "\\.")} \\(was ${gone.vendor}/${gone.region}\\): no longer in the zone`),
      );
      emulator.clearRequests();
      await cli.run(["up", "--yes"]);
      assert.equal(writes(), 1);
      assert.equal(emulator.mappings(zoneId).length, COUNT);
    });

    it("an IP the zone maps elsewhere is refused in preview and up, and nothing is written", async () => {
      const foreign = { ip: "2001:db8:f00::1", vendor: "gcp", region: "us-central1" };
      emulator.putMapping(zoneId, foreign);
      program([...mappings, { ip: foreign.ip, vendor: "aws", region: "us-east-1" }]);
      emulator.clearRequests();
      const preview = await cli.run(["preview"], { allowFailure: true });
      assert.notEqual(preview.code, 0);
      assert.match(preview.output, /already maps 1 declared IP to another vendor or region/);
      assert.match(preview.output, /2001:db8:f00::1: the zone has gcp\/us-central1, declared aws\/us-east-1/);
      const up = await cli.run(["up", "--yes"], { allowFailure: true });
      assert.notEqual(up.code, 0);
      assert.equal(writes(), 0);
      program(mappings);
    });

    it("destroy removes the resource's mappings and leaves the one it does not own", async () => {
      emulator.clearRequests();
      await cli.run(["destroy", "--yes"]);
      assert.deepEqual(
        emulator.mappings(zoneId).map((m) => m.ip),
        ["2001:db8:f00::1"],
      );
      assert.equal(writes(), COUNT / 100, "one batch delete per 100 mappings");
    });

    it("the token shows up in no output and no state", async () => {
      const exported = await cli.run(["stack", "export", "--show-secrets=false"]);
      for (const text of [...cli.transcript.map((r) => r.output), exported.output]) assert.ok(!text.includes(TOKEN));
    });
  });
}
