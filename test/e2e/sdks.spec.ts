// The SDKs generated from the provider plugin's schema (npm run build:sdks), checked as far as this
// machine allows: the TypeScript SDK type-checks against @pulumi/pulumi and a program through it runs;
// the Go SDK builds and vets against the Go SDK of the pinned CLI (and plugin.spec.ts runs a Go program
// through it); the Python SDK byte-compiles (the `pulumi` Python package is not on a registry this
// machine reaches, so it is not imported); the C# SDK parses with a C# grammar and declares the API
// (no .NET SDK or NuGet here, so it is not compiled).
//
//   npm run build && npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 600000 test/e2e/sdks.spec.ts

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { readCSharp } from "../support/csharp-syntax";
import { AWS_GO_STAND_IN, codeBlocks, namesIn, sourcesUnder } from "../support/doc-examples";
import { PulumiCli, REPO_ROOT, resolveToolchain, zoneIdFor } from "../support/e2e-harness";
import {
  GO_ENV,
  PLUGIN_NAME,
  PLUGIN_VERSION,
  buildPluginTarball,
  goBinary,
  runOrThrow as run,
  toolchainEnv,
  writeGoMod,
} from "../support/plugin-project";

const SDK_DIR = path.join(REPO_ROOT, "dist-sdk");

