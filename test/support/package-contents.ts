/** What the packed package holds, and which dependency versions a user's project resolves. */
import * as assert from "node:assert/strict";
import { PACKAGE } from "./stored-provider";

/** Compiled JavaScript, declarations and the top-level documents; no source maps, no .ts sources. */
export function assertPackedFiles(files: readonly string[]): void {
  const expected = [
    "LICENSE",
    "CHANGELOG.md",
    "README.md",
    "package.json",
    "dist/provider/index.js",
    "dist/provider/index.d.ts",
    "dist/emulator/index.js",
    "dist/emulator/main.js",
  ];
  for (const file of expected) assert.ok(files.includes(file), `${file} is packed`);
  const unexpected = files.filter(
    (f) =>
      f.endsWith(".map") ||
      (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
      !/^(dist\/(provider|emulator)\/|[A-Z]+(\.md)?$|package\.json$)/.test(f),
  );
  assert.deepEqual(unexpected, [], "only dist/provider, dist/emulator and the top-level documents");
}

/** A `node -e` script, run in the user's project: zod and undici versions as the program and the package resolve them. */
export const RESOLVED_VERSIONS =
  `const p = require("path"); const d = p.dirname(require.resolve("${PACKAGE}/package.json"));` +
  `const v = (m, from) => require(require.resolve(m + "/package.json", { paths: [from] })).version;` +
  `console.log(JSON.stringify({ program: { zod: v("zod", "."), undici: v("undici", ".") }, pkg: { zod: v("zod", d), undici: v("undici", d) } }));`;

/** What {@link RESOLVED_VERSIONS} prints. */
export type ResolvedVersions = Record<"program" | "pkg", { zod: string; undici: string }>;
