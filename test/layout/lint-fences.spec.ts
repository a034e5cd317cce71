// The layers of provider/ are fenced by lint rules (eslint.config.mjs): each case lints a line of
// code as if it were written in a given file and checks that `npm run lint` would refuse it, or
// accept it.
import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

async function errorsFor(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const refused = [
  {
    file: "provider/core/plan.ts",
    code: 'import { readFileSync } from "node:fs";\nexport const f = () => readFileSync("x");\n',
    rule: /no-restricted-imports: .*core\/ is pure/,
  },
  {
    file: "provider/core/plan.ts",
    code: 'import { readFileSync } from "fs";\nexport const f = () => readFileSync("x");\n',
    rule: /no-restricted-imports/,
  },
  {
    file: "provider/core/plan.ts",
    code: 'import { sessionOf } from "../host/session";\nexport const f = sessionOf;\n',
    rule: /no-restricted-imports: .*core\/ imports nothing/,
  },
  { file: "provider/core/plan.ts", code: "export const now = () => Date.now();\n", rule: /no-restricted-properties/ },
  { file: "provider/core/plan.ts", code: "export const env = () => process.env;\n", rule: /no-restricted-globals/ },
  {
    file: "provider/host/lifecycle.ts",
    code: 'import * as pulumi from "@pulumi/pulumi";\nexport const f = () => pulumi.log;\n',
    rule: /no-restricted-imports: .*@pulumi\/pulumi/,
  },
  {
    file: "provider/host/lifecycle.ts",
    code: 'import { unknownValue } from "@pulumi/pulumi/runtime/rpc";\nexport const f = () => unknownValue;\n',
    rule: /no-restricted-imports: .*@pulumi\/pulumi/,
  },
  { file: "provider/host/session.ts", code: "export let calls = 0;\n", rule: /no-restricted-syntax: No module-level `let`/ },
  {
    file: "provider/cloudflare/client.ts",
    code: "const cache = new Map<string, string>();\nexport const get = (k: string) => cache.get(k);\n",
    rule: /no-restricted-syntax: No module-level objects/,
  },
  {
    file: "provider/cloudflare/client.ts",
    code: 'import { subject } from "../report/change-summary";\nexport const f = subject;\n',
    rule: /no-restricted-imports: .*cloudflare\/ imports only core/,
  },
  {
    file: "provider/report/messages.ts",
    code: 'import { sessionOf } from "../host/session";\nexport const f = sessionOf;\n',
    rule: /no-restricted-imports: .*report\/ imports only/,
  },
  {
    file: "provider/host/lifecycle.ts",
    code: 'import { OriginCloudRegionMappings } from "../program/resource";\nexport const f = OriginCloudRegionMappings;\n',
    rule: /no-restricted-imports: .*host\/ never imports the program side/,
  },
  {
    file: "emulator/store.ts",
    code: 'import { plan } from "../provider/core/plan";\nexport const f = plan;\n',
    rule: /no-restricted-imports: .*emulator must not import provider/,
  },
  {
    file: "emulator/server.ts",
    code: 'import Cloudflare from "cloudflare";\nexport const f = Cloudflare;\n',
    rule: /no-restricted-imports: .*official Cloudflare SDK is a dev dependency/,
  },
  {
    file: "provider/cloudflare/client.ts",
    code: 'import type { OriginCloudRegionGetResponse } from "cloudflare/resources/cache/origin-cloud-regions";\nexport type R = OriginCloudRegionGetResponse;\n',
    rule: /no-restricted-imports: .*official Cloudflare SDK is a dev dependency/,
  },
  {
    file: "test/contract/sdk-reads.spec.ts",
    code: 'import { plan } from "../../provider/core/plan";\nexport const f = plan;\n',
    rule: /no-restricted-imports: .*contract tests check the emulator against the official SDK only/,
  },
  {
    file: "provider/host/lifecycle.ts",
    code: 'import { pluginProvider } from "../plugin/provider";\nexport const f = pluginProvider;\n',
    rule: /no-restricted-imports: .*Nothing imports plugin/,
  },
  {
    file: "provider/program/resource.ts",
    code: 'import { schema } from "../plugin/schema";\nexport const f = schema;\n',
    rule: /no-restricted-imports: .*Nothing imports plugin/,
  },
  {
    file: "provider/index.ts",
    code: 'import { schema } from "./plugin/schema";\nexport const f = schema;\n',
    rule: /no-restricted-imports: .*Nothing imports plugin/,
  },
  {
    file: "provider/core/plan.ts",
    code: 'import { schema } from "../plugin/schema";\nexport const f = schema;\n',
    rule: /no-restricted-imports/,
  },
  {
    file: "provider/plugin/provider.ts",
    code: 'import { OriginCloudRegionMappings } from "../program/resource";\nexport const f = OriginCloudRegionMappings;\n',
    rule: /no-restricted-imports: .*plugin\/ imports only/,
  },
];

const accepted = [
  { file: "provider/plugin/provider.ts", code: 'import { Lifecycle } from "../host/lifecycle";\nexport const f = Lifecycle;\n' },
  { file: "provider/plugin/main.ts", code: 'import { main } from "@pulumi/pulumi/provider";\nexport const f = main;\n' },
  {
    file: "provider/host/lifecycle.ts",
    code: 'import type * as pulumi from "@pulumi/pulumi";\nexport type R = pulumi.dynamic.CheckResult;\n',
  },
  { file: "provider/program/resource.ts", code: 'import * as pulumi from "@pulumi/pulumi";\nexport const f = () => pulumi.log;\n' },
  { file: "provider/report/messages.ts", code: 'import { messageOf } from "../cloudflare/errors";\nexport const f = messageOf;\n' },
  { file: "provider/cloudflare/client.ts", code: 'import { plan } from "../core/plan";\nexport const f = plan;\n' },
  { file: "test/contract/sdk-reads.spec.ts", code: 'import Cloudflare from "cloudflare";\nexport const f = Cloudflare;\n' },
];

describe("lint fences between provider/'s layers", function () {
  this.timeout(60_000);
  for (const c of refused) {
    it(`refuses in ${c.file}: ${c.code.split("\n")[0]}`, async () => {
      const errors = await errorsFor(c.file, c.code);
      assert.ok(
        errors.some((e) => c.rule.test(e)),
        `expected ${c.rule}, got:\n${errors.join("\n")}`,
      );
    });
  }
  for (const c of accepted) {
    it(`accepts in ${c.file}: ${c.code.split("\n")[0]}`, async () => {
      assert.deepEqual(await errorsFor(c.file, c.code), []);
    });
  }
});
