// The plugin tarball for other platforms (npm run build:plugin -- <os>-<arch>): named as Pulumi names
// plugin downloads, with both wrappers inside (bash for Linux and macOS, .cmd for Windows), and an
// unknown platform refused with the list of known ones.
//
//   npm run build && npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 600000 test/e2e/plugin-tarball.spec.ts

import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/e2e-harness";
import { PLUGIN_NAME, PLUGIN_VERSION } from "../support/plugin-project";

function buildFor(platform: string) {
  return spawnSync("bash", [path.join(REPO_ROOT, "scripts", "build-plugin.sh"), platform], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, PCOCR_PLUGIN_SKIP_BUILD: "1" },
  });
}

describe("end-to-end: the plugin tarball for other platforms", function () {
  this.timeout(10 * 60_000);

  it("windows-amd64: named for the platform, with a .cmd wrapper that runs the compiled plugin with node", () => {
    const built = buildFor("windows-amd64");
    assert.equal(built.status, 0, built.stderr.slice(-2000));
    const tarball = built.stdout.trim().split("\n").pop() ?? "";
    assert.equal(path.basename(tarball), `pulumi-resource-${PLUGIN_NAME}-v${PLUGIN_VERSION}-windows-amd64.tar.gz`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcocr-tarball-"));
    try {
      assert.equal(spawnSync("tar", ["-xzf", tarball, "-C", dir]).status, 0);
      const cmd = fs.readFileSync(path.join(dir, `pulumi-resource-${PLUGIN_NAME}.cmd`), "utf8");
      assert.match(cmd, /^@echo off\r\n/);
      assert.match(cmd, /node "%~dp0dist\\provider\\plugin\\main\.js" %\*\r\n$/);
      assert.ok(fs.existsSync(path.join(dir, "dist", "provider", "plugin", "main.js")));
      assert.ok((fs.statSync(path.join(dir, `pulumi-resource-${PLUGIN_NAME}`)).mode & 0o111) !== 0, "the bash wrapper is executable");
      const native = spawnSync("find", [dir, "-name", "*.node"], { encoding: "utf8" }).stdout.trim();
      assert.equal(native, "", "no native modules: the same content serves every platform");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(tarball, { force: true });
    }
  });

  it("an unknown platform is refused, naming the ones it knows", () => {
    const built = buildFor("solaris-sparc");
    assert.equal(built.status, 2);
    assert.match(built.stderr, /unknown platform "solaris-sparc"; give one of linux-amd64, .*windows-arm64/);
  });
});
