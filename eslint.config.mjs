// One linter, typed rules off for speed; `tsc` (npm run typecheck) is the type gate.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const SELF_REFERENCE = {
  group: ["pulumi-cloudflare-origin-cloud-regions", "pulumi-cloudflare-origin-cloud-regions/**"],
  message: "Import sibling files by relative path: the package's own name resolves to the build in dist/.",
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".state/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Provider methods `require()` inside their bodies on purpose: the closure is serialized,
      // and a require at call time resolves in the host process instead of being captured.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // The package's own name resolves to dist/ (self-reference, used by examples/): from inside the
    // package it would load the previous build instead of the sibling source file.
    files: ["provider/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [SELF_REFERENCE] }],
    },
  },
  {
    // The emulator is an independent second implementation of the API contract: sharing code with
    // the provider would let one bug pass on both sides.
    files: ["emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/provider", "**/provider/**"], message: "The emulator must not import provider code." }, SELF_REFERENCE] },
      ],
    },
  },
);
