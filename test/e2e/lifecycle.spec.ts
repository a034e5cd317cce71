// End-to-end suite, lifecycle part 1: the real Pulumi CLI (scripts/toolchain.sh) runs the fixture
// program (test/e2e/fixture) against in-process Cloudflare API emulators. Every case has its own
// stack and zone, and asserts on both the CLI output and what the emulator holds or received.
//
// The lifecycle cases run twice with the default `auto` family setting: on an account where only v2
// (`/origin/cloud_regions`) is served, and on one where v2 answers "no route" and only v1
// (`/cache/origin_cloud_regions`, batch PATCH) is. This file: create (1-2), update (3) and partial
// failure (4); lifecycle-ownership.spec.ts has drift, adoption and destroy (5, 6, 6b, 8). At the
// end the suite checks that the API token leaked nowhere (case 9, over this file's CLI commands).
//
//   npm run e2e              (E2E_VERBOSE=1 prints every CLI command and its output)

import * as assert from "node:assert/strict";
import type { Emulator, RecordedRequest } from "../../emulator";
import type { MappingSpec, TestStack } from "../support/e2e-harness";
import { REGIONS, excerpt, ipsIn, makeMappings, mappingsResource } from "../support/e2e-harness";
import {
  BATCH_PATH,
  LIFECYCLE_FAMILIES,
  UPSERT,
  assertIncludes,
  bodyIps,
  changedLines,
  describeWrites,
  lifecycleTitle,
  otherFamily,
} from "../support/e2e-checks";
import type { OnAccount } from "../support/e2e-suite";
import { asHeld, e2eSuite } from "../support/e2e-suite";

