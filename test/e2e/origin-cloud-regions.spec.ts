// End-to-end suite: the real Pulumi CLI (scripts/toolchain.sh) runs the fixture program
// (test/e2e/fixture) against in-process Cloudflare API emulators. Every case has its own stack and
// zone, and asserts on both the CLI output and what the emulator holds or received.
//
// The lifecycle cases run twice with the default `auto` family setting: on an account where only v2
// (`/origin/cloud_regions`) is served, and on one where v2 answers "no route" and only v1
// (`/cache/origin_cloud_regions`, batch PATCH) is. The remaining cases run on an account serving both.
//
//   npm run e2e              (E2E_VERBOSE=1 prints every CLI command and its output)

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import type { Emulator, RecordedRequest } from "../../emulator";
import type { MappingSpec, StackScenario } from "../support/e2e-harness";
import { asHeld } from "../support/e2e-suite";
import {
  FIXTURE_DIR,
  PulumiCli,
  REGIONS,
  TestStack,
  excerpt,
  ipsIn,
  makeMappings,
  mappingsResource,
  resolveToolchain,
  zoneIdFor,
} from "../support/e2e-harness";

type Family = "v1" | "v2";
const BATCH_PATH: Record<Family, RegExp> = {
  v1: /^\/zones\/([0-9a-f]{32})\/cache\/origin_cloud_regions\/batch$/,
  v2: /^\/zones\/([0-9a-f]{32})\/origin\/cloud_regions\/batch$/,
};
const UPSERT: Record<Family, string> = { v1: "PATCH", v2: "PUT" };