describe("end-to-end: the SDKs generated from the plugin's schema", function () {
  this.timeout(15 * 60_000);
  let env: NodeJS.ProcessEnv;
  let prefix: string;

  before(async function () {
    prefix = await resolveToolchain();
    env = toolchainEnv(prefix);
    run("bash", [path.join(REPO_ROOT, "scripts", "build-sdks.sh")], REPO_ROOT, env);
  });

  it("generates Node.js, Python, Go and C# SDKs whose doc comments are the schema's descriptions", () => {
    const python = fs.readFileSync(
      path.join(SDK_DIR, "python", "pulumi_cloudflare_origin_cloud_regions", "origin_cloud_region_mappings.py"),
      "utf8",
    );
    const go = fs.readFileSync(path.join(SDK_DIR, "go", "cloudflareorigincloudregions", "originCloudRegionMappings.go"), "utf8");
    const ts = fs.readFileSync(path.join(SDK_DIR, "nodejs", "originCloudRegionMappings.ts"), "utf8");
    const csharp = fs.readFileSync(path.join(SDK_DIR, "dotnet", "OriginCloudRegionMappings.cs"), "utf8");
    for (const text of [python, go, ts, csharp]) assert.match(text, /The zone's ID \(32 hexadecimal characters\)/);
    assert.match(ts, /"cloudflare-origin-cloud-regions:index:OriginCloudRegionMappings"/);
  });

  it("the TypeScript SDK type-checks against @pulumi/pulumi", () => {
    run(
      process.execPath,
      [path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit"],
      path.join(SDK_DIR, "nodejs"),
      env,
    );
  });

  it("the Go SDK builds and passes go vet", () => {
    run(goBinary(), ["vet", "./..."], path.join(SDK_DIR, "go"), { ...env, ...GO_ENV });
  });

  it("the Python SDK byte-compiles", function () {
    if (spawnSync("python3", ["--version"]).status !== 0) this.skip();
    run("python3", ["-m", "compileall", "-q", "."], path.join(SDK_DIR, "python"), env);
    assert.match(fs.readFileSync(path.join(SDK_DIR, "python", "setup.py"), "utf8"), new RegExp(`^VERSION = "${PLUGIN_VERSION}"$`, "m"));
  });

  it("the C# SDK parses as C# and declares the resource, its arguments, the mapping input and the provider", async () => {
    const dir = path.join(SDK_DIR, "dotnet");
    const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".cs"));
    const classes = new Map<string, { bases: string; properties: string[] }>();
    for (const file of files) {
      const parsed = await readCSharp(fs.readFileSync(path.join(dir, file), "utf8"));
      assert.deepEqual(parsed.errorLines, [], `${file}: syntax errors at lines ${parsed.errorLines.join(", ")}`);
      for (const c of parsed.classes) classes.set(c.name, c);
    }
    const inputs = ["ZoneId", "Mappings", "Adopt", "Exclusive", "ApiToken", "ApiTokenEnvVar"];
    assert.match(classes.get("OriginCloudRegionMappings")?.bases ?? "", /CustomResource/);
    for (const p of [...inputs, "Mappings", "ApiFamily", "ModifiedOn", "ImplVersion"])
      assert.ok(classes.get("OriginCloudRegionMappings")?.properties.includes(p), `OriginCloudRegionMappings.${p}`);
    for (const p of inputs)
      assert.ok(classes.get("OriginCloudRegionMappingsArgs")?.properties.includes(p), `OriginCloudRegionMappingsArgs.${p}`);
    // `Empty` is the generator's static empty value of every args class.
    assert.deepEqual(classes.get("MappingArgs")?.properties.sort(), ["Empty", "Ip", "Region", "Vendor"]);
    assert.match(classes.get("Provider")?.bases ?? "", /ProviderResource/);
    assert.equal(fs.readFileSync(path.join(dir, "version.txt"), "utf8").trim(), PLUGIN_VERSION);
  });

  describe("the examples of docs/other-languages.md, against the generated SDKs", () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, "docs", "other-languages.md"), "utf8");
    /** What the examples use of the AWS SDKs (the instance's arguments), not of ours. */
    const aws = new Set(["Ami", "InstanceType", "ami", "instance_type"]);

    it("Go: gofmt-formatted, and it builds against the generated Go SDK", () => {
      const [example] = codeBlocks(doc, "go");
      assert.ok(example !== undefined, "a go block");
      const dir = fs.mkdtempSync(path.join(SDK_DIR, "doc-go-"));
      fs.writeFileSync(path.join(dir, "main.go"), example);
      fs.mkdirSync(path.join(dir, "aws", "go", "aws", "ec2"), { recursive: true });
      fs.writeFileSync(path.join(dir, "aws", "go", "aws", "ec2", "ec2.go"), AWS_GO_STAND_IN);
      fs.writeFileSync(path.join(dir, "aws", "go.mod"), "module github.com/pulumi/pulumi-aws/sdk/v6\n\ngo 1.25\n");
      const awsModule = "github.com/pulumi/pulumi-aws/sdk/v6";
      writeGoMod(dir, "local.invalid/doc", [`require ${awsModule} v6.0.0`, `replace ${awsModule} => ./aws`]);
      const gofmt = path.join(path.dirname(goBinary()), "gofmt");
      assert.equal(run(gofmt, ["-l", "main.go"], dir).trim(), "", "gofmt would change the example");
      run(goBinary(), ["mod", "tidy"], dir, { ...env, ...GO_ENV });
      run(goBinary(), ["vet", "."], dir, { ...env, ...GO_ENV });
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it("Python: it compiles, and every name and keyword it gives the SDK is the SDK's", () => {
      const [example] = codeBlocks(doc, "python");
      assert.ok(example !== undefined, "a python block");
      const file = path.join(SDK_DIR, "doc-example.py");
      fs.writeFileSync(file, example);
      if (spawnSync("python3", ["--version"]).status === 0) run("python3", ["-m", "py_compile", file], SDK_DIR, env);
      fs.rmSync(file);
      const sdk = sourcesUnder(path.join(SDK_DIR, "python", "pulumi_cloudflare_origin_cloud_regions"), ".py");
      for (const name of namesIn(example, /\bocr\.(\w+)/g)) assert.match(sdk, new RegExp(`^class ${name}\\b`, "m"), `ocr.${name}`);
      for (const keyword of namesIn(example, /\b(\w+)=/g).filter((k) => !aws.has(k)))
        assert.match(sdk, new RegExp(`\\b${keyword}: pulumi\\.Input`), `keyword ${keyword}`);
    });

    it("C#: it parses, and every class and property it gives the SDK is the SDK's", async () => {
      const [example] = codeBlocks(doc, "csharp");
      assert.ok(example !== undefined, "a csharp block");
      const parsed = await readCSharp(example);
      assert.deepEqual(parsed.errorLines, [], "syntax errors in the example");
      const classes = new Map<string, string[]>();
      for (const file of fs
        .readdirSync(path.join(SDK_DIR, "dotnet"), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".cs")))
        for (const c of (await readCSharp(fs.readFileSync(path.join(SDK_DIR, "dotnet", file), "utf8"))).classes)
          classes.set(c.name, c.properties);
      for (const name of ["OriginCloudRegionMappings", "MappingArgs"]) assert.match(example, new RegExp(`new ${name}\\b`));
      const properties = new Set([...classes.values()].flat());
      const code = example.replace(/^using .*$/gm, "");
      for (const property of namesIn(code, /\b([A-Z]\w*) = /g).filter((p) => !aws.has(p)))
        assert.ok(properties.has(property), `property ${property}`);
      assert.ok(properties.has("Mappings") && example.includes("origins.Mappings"));
    });
  });

  it("a TypeScript program through the generated SDK: up creates the mappings with the installed plugin, destroy removes them", async () => {
    const token = "sdk-e2e-token-51c0";
    const zoneId = zoneIdFor("sdk", "program");
    const emulator = await startEmulator({ apiToken: token, zones: [zoneId] });
    // Inside dist-sdk/, so that the program resolves @pulumi/pulumi from this repository's node_modules.
    const projectDir = path.join(SDK_DIR, "program");
    fs.mkdirSync(projectDir, { recursive: true });
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), "name: sdk-program\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(
      path.join(projectDir, "index.ts"),
      [
        'import * as ocr from "../nodejs";',
        `const maps = new ocr.OriginCloudRegionMappings("maps", {`,
        `  zoneId: "${zoneId}",`,
        '  mappings: [{ ip: "198.51.100.7", vendor: "aws", region: "us-east-1" }, { ip: "198.51.100.8", vendor: "gcp", region: "us-central1" }],',
        "});",
        "export const applied = maps.mappings;",
        "",
      ].join("\n"),
    );
    const cli = new PulumiCli(prefix, projectDir);
    try {
      await cli.run(["plugin", "install", "resource", PLUGIN_NAME, PLUGIN_VERSION, "--file", buildPluginTarball(prefix)]);
      await cli.run(["stack", "init", "dev"]);
      await cli.run(["config", "set", `${PLUGIN_NAME}:baseUrl`, emulator.url]);
      await cli.run(["config", "set", "--secret", `${PLUGIN_NAME}:apiToken`], { input: token });
      await cli.run(["up", "--yes"]);
      assert.deepEqual(
        emulator.mappings(zoneId).map((m) => `${m.ip} ${m.vendor}/${m.region}`),
        ["198.51.100.7 aws/us-east-1", "198.51.100.8 gcp/us-central1"],
      );
      const outputs = JSON.parse((await cli.run(["stack", "output", "--json"])).stdout) as { applied: Record<string, string> };
      assert.deepEqual(outputs.applied, { "198.51.100.7": "aws/us-east-1", "198.51.100.8": "gcp/us-central1" });
      await cli.run(["destroy", "--yes"]);
      assert.deepEqual(emulator.mappings(zoneId), []);
      for (const r of cli.transcript) assert.ok(!r.output.includes(token));
    } finally {
      await emulator.close();
      fs.rmSync(cli.root, { recursive: true, force: true, maxRetries: 3 });
    }
  });
});
