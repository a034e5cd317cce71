// One linter, typed rules off for speed; `tsc` (npm run typecheck) is the type gate. The fences below
// keep provider/'s layers apart (see the README's Development section):
//   index → program, adapters → host → report → cloudflare → core; nothing runs back up.
//   plugin (the resource provider plugin, a second host) → host → …; nothing imports plugin.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const SELF_REFERENCE = {
  group: ["pulumi-cloudflare-origin-cloud-regions", "pulumi-cloudflare-origin-cloud-regions/**"],
  message: "Import sibling files by relative path: the package's own name resolves to the build in dist/.",
};

/**
 * Cloudflare's official SDK is a dev dependency that the contract tests (test/contract) drive the
 * emulator with. The package never loads it: users do not install it, and the client and the
 * emulator each speak the API on their own.
 */
const OFFICIAL_SDK = {
  // A regex, not a group: a gitignore-style "cloudflare" would also match provider/cloudflare/.
  regex: "^cloudflare(/|$)",
  message: "The official Cloudflare SDK is a dev dependency for test/contract only; the package never imports it.",
};

/** A fence: importing any of `layers` (sibling folders of provider/) from here is an error. */
const above = (layers, why) => ({ group: layers.flatMap((l) => [`../${l}`, `../${l}/**`, `../../${l}`, `../../${l}/**`]), message: why });

/**
 * `@pulumi/pulumi` as a value only in the user's program (program/, adapters/): the provider host
 * runs the package from a stored stub, and a value import of the SDK would load it there (or, when
 * the provider is serialized by value, copy it into every stack's state). Type imports are erased.
 */
const PULUMI_TYPES_ONLY = {
  name: "@pulumi/pulumi",
  allowTypeImports: true,
  message: "Only program/ and adapters/ import @pulumi/pulumi as a value; elsewhere use `import type`.",
};
const PULUMI_SUBPATHS = {
  group: ["@pulumi/pulumi/**"],
  allowTypeImports: true,
  message: "Only program/ and adapters/ import @pulumi/pulumi as a value; elsewhere use `import type`.",
};

/** Nothing imports the provider plugin (provider/plugin/): the engine starts it as a program of its own. */
const NOT_PLUGIN = {
  group: ["./plugin", "./plugin/**", "../plugin", "../plugin/**", "../../plugin", "../../plugin/**"],
  message: "Nothing imports plugin/: it is a host of its own, started by the Pulumi engine.",
};

/** Node's built-in modules, by either spelling: the pure core does no I/O. */
const NODE_BUILTINS = {
  group: [
    "node:*",
    "fs",
    "fs/*",
    "net",
    "http",
    "https",
    "os",
    "path",
    "child_process",
    "crypto",
    "events",
    "stream",
    "url",
    "util",
    "timers",
    "timers/*",
    "worker_threads",
    "dns",
    "tls",
    "zlib",
  ],
  message: "core/ is pure: no node: modules (no I/O, clock or environment). Do the I/O in host/ and pass values in.",
};

/**
 * What the provider host runs may be serialized by value into a stack's state (whenever the
 * package is not loaded from node_modules, e.g. in this repository): module-level mutable state
 * would be copied per stack and per copy, and a module-level object (a client, an agent, a schema)
 * may not survive serialization. Keep state on `globalThis` under a `Symbol.for` key, or build it in
 * a function.
 */
const NO_MODULE_STATE = [
  {
    selector: "Program > VariableDeclaration[kind='let']",
    message:
      "No module-level `let` in code the provider host runs (it may be serialized by value): keep state on globalThis or in a function.",
  },
  {
    selector: "Program > ExportNamedDeclaration > VariableDeclaration[kind='let']",
    message: "No module-level `let` in code the provider host runs.",
  },
  {
    selector: "Program > VariableDeclaration > VariableDeclarator > NewExpression",
    message: "No module-level objects (`new …`) in code the provider host runs: build them in a function.",
  },
  {
    selector: "Program > ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > NewExpression",
    message: "No module-level objects (`new …`) in code the provider host runs.",
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "dist-plugin/**", "dist-sdk/**", "node_modules/**", ".state/**", "**/node_modules/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // Test and bench helpers `require()` modules built at run time (the serialized provider's text,
      // the installed package); the provider itself uses static imports only.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["provider/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@pulumi/pulumi", message: "core/ is pure and imports nothing of Pulumi." },
            { name: "undici", message: "core/ does no I/O." },
          ],
          patterns: [
            SELF_REFERENCE,
            OFFICIAL_SDK,
            NODE_BUILTINS,
            above(["host", "cloudflare", "report", "program", "adapters", "plugin"], "core/ imports nothing from the rest of the package."),
          ],
        },
      ],
      "no-restricted-globals": ["error", "process", "console", "fetch", "setTimeout", "setInterval", "require"],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "core/ reads no clock: take the time as an argument." },
        { object: "Math", property: "random", message: "core/ draws no randomness: take it as an argument." },
      ],
      "no-restricted-syntax": ["error", ...NO_MODULE_STATE],
    },
  },
  {
    files: ["provider/cloudflare/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [PULUMI_TYPES_ONLY],
          patterns: [
            SELF_REFERENCE,
            OFFICIAL_SDK,
            PULUMI_SUBPATHS,
            above(["host", "report", "program", "adapters", "plugin"], "cloudflare/ imports only core/."),
          ],
        },
      ],
      "no-restricted-syntax": ["error", ...NO_MODULE_STATE],
    },
  },
  {
    files: ["provider/report/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [PULUMI_TYPES_ONLY],
          patterns: [
            SELF_REFERENCE,
            OFFICIAL_SDK,
            PULUMI_SUBPATHS,
            above(["host", "program", "adapters", "plugin"], "report/ imports only core/ and cloudflare/."),
          ],
        },
      ],
      "no-restricted-syntax": ["error", ...NO_MODULE_STATE],
    },
  },
  {
    files: ["provider/host/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [PULUMI_TYPES_ONLY],
          patterns: [
            SELF_REFERENCE,
            OFFICIAL_SDK,
            PULUMI_SUBPATHS,
            above(["program", "adapters"], "host/ never imports the program side."),
            NOT_PLUGIN,
          ],
        },
      ],
      "no-restricted-syntax": ["error", ...NO_MODULE_STATE],
    },
  },
  {
    // The user's program: the one place that imports @pulumi/pulumi as a value.
    files: ["provider/program/**/*.ts", "provider/adapters/**/*.ts", "provider/index.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [SELF_REFERENCE, OFFICIAL_SDK, NOT_PLUGIN] }],
    },
  },
  {
    // The resource provider plugin: a second host over the same lifecycle. Its own process (started
    // by the engine, never serialized), so it may import @pulumi/pulumi and keep module state.
    files: ["provider/plugin/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            SELF_REFERENCE,
            OFFICIAL_SDK,
            above(["program", "adapters"], "plugin/ imports only core/, cloudflare/, report/ and host/."),
          ],
        },
      ],
    },
  },
  {
    // The emulator is an independent second implementation of the API contract: sharing code with
    // the provider would let one bug pass on both sides.
    files: ["emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/provider", "**/provider/**"], message: "The emulator must not import provider code." },
            SELF_REFERENCE,
            OFFICIAL_SDK,
          ],
        },
      ],
    },
  },
  {
    // The contract tests hold the emulator to what Cloudflare's published client expects; the
    // provider's code has no say in that contract.
    files: ["test/contract/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/provider", "**/provider/**"], message: "The contract tests check the emulator against the official SDK only." },
          ],
        },
      ],
    },
  },
);