describe("end-to-end: Pulumi CLI + OriginCloudRegionMappings + emulator", function () {
  const token = `e2e-${randomBytes(18).toString("hex")}`;
  const salt = randomBytes(4).toString("hex");
  const zone = (label: string) => zoneIdFor(label, salt);
  const suiteStarted = Date.now();
  const emulators: Emulator[] = [];
  let cli: PulumiCli;
  const stacks: TestStack[] = [];

  before(async function () {
    // The first run of scripts/toolchain.sh on a machine builds the Pulumi CLI (many minutes).
    this.timeout(90 * 60_000);
    const started = Date.now();
    const prefix = await resolveToolchain();
    console.log(`      toolchain ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    cli = new PulumiCli(prefix);
    const version = await cli.run(["version"]);
    console.log(`      pulumi ${version.stdout.trim()}, backend ${cli.backendDir}`);
  });

  after(async function () {
    this.timeout(120_000);
    for (const stack of stacks) fs.rmSync(stack.configFile, { force: true });
    for (const e of emulators) await e.close();
    if (cli) {
      console.log(cli.timingSummary());
      console.log(`  suite time: ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
      if (process.env["E2E_KEEP"]) console.log(`  kept ${cli.root}`);
      else cli.dispose();
    }
  });

  /** An emulator for one account: which families it serves. Closed at the end of the suite. */
  async function account(families: { v1?: "enabled" | "no-route"; v2?: "enabled" | "no-route" } = {}): Promise<Emulator> {
    const emulator = await startEmulator({ port: 0, apiToken: token, families });
    emulators.push(emulator);
    return emulator;
  }

  /** Helpers bound to one emulator. */
  function on(emulator: Emulator) {
    return {
      async createStack(name: string, scenario: StackScenario): Promise<TestStack> {
        const stack = new TestStack(cli, name);
        stacks.push(stack);
        await stack.init(scenario, emulator.url, token);
        return stack;
      },
      /** The zone's mappings in the emulator as "ip vendor/region" strings, sorted. */
      held: (zoneId: string): string[] => asHeld(emulator.mappings(zoneId)),
      writesTo(zoneId: string): RecordedRequest[] {
        return emulator.writeRequests().filter((r) => r.path.includes(`/zones/${zoneId}/`));
      },
    };
  }

  /** Batch upsert items (IPs, v1 `ip` or v2 `origin_ip`) of a recorded request, or the IPs of a batch DELETE. */
  function bodyIps(request: RecordedRequest): string[] {
    const body = Array.isArray(request.body) ? (request.body as unknown[]) : [];
    return body
      .map((item) => (typeof item === "string" ? item : String((item as { ip?: unknown; origin_ip?: unknown }).ip ?? (item as { origin_ip?: unknown }).origin_ip)))
      .sort();
  }

  function assertIncludes(output: string, needles: string[], context: string): void {
    for (const needle of needles) {
      assert.ok(output.includes(needle), `${context}: expected the output to mention ${JSON.stringify(needle)}\n${excerpt(output)}`);
    }
  }

  const describeWrites = (writes: RecordedRequest[]) => writes.map((w) => `${w.method} ${w.path}`).join(", ");

  // ---- The lifecycle, on each family ---------------------------------------------------------------
  for (const family of ["v2", "v1"] as const) {
    const other: Family = family === "v1" ? "v2" : "v1";
    describe(`lifecycle on ${family} (the account answers "no route" on ${other}; apiFamily auto)`, function () {
      let emulator: Emulator;
      let t: ReturnType<typeof on>;
      const name = (label: string) => `${family}-${label}`;
      const z = (label: string) => zone(name(label));
      const upsert = UPSERT[family];

      before(async () => {
        emulator = await account({ [other]: "no-route" });
        t = on(emulator);
      });

      /** Every request of the case went to `family`; the other one saw at most the first probe of each command. */
      function assertOnFamily(requests: RecordedRequest[]): void {
        const wrong = requests.filter((r) => r.status !== 400 && !BATCH_PATH[family].test(r.path) && !r.path.includes(family === "v1" ? "/cache/origin_cloud_regions" : "/origin/cloud_regions"));
        assert.deepEqual(wrong.map((r) => `${r.method} ${r.path}`), [], "only the other family's no-route probes may miss");
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
          assert.deepEqual(writes.map((w) => bodyIps(w).length).sort((a, b) => a - b), [50, 100, 100]);
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
          assert.deepEqual([...ipsIn(changedLines(preview.output))].sort(), [changed.ip, removed.ip, added.ip].sort(), excerpt(changedLines(preview.output)));
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
          assertIncludes(up.output, bad.map((m) => m.ip), "failed up");
          assertIncludes(up.output, rejected.map((r) => r.message), "failed up");
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

      describe("5. drift", function () {
        it("5. drift (one mapping changed, one deleted outside Pulumi) shows in refresh; the next up restores both", async function () {
          const zoneId = z("drift");
          const mappings = makeMappings(30, 1200);
          const stack = await t.createStack(name("drift"), { zoneId, mappings });
          await stack.up();

          const changed = mappings[7]!;
          const deleted = mappings[12]!;
          const driftRegion = REGIONS[changed.vendor].find((r) => r !== changed.region)!;
          emulator.putMapping(zoneId, { ip: changed.ip, vendor: changed.vendor, region: driftRegion });
          assert.ok(emulator.deleteMapping(zoneId, deleted.ip));

          emulator.clearRequests();
          const refresh = await stack.refresh(["--diff"]);
          assertIncludes(refresh.output, [changed.ip, deleted.ip], "refresh");
          assert.deepEqual([...ipsIn(changedLines(refresh.output))].sort(), [changed.ip, deleted.ip].sort(), excerpt(changedLines(refresh.output)));
          assert.deepEqual(emulator.writeRequests(), [], "refresh must not write");

          await stack.up();
          const writes = emulator.writeRequests();
          assert.equal(writes.length, 1, describeWrites(writes));
          assert.deepEqual(bodyIps(writes[0]!), [changed.ip, deleted.ip].sort());
          assert.deepEqual(t.held(zoneId), asHeld(mappings));
        });
      });

      describe("6. adoption", function () {
        it("6. a pre-existing mapping for a declared IP fails up without writing; adopt: true takes it over", async function () {
          const zoneId = z("adopt");
          const mappings = makeMappings(10, 1500);
          const existing = mappings[3]!;
          const otherRegion = REGIONS[existing.vendor].find((r) => r !== existing.region)!;
          emulator.putMapping(zoneId, { ip: existing.ip, vendor: existing.vendor, region: otherRegion });
          const stack = await t.createStack(name("adopt"), { zoneId, mappings });

          emulator.clearRequests();
          const refused = await stack.up([], { allowFailure: true });
          assert.notEqual(refused.code, 0);
          assertIncludes(refused.output, [existing.ip, "adopt"], "refused up");
          assert.deepEqual(emulator.writeRequests(), [], "nothing may be written");
          assert.deepEqual(t.held(zoneId), [`${existing.ip} ${existing.vendor}/${otherRegion}`]);

          await stack.configure({ zoneId, mappings, adopt: true });
          await stack.up();
          assert.deepEqual(t.held(zoneId), asHeld(mappings));
        });
      });

      describe("6b. a new IP the zone maps elsewhere", function () {
        it("6b. preview of the update marks it, up refuses it without writing, destroy leaves it alone", async function () {
          const zoneId = z("adopt-update");
          const mappings = makeMappings(8, 1600);
          const stack = await t.createStack(name("adopt-update"), { zoneId, mappings });
          await stack.up();
          const theirs = { ip: "198.51.100.77", vendor: "azure", region: "eastus" };
          emulator.putMapping(zoneId, theirs);
          const added: MappingSpec[] = [...mappings, { ip: theirs.ip, vendor: "aws", region: "us-east-1" }];
          await stack.configure({ zoneId, mappings: added });

          emulator.clearRequests();
          const preview = await stack.preview();
          assertIncludes(preview.output, [`+ ${theirs.ip} aws/us-east-1  ✗ the zone maps it to azure/eastus`, "unless you set `adopt: true`"], "preview");
          const refused = await stack.up([], { allowFailure: true });
          assert.notEqual(refused.code, 0);
          assertIncludes(refused.output, [`${theirs.ip}: the zone has azure/eastus, declared aws/us-east-1`, "Nothing was written"], "refused up");
          assert.deepEqual(emulator.writeRequests(), [], "nothing may be written");

          await stack.configure({ zoneId, mappings });
          await stack.destroy();
          assert.deepEqual(t.held(zoneId), [`${theirs.ip} ${theirs.vendor}/${theirs.region}`], "the other owner's mapping stays");
        });
      });

      describe("8. destroy", function () {
        it("8. destroy removes every mapping the stack owns and leaves a foreign mapping alone", async function () {
          const zoneId = z("destroy");
          const mappings = makeMappings(20, 2100);
          const foreign = { ip: "198.51.100.254", vendor: "gcp", region: "us-central1" };
          emulator.putMapping(zoneId, foreign);
          const stack = await t.createStack(name("destroy"), { zoneId, mappings });
          await stack.up();
          assert.equal(t.held(zoneId).length, 21);

          emulator.clearRequests();
          const destroy = await stack.destroy();
          assert.match(destroy.output, /- 2 deleted|deleted/);
          assert.deepEqual(t.held(zoneId), [`${foreign.ip} ${foreign.vendor}/${foreign.region}`]);
          // destroy runs in a fresh provider host: on v1 its first batch delete is also the probe, sent
          // to v2 first (no route: nothing applied), then to v1. A batch delete is safe to resend.
          const probe = family === "v1" ? ["DELETE v2 400"] : [];
          const familyOf = (path: string) => (path.includes("/cache/origin_cloud_regions") ? "v1" : "v2");
          assert.deepEqual(t.writesTo(zoneId).map((w) => `${w.method} ${familyOf(w.path)} ${w.status}`), [...probe, `DELETE ${family} 200`]);
        });
      });
    });
  }

  // ---- Accounts whose families change, or serve none ------------------------------------------------
  describe("endpoint families", function () {
    it("a stack created on v1, run with auto once v1 is gone (v2 served), converges with no diff and no write", async function () {
      const emulator = await account({ v2: "no-route" });
      const t = on(emulator);
      const zoneId = zone("v1-gone");
      const mappings = makeMappings(120, 3000);
      const stack = await t.createStack("v1-gone", { zoneId, mappings });
      const up = await stack.up();
      assert.match(up.output, /apiFamily\s*:\s*"v1"/);

      emulator.setFamily("v1", "no-route");
      emulator.setFamily("v2", "enabled");
      emulator.clearRequests();
      await stack.preview(["--expect-no-changes"]);
      await stack.up(["--expect-no-changes"]);
      await stack.refresh(["--expect-no-changes"]);
      assert.deepEqual(emulator.writeRequests(), []);
      assert.ok(emulator.requests.some((r) => r.path.includes("/origin/cloud_regions") && r.status === 200), "v2 answered");
      const state = mappingsResource(await stack.export());
      assert.equal(state?.outputs?.["apiFamily"], "v2", "refresh records the family it used");

      const destroy = await stack.destroy();
      assert.match(destroy.output, /deleted/);
      assert.deepEqual(t.held(zoneId), []);
    });

    it("both families answering no route: preview and up fail with one clear message, and nothing is written", async function () {
      const emulator = await account({ v1: "no-route", v2: "no-route" });
      const t = on(emulator);
      const zoneId = zone("unavailable");
      const stack = await t.createStack("unavailable", { zoneId, mappings: makeMappings(5, 3300) });
      const message = `Origin cloud regions are not available for zone ${zoneId} on this account: both endpoint families answered no route`;
      const preview = await stack.preview([], { allowFailure: true });
      assert.notEqual(preview.code, 0);
      assertIncludes(preview.output, [message, "Check the zone id"], "preview");
      const up = await stack.up([], { allowFailure: true });
      assert.notEqual(up.code, 0);
      assertIncludes(up.output, [message], "up");
      assert.deepEqual(emulator.writeRequests().filter((r) => r.status === 200), []);
      assert.deepEqual(emulator.requests.filter((r) => r.method === "PUT" || r.method === "PATCH"), [], "no upsert was even tried");
    });
  });

  // ---- Cases that do not depend on the family (account serving both) --------------------------------
  describe("on an account serving both families", function () {
    let emulator: Emulator;
    let t: ReturnType<typeof on>;
    before(async () => {
      emulator = await account();
      t = on(emulator);
    });

    it("7. changing the zone deletes the mappings from the old zone before creating them in the new one", async function () {
      const oldZone = zone("zone-old");
      const newZone = zone("zone-new");
      const mappings = makeMappings(20, 1800);
      const stack = await t.createStack("zone-change", { zoneId: oldZone, mappings });
      await stack.up();
      assert.deepEqual(t.held(oldZone), asHeld(mappings));

      await stack.configure({ zoneId: newZone, mappings });
      emulator.clearRequests();
      const up = await stack.up();
      assert.match(up.output, /replaced/);
      assert.deepEqual(t.held(oldZone), []);
      assert.deepEqual(t.held(newZone), asHeld(mappings));
      const writes = emulator.writeRequests();
      const lastOldDelete = writes.map((w) => w.path.includes(oldZone) && w.method === "DELETE").lastIndexOf(true);
      const firstNewPut = writes.findIndex((w) => w.path.includes(newZone) && w.method === "PUT");
      assert.ok(lastOldDelete >= 0 && firstNewPut > lastOldDelete, describeWrites(writes));
    });

    describe("10. bad input fails preview with the property path and the value, and writes nothing", function () {
      const zoneId = zone("bad-input");
      const valid = makeMappings(12, 2400);
      let stack: TestStack;

      before(async function () {
        stack = await t.createStack("bad-input", { zoneId, mappings: valid });
        emulator.clearRequests();
      });
      after(() => assert.deepEqual(t.writesTo(zoneId), [], "no write request for bad input"));

      const cases: Array<{ title: string; edit: (m: MappingSpec[]) => void; path: string; value: string }> = [
        { title: "an invalid IP", edit: (m) => (m[3]!.ip = "192.0.2.300"), path: "mappings[3].ip", value: "192.0.2.300" },
        {
          title: "an unknown vendor",
          edit: (m) => ((m[3] as { vendor: string }).vendor = "ibm"),
          path: "mappings[3].vendor",
          value: "ibm",
        },
        {
          title: "a duplicate after canonicalization",
          edit: (m) => (m[9]!.ip = expandIpv6(m[4]!.ip)),
          path: "mappings[9].ip",
          value: "2001:0DB8:",
        },
        { title: "a bad region", edit: (m) => (m[3]!.region = "mars-north-1"), path: "mappings[3].region", value: "mars-north-1" },
      ];
      for (const c of cases) {
        it(c.title, async function () {
          const mappings = valid.map((m) => ({ ...m }));
          c.edit(mappings);
          await stack.configure({ zoneId, mappings });
          const preview = await stack.preview([], { allowFailure: true });
          assert.notEqual(preview.code, 0, `preview must fail\n${excerpt(preview.output)}`);
          assertIncludes(preview.output, [c.path, c.value], c.title);
        });
      }
    });

    it("12. a one-IP change at 1,000 mappings: plain `pulumi preview` names the IP in a few lines; --diff is printed for comparison", async function () {
      const zoneId = zone("readable");
      const before = makeMappings(1000, 4000);
      const stack = await t.createStack("readable", { zoneId, mappings: before });
      await stack.up();
      const added: MappingSpec = { ip: "203.0.113.250", vendor: "aws", region: "eu-west-1" };
      await stack.configure({ zoneId, mappings: [...before, added] });
      const plain = await stack.preview();
      const withDiff = await stack.preview(["--diff"]);
      const lines = (text: string) => text.trimEnd().split("\n").length;
      console.log(`      one-IP change at 1,000 mappings: pulumi preview ${lines(plain.output)} lines, pulumi preview --diff ${lines(withDiff.output)} lines`);
      assert.ok(lines(plain.output) < 60, excerpt(plain.output));
      assertIncludes(plain.output, [`origins (zone ${zoneId.slice(0, 4)}…${zoneId.slice(-4)}): 1 to add, 0 to change, 0 to remove`, `+ ${added.ip} aws/eu-west-1`], "preview");
      await stack.destroy();
    });

    it("11. with 429s (Retry-After), 5xx and dropped connections injected, up and destroy converge", async function () {
      const zoneId = zone("faults");
      const mappings = makeMappings(250, 2700);
      const stack = await t.createStack("faults", { zoneId, mappings });
      emulator.clearRequests();
      // Scripted faults make sure every kind happens (a retry of a failed request takes the next one
      // of its method), and seeded random ones (at most one in a row) hit every other call too.
      emulator.faults.enqueue(
        { kind: "429", retryAfter: 1, method: "PUT" },
        { kind: "5xx", status: 503, method: "PUT" },
        { kind: "reset-after-apply", method: "PUT" },
        { kind: "reset-after-apply", method: "DELETE" },
        { kind: "5xx", status: 500, code: "internal_error", method: "DELETE" },
        { kind: "429", retryAfter: 1, method: "DELETE" },
      );
      emulator.faults.setRates({ rate429: 0.1, rate5xx: 0.1, rateReset: 0.1, retryAfter: 1, seed: 11, maxConsecutive: 1 });
      try {
        const up = await stack.up();
        assert.match(up.output, /created/);
        assert.deepEqual(t.held(zoneId), asHeld(mappings));
        const destroy = await stack.destroy();
        assert.match(destroy.output, /deleted/);
        assert.deepEqual(t.held(zoneId), []);
      } finally {
        emulator.faults.clear();
      }
      const faults = emulator.requests.map((r) => r.fault).filter((f): f is string => f !== undefined);
      const kindOf = (f: string) => (f.startsWith("5") ? "5xx" : f.startsWith("reset") ? "dropped" : f);
      const counts = new Map<string, number>();
      for (const f of faults) counts.set(kindOf(f), (counts.get(kindOf(f)) ?? 0) + 1);
      const kinds = new Set(counts.keys());
      console.log(`      faults injected: ${faults.length} (${[...counts].map(([k, n]) => `${k} x${n}`).join(", ")}) in ${emulator.requests.length} requests`);
      assert.deepEqual([...kinds].sort(), ["429", "5xx", "dropped"].sort(), "429s, 5xx and dropped connections were all injected");
    });
  });

  // ---- 9 (checked last, over everything the suite did) -------------------------------------------
  describe("9. secrets", function () {
    it("9. the API token appears in no state file, CLI output, error or stack config file", function () {
      assert.ok(cli.transcript.length > 20, "the suite ran the CLI");
      for (const emulator of emulators) {
        assert.ok(emulator.requests.length > 0 && emulator.requests.every((r) => r.authorized), "the emulator saw the token on every request");
      }
      const files = cli.backendFiles();
      assert.ok(files.some((f) => f.file.endsWith(".json")), "state files exist");
      for (const f of files) assert.ok(!f.text.includes(token), `token found in ${f.file}`);
      for (const r of cli.transcript) assert.ok(!r.output.includes(token), `token found in the output of pulumi ${r.args.join(" ")}`);
      for (const e of cli.errors) assert.ok(!e.includes(token), "token found in an error");
      for (const s of stacks) {
        if (fs.existsSync(s.configFile)) assert.ok(!fs.readFileSync(s.configFile, "utf8").includes(token), `token in ${s.configFile}`);
      }
      assert.ok(fs.existsSync(FIXTURE_DIR));
    });
  });
});

/** The lines of a `--diff` display that mark a change: `~`, `+` or `-` before a property or resource. */
function changedLines(output: string): string {
  return output
    .split("\n")
    .filter((line) => /^\s*[~+-] /.test(line))
    .join("\n");
}

/** Writes an IPv6 address in full, uppercase, zero-padded form (same address, other spelling). */
function expandIpv6(ip: string): string {
  const [head = "", tail = ""] = ip.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === "" ? [] : tail.split(":");
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return groups.map((g) => g.padStart(4, "0").toUpperCase()).join(":");
}
