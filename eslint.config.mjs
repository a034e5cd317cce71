// One linter, typed rules off for speed; `tsc` (npm run typecheck) is the type gate.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    // The emulator is an independent second implementation of the API contract: sharing code with
    // the provider would let one bug pass on both sides.
    files: ["emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/provider", "**/provider/**"], message: "The emulator must not import provider code." }] }],
    },
  },
);
