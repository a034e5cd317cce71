/* global require, __dirname, process, console */
// Writes the forwarding modules of scripts/forwarding-modules.json into dist/provider, after tsc
// (`npm run build`). Stacks written before 0.1.0's layout store a provider that requires the old
// module paths; each forwarding module re-exports the module that now holds its functions. Fails
// (exit 1) when a module it forwards to or checks is missing, or lacks a function the old code calls.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const MAP_FILE = path.join(__dirname, "forwarding-modules.json");
const DIST = path.join(__dirname, "..", "dist", "provider");
const PACKAGE = "pulumi-cloudflare-origin-cloud-regions";
const MARKER = "// Forwarding module written by scripts/write-forwarding-modules.js";

function fail(message) {
  console.error(`write-forwarding-modules: ${message}`);
  process.exit(1);
}

function header(oldPath) {
  return [
    '"use strict";',
    `${MARKER} (from scripts/forwarding-modules.json); no source file.`,
    "// Stacks whose state was written before 0.1.0's layout (provider/core, host, report, program) store a",
    "// provider that requires this file by path:",
    `//   require("${PACKAGE}/dist/provider/${oldPath}")`,
    "// and `pulumi refresh` and `pulumi destroy` load it from whatever version of the package is installed.",
    "// Never remove it.",
  ].join("\n");
}

/** The old runtime-state module, self-contained: a per-provider `{ config, session }` kept on globalThis. */
const RUNTIME_STATE = `
Object.defineProperty(exports, "__esModule", { value: true });
exports.runtimeState = runtimeState;
// Its own registry: host/session.js keeps a different shape under its own key.
function runtimeState(provider) {
  const key = Symbol.for("${PACKAGE}/forwarded-runtime-state");
  const registry = globalThis[key] || (globalThis[key] = new WeakMap());
  let state = registry.get(provider);
  if (!state) {
    state = { config: undefined, session: undefined };
    registry.set(provider, state);
  }
  return state;
}
`;

function body(oldPath, entry) {
  if (entry.runtimeState === true) return RUNTIME_STATE;
  const targets = entry.forward;
  if (!Array.isArray(targets) || targets.length === 0) fail(`${oldPath}: give "forward" (a list of modules) or "runtimeState": true`);
  const requires = targets.map((target) => {
    if (!fs.existsSync(path.join(DIST, target))) {
      fail(`dist/provider/${target}, which dist/provider/${oldPath} forwards to, does not exist: update scripts/forwarding-modules.json`);
    }
    let relative = path.posix.relative(path.posix.dirname(oldPath), target);
    if (!relative.startsWith(".")) relative = `./${relative}`;
    return `require(${JSON.stringify(relative)})`;
  });
  return `\nmodule.exports = ${requires.length === 1 ? requires[0] : `Object.assign({}, ${requires.join(", ")})`};\n`;
}

/** Fails unless the module at `oldPath` provides every name in `uses`. */
function checkUses(oldPath, uses) {
  const loaded = require(path.join(DIST, oldPath));
  const missing = (uses || []).filter((name) => loaded[name] === undefined);
  if (missing.length > 0) {
    fail(`dist/provider/${oldPath} lacks ${missing.join(", ")}, which stored providers written before 0.1.0's layout call`);
  }
}

function main() {
  if (!fs.existsSync(DIST)) fail("dist/provider does not exist: run tsc first (npm run build)");
  const map = JSON.parse(fs.readFileSync(MAP_FILE, "utf8"));
  const forwarders = Object.entries(map.forwarders || {});
  for (const [oldPath, entry] of forwarders) {
    const file = path.join(DIST, oldPath);
    if (fs.existsSync(file) && !fs.readFileSync(file, "utf8").includes(MARKER)) {
      fail(`dist/provider/${oldPath} was built from a source file: a forwarding module cannot take its place; remove one of them`);
    }
    fs.writeFileSync(file, `${header(oldPath)}\n${body(oldPath, entry)}`);
  }
  for (const [oldPath, uses] of Object.entries(map.kept || {})) {
    if (!fs.existsSync(path.join(DIST, oldPath))) {
      fail(`dist/provider/${oldPath} does not exist: stored providers written before 0.1.0's layout require it by path`);
    }
    checkUses(oldPath, uses);
  }
  for (const [oldPath, entry] of forwarders) checkUses(oldPath, entry.uses);
  // Nothing on stdout: `npm pack --json` runs the build (prepare), and its stdout must be the JSON alone.
}

main();