describe("end-to-end: Pulumi CLI + OriginCloudRegionMappings + emulator", function () {
  const suite = e2eSuite("e2e", { defaultAccount: false, timing: true, tokenCheck: 20 });

  for (const family of LIFECYCLE_FAMILIES) {
    describe(lifecycleTitle(family), function () {
      let emulator: Emulator;
      let t: OnAccount;
      const name = (label: string) => `${family}-${label}`;
      const z = (label: string) => suite.zone(name(label));
      const upsert = UPSERT[family];

      before(async () => {
        emulator = await suite.account({ [otherFamily(family)]: "no-route" });
        t = suite.on(emulator);
      });

      /** Every request of the case went to `family`; the other one saw at most the first probe of each command. */
      function assertOnFamily(requests: RecordedRequest[]): void {
        const wrong = requests.filter(
          (r) =>
            r.status !== 400 &&
            !BATCH_PATH[family].test(r.path) &&
            !r.path.includes(family === "v1" ? "/cache/origin_cloud_regions" : "/origin/cloud_regions"),
        );
        assert.deepEqual(
          wrong.map((r) => `${r.method} ${r.path}`),
          [],
          "only the other family's no-route probes may miss",
        );
      }

      describe("1-2. new stack whose 250 IPs come from another resource", function () {
        const zoneId = z("create");
        const mappings = makeMappings(250, 0);
        let stack: TestStack;

        it("1. preview succeeds while the IPs are unknown, and writes nothing", async function () {
          stack = await t.createStack(name("create"), { zoneId, mappings, unknownIps: true });
          emulator.clearRequests();
          const preview = await stack.preview(["--diff"]);
          assert.match(preview.output, /pulumi-nodejs:dynamic\/cloudflare:OriginCloudRegionMappings/);
          assert.match(preview.output, /\+ 3 to create/);
          // The IPs are not known before the servers exist: each mapping shows under a placeholder key,
          // with its vendor and region (stored as "<vendor>/<region>").
          const placeholders = preview.output.match(/\(IP known after deploy\) mappings\[\d+\]/g) ?? [];
          assert.equal(new Set(placeholders).size, 250, "one placeholder entry per mapping");
          const first = /\(IP known after deploy\) mappings\[0\]\s*:\s*"([^"]*)"/.exec(preview.output)?.[1] ?? "";
          assert.equal(first, `${mappings[0]?.vendor}/${mappings[0]?.region}`, excerpt(preview.output));
          assert.deepEqual(emulator.writeRequests(), [], "preview must not write");
          assert.deepEqual(t.held(zoneId), []);
        });

        it(`2. up creates all 250 in exactly 3 batch ${upsert}s and reports apiFamily ${family}; a second up has no changes and writes nothing`, async function () {
          emulator.clearRequests();
          const up = await stack.up();
          assert.match(up.output, /\+ 3 created/);
          assert.match(up.output, /mappedCount\s*:\s*250/);
          assert.match(up.output, new RegExp(`apiFamily\\s*:\\s*"${family}"`));
          if (family === "v1") assertIncludes(up.output, ["answered no route; using the older endpoint family"], "fallback info line");
          assert.deepEqual(t.held(zoneId), asHeld(mappings));
          const writes = emulator.writeRequests();
          assert.equal(writes.length, 3, describeWrites(writes));
          for (const w of writes) {
            assert.equal(w.method, upsert);
            assert.match(w.path, BATCH_PATH[family]);
          }
          assert.deepEqual(
            writes.map((w) => bodyIps(w).length).sort((a, b) => a - b),
            [50, 100, 100],
          );
          assertOnFamily(emulator.requests);

          emulator.clearRequests();
          const again = await stack.up(["--expect-no-changes"]);
          assert.match(again.output, /3 unchanged/);
          assert.deepEqual(emulator.writeRequests(), []);
        });
      });

      describe("3. update in place", function () {
        it(`3. changing one region, adding and removing one IP: preview --diff names exactly those IPs; up sends one ${upsert} and one DELETE`, async function () {
          const zoneId = z("change");
          const before = makeMappings(250, 300);
          const stack = await t.createStack(name("change"), { zoneId, mappings: before });
          await stack.up();
          assert.deepEqual(t.held(zoneId), asHeld(before));

          const changed = before[10]!;
          const removed = before[20]!;
          const added: MappingSpec = { ip: "203.0.113.254", vendor: "oci", region: "ap-tokyo-1" };
          const newRegion = REGIONS[changed.vendor].find((r) => r !== changed.region)!;
          const after = before
            .filter((m) => m !== removed)
            .map((m) => (m === changed ? { ...m, region: newRegion } : m))
            .concat([added]);
          await stack.configure({ zoneId, mappings: after });

          emulator.clearRequests();
          const preview = await stack.preview(["--diff"]);
          // --diff prints the whole mappings object; the IPs on changed lines (~, +, -) must be exactly these.
          assert.deepEqual(
            [...ipsIn(changedLines(preview.output))].sort(),
            [changed.ip, removed.ip, added.ip].sort(),
            excerpt(changedLines(preview.output)),
          );
          assertIncludes(preview.output, [newRegion], "preview --diff");
          assert.deepEqual(emulator.writeRequests(), []);

          const up = await stack.up();
          assert.match(up.output, /~ 1 updated/);
          const writes = emulator.writeRequests();
          assert.deepEqual(writes.map((w) => w.method).sort(), ["DELETE", upsert].sort(), describeWrites(writes));
          const put = writes.find((w) => w.method === upsert)!;
          const del = writes.find((w) => w.method === "DELETE")!;
          assert.deepEqual(bodyIps(put), [changed.ip, added.ip].sort());
          assert.deepEqual(bodyIps(del), [removed.ip]);
          assert.deepEqual(t.held(zoneId), asHeld(after));
          assertOnFamily(emulator.requests);
        });
      });

      describe("4. partial failure", function () {
        const rejected = [
          { vendor: "aws", region: "sa-east-1", message: "aws/sa-east-1 is temporarily not accepting mappings" },
          { vendor: "gcp", region: "us-west1", message: "gcp/us-west1 is temporarily not accepting mappings" },
          { vendor: "azure", region: "uksouth", message: "azure/uksouth is temporarily not accepting mappings" },
        ] as const;
        /** Puts the three rejected pairs on entries 5, 77 and 160 (or the first three for short lists). */
        function withRejected(mappings: MappingSpec[]): { all: MappingSpec[]; bad: MappingSpec[] } {
          const at = mappings.length > 160 ? [5, 77, 160] : [1, 2, 3];
          const all = mappings.map((m, i) => {
            const k = at.indexOf(i);
            const r = rejected[k];
            return r ? { ip: m.ip, vendor: r.vendor, region: r.region } : m;
          });
          return { all, bad: at.map((i) => all[i]!) };
        }

        before(() => emulator.rejectRegions(rejected.map((r) => ({ ...r }))));
        after(() => emulator.rejectRegions([]));

        it("up fails naming the three IPs and Cloudflare's messages; state keeps the 247 applied; fixing the inputs sends only those three", async function () {
          const zoneId = z("partial");
          const { all, bad } = withRejected(makeMappings(250, 600));
          const stack = await t.createStack(name("partial"), { zoneId, mappings: all });

          const up = await stack.up([], { allowFailure: true });
          assert.notEqual(up.code, 0, "up must fail");
          assertIncludes(
            up.output,
            bad.map((m) => m.ip),
            "failed up",
          );
          assertIncludes(
            up.output,
            rejected.map((r) => r.message),
            "failed up",
          );
          const good = all.filter((m) => !bad.includes(m));
          assert.deepEqual(t.held(zoneId), asHeld(good));

          const state = mappingsResource(await stack.export());
          assert.ok(state, "the partially applied resource is in the state");
          const outs = state.outputs ?? {};
          assert.deepEqual(Object.keys((outs["mappings"] ?? {}) as object).sort(), good.map((m) => m.ip).sort());
          assert.ok((state.initErrors ?? []).length > 0, "initErrors are recorded");
          assert.equal(typeof outs["__provider"], "string", "partial outputs keep __provider");
          assert.equal(outs["apiFamily"], family);

          const fixed = all.map((m) => (bad.includes(m) ? { ...m, region: REGIONS[m.vendor][0]! } : m));
          await stack.configure({ zoneId, mappings: fixed });
          emulator.clearRequests();
          await stack.up();
          const writes = emulator.writeRequests();
          assert.equal(writes.length, 1, describeWrites(writes));
          assert.equal(writes[0]!.method, upsert);
          assert.deepEqual(bodyIps(writes[0]!), bad.map((m) => m.ip).sort());
          assert.deepEqual(t.held(zoneId), asHeld(fixed));
        });

        it("destroy works on a stack left partially applied", async function () {
          const zoneId = z("partial-destroy");
          const { all, bad } = withRejected(makeMappings(20, 900));
          const stack = await t.createStack(name("partial-destroy"), { zoneId, mappings: all });
          const up = await stack.up([], { allowFailure: true });
          assert.notEqual(up.code, 0);
          assert.equal(t.held(zoneId).length, all.length - bad.length);

          const destroy = await stack.destroy();
          assert.match(destroy.output, /deleted/);
          assert.deepEqual(t.held(zoneId), []);
        });
      });
    });
  }
});
