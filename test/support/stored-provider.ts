/**
 * The provider a stack's state stores (`__provider`): which of the package's modules it requires by
 * path, and the checked-in list of those paths (test/e2e/stored-provider.json), which are public API.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./e2e-cli";

export const PACKAGE = "pulumi-cloudflare-origin-cloud-regions";

/** The pinned list: every module the stored provider may require, and a bound on its size. */
export const pinnedStoredProvider = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test", "e2e", "stored-provider.json"), "utf8")) as {
  requires: string[];
  maxCharacters: number;
};

/** The modules a stored provider requires, sorted. */
export function requiresOf(code: string): string[] {
  return [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string))].sort();
}

/**
 * A stored provider as this version writes it: it requires exactly the pinned modules, each shipped in
 * the package (`files`, paths inside the tarball), and stays within the size bound.
 */
export function assertPinnedStoredProvider(code: string, files: readonly string[]): void {
  const requires = requiresOf(code);
  assert.deepEqual(
    requires,
    [...pinnedStoredProvider.requires].sort(),
    "the stored provider requires exactly test/e2e/stored-provider.json's modules",
  );
  for (const module of requires) assert.ok(files.includes(module.slice(PACKAGE.length + 1)), `${module} is in the package`);
  const max = pinnedStoredProvider.maxCharacters;
  assert.ok(code.length <= max, `the stored provider is ${code.length} characters, over ${max}`);
}
