// End-to-end suite: the real Pulumi CLI (scripts/toolchain.sh) runs the fixture program
// (test/e2e/fixture) against one in-process Cloudflare API emulator. Every case has its own stack
// and zone, and asserts on both the CLI output and what the emulator holds or received.
//
//   npm run e2e              (E2E_VERBOSE=1 prints every CLI command and its output)

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import type { Emulator, RecordedRequest } from "../../emulator";
import type { MappingSpec, StackScenario } from "../support/e2e-harness";
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

const BATCH_PATH = /^\/zones\/([0-9a-f]{32})\/cache\/origin_cloud_regions\/batch$/;

describe("end-to-end: Pulumi CLI + OriginCloudRegionMappings + emulator", function () {
  const token = `e2e-${randomBytes(18).toString("hex")}`;
  const salt = randomBytes(4).toString("hex");
  const zone = (label: string) => zoneIdFor(label, salt);
  const suiteStarted = Date.now();
  let emulator: Emulator;
  let cli: PulumiCli;
  const stacks: TestStack[] = [];

  before(async function () {
    // The first run of scripts/toolchain.sh on a machine builds the Pulumi CLI (many minutes).
    this.timeout(90 * 60_000);
    const started = Date.now();
    const prefix = await resolveToolchain();
    console.log(`      toolchain ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    emulator = await startEmulator({ port: 0, apiToken: token });
    cli = new PulumiCli(prefix);
    const version = await cli.run(["version"]);
    console.log(`      pulumi ${version.stdout.trim()}, emulator at ${emulator.url}, backend ${cli.backendDir}`);
  });

  after(async function () {
    this.timeout(120_000);
    for (const stack of stacks) fs.rmSync(stack.configFile, { force: true });
    if (emulator) await emulator.close();
    if (cli) {
      console.log(cli.timingSummary());
      console.log(`  suite time: ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
      if (process.env["E2E_KEEP"]) console.log(`  kept ${cli.root}`);
      else cli.dispose();
    }
  });

  function newStack(name: string): TestStack {
    const stack = new TestStack(cli, name);
    stacks.push(stack);
    return stack;
  }

  async function createStack(name: string, scenario: StackScenario): Promise<TestStack> {
    const stack = newStack(name);
    await stack.init(scenario, emulator.url, token);
    return stack;
  }

  /** The zone's mappings in the emulator as "ip vendor/region" strings, sorted. */
  function held(zoneId: string): string[] {
    return emulator
      .mappings(zoneId)
      .map((m) => `${m.ip} ${m.vendor}/${m.region}`)
      .sort();
  }

  function expected(mappings: MappingSpec[]): string[] {
    return mappings.map((m) => `${m.ip} ${m.vendor}/${m.region}`).sort();
  }

  function writesTo(zoneId: string, requests: RecordedRequest[] = emulator.writeRequests()): RecordedRequest[] {
    return requests.filter((r) => r.method !== "GET" && r.path.includes(`/zones/${zoneId}/`));
  }

  /** Batch upsert items (IPs) of a recorded PATCH, or the IPs of a batch DELETE. */
  function bodyIps(request: RecordedRequest): string[] {
    const body = Array.isArray(request.body) ? (request.body as unknown[]) : [];
    return body.map((item) => (typeof item === "string" ? item : String((item as { ip?: unknown }).ip))).sort();
  }

  function assertIncludes(output: string, needles: string[], context: string): void {
    for (const needle of needles) {
      assert.ok(output.includes(needle), `${context}: expected the output to mention ${JSON.stringify(needle)}\n${excerpt(output)}`);
    }
  }

  // ---- 1 + 2 -------------------------------------------------------------------------------------
  describe("1-2. new stack whose 250 IPs come from another resource", function () {
    const zoneId = zone("create");
    const mappings = makeMappings(250, 0);
    let stack: TestStack;

    it("1. preview succeeds while the IPs are unknown, and writes nothing", async function () {
      stack = await createStack("create", { zoneId, mappings, unknownIps: true });
      emulator.clearRequests();
      const preview = await stack.preview(["--diff"]);
      assert.match(preview.output, /pulumi-nodejs:dynamic\/cloudflare:OriginCloudRegionMappings/);
      assert.match(preview.output, /\+ 3 to create/);
      // The IPs are not known before the servers exist: each mapping shows under a placeholder key,
      // with its vendor and region.
      const placeholders = preview.output.match(/\(IP known after deploy\) mappings\[\d+\]/g) ?? [];
      assert.equal(new Set(placeholders).size, 250, "one placeholder entry per mapping");
      const first = /\(IP known after deploy\) mappings\[0\]\s*:\s*\{([^}]*)\}/.exec(preview.output)?.[1] ?? "";
      assert.match(first, new RegExp(`region\\s*:\\s*"${mappings[0]?.region}"`));
      assert.match(first, new RegExp(`vendor\\s*:\\s*"${mappings[0]?.vendor}"`));
      assert.deepEqual(emulator.writeRequests(), [], "preview must not write");
      assert.deepEqual(held(zoneId), []);
    });

    it("2. up creates all 250 in exactly 3 batch PATCHes; a second up has no changes and writes nothing", async function () {
      emulator.clearRequests();
      const up = await stack.up();
      assert.match(up.output, /\+ 3 created/);
      assert.match(up.output, /mappedCount\s*:\s*250/);
      assert.deepEqual(held(zoneId), expected(mappings));
      const writes = emulator.writeRequests();
      assert.equal(writes.length, 3, `writes: ${writes.map((w) => `${w.method} ${w.path}`).join(", ")}`);
      for (const w of writes) {
        assert.equal(w.method, "PATCH");
        assert.match(w.path, BATCH_PATH);
      }
      assert.deepEqual(writes.map((w) => bodyIps(w).length).sort((a, b) => a - b), [50, 100, 100]);

      emulator.clearRequests();
      const again = await stack.up(["--expect-no-changes"]);
      assert.match(again.output, /3 unchanged/);
      assert.deepEqual(emulator.writeRequests(), []);
    });
  });

  // ---- 3 -----------------------------------------------------------------------------------------
  describe("3. update in place", function () {
    it("3. changing one region, adding and removing one IP: preview --diff names exactly those IPs; up sends one PATCH and one DELETE", async function () {
      const zoneId = zone("change");
      const before = makeMappings(250, 300);
      const stack = await createStack("change", { zoneId, mappings: before });
      await stack.up();
      assert.deepEqual(held(zoneId), expected(before));

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
      assert.deepEqual(writes.map((w) => w.method).sort(), ["DELETE", "PATCH"], writes.map((w) => `${w.method} ${w.path}`).join(", "));
      const patch = writes.find((w) => w.method === "PATCH")!;
      const del = writes.find((w) => w.method === "DELETE")!;
      assert.deepEqual(bodyIps(patch), [changed.ip, added.ip].sort());
      assert.deepEqual(bodyIps(del), [removed.ip]);
      assert.deepEqual(held(zoneId), expected(after));
    });
  });

  // ---- 4 -----------------------------------------------------------------------------------------
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
      const zoneId = zone("partial");
      const { all, bad } = withRejected(makeMappings(250, 600));
      const stack = await createStack("partial", { zoneId, mappings: all });

      const up = await stack.up([], { allowFailure: true });
      assert.notEqual(up.code, 0, "up must fail");
      assertIncludes(up.output, bad.map((m) => m.ip), "failed up");
      assertIncludes(up.output, rejected.map((r) => r.message), "failed up");
      const good = all.filter((m) => !bad.includes(m));
      assert.deepEqual(held(zoneId), expected(good));

      const state = mappingsResource(await stack.export());
      assert.ok(state, "the partially applied resource is in the state");
      const outs = state.outputs ?? {};
      assert.deepEqual(Object.keys((outs["mappings"] ?? {}) as object).sort(), good.map((m) => m.ip).sort());
      assert.ok((state.initErrors ?? []).length > 0, "initErrors are recorded");
      assert.equal(typeof outs["__provider"], "string", "partial outputs keep __provider");

      const fixed = all.map((m) => (bad.includes(m) ? { ...m, region: REGIONS[m.vendor][0]! } : m));
      await stack.configure({ zoneId, mappings: fixed });
      emulator.clearRequests();
      await stack.up();
      const writes = emulator.writeRequests();
      assert.equal(writes.length, 1, writes.map((w) => `${w.method} ${w.path}`).join(", "));
      assert.equal(writes[0]!.method, "PATCH");
      assert.deepEqual(bodyIps(writes[0]!), bad.map((m) => m.ip).sort());
      assert.deepEqual(held(zoneId), expected(fixed));
    });

    it("destroy works on a stack left partially applied", async function () {
      const zoneId = zone("partial-destroy");
      const { all, bad } = withRejected(makeMappings(20, 900));
      const stack = await createStack("partial-destroy", { zoneId, mappings: all });
      const up = await stack.up([], { allowFailure: true });
      assert.notEqual(up.code, 0);
      assert.equal(held(zoneId).length, all.length - bad.length);

      const destroy = await stack.destroy();
      assert.match(destroy.output, /deleted/);
      assert.deepEqual(held(zoneId), []);
    });
  });

  // ---- 5 -----------------------------------------------------------------------------------------
  describe("5. drift", function () {
    it("5. drift (one mapping changed, one deleted outside Pulumi) shows in refresh; the next up restores both", async function () {
      const zoneId = zone("drift");
      const mappings = makeMappings(30, 1200);
      const stack = await createStack("drift", { zoneId, mappings });
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
      assert.equal(writes.length, 1, writes.map((w) => `${w.method} ${w.path}`).join(", "));
      assert.deepEqual(bodyIps(writes[0]!), [changed.ip, deleted.ip].sort());
      assert.deepEqual(held(zoneId), expected(mappings));
    });
  });

  // ---- 6 -----------------------------------------------------------------------------------------
  describe("6. adoption", function () {
    it("6. a pre-existing mapping for a declared IP fails up without writing; adopt: true takes it over", async function () {
      const zoneId = zone("adopt");
      const mappings = makeMappings(10, 1500);
      const existing = mappings[3]!;
      const otherRegion = REGIONS[existing.vendor].find((r) => r !== existing.region)!;
      emulator.putMapping(zoneId, { ip: existing.ip, vendor: existing.vendor, region: otherRegion });
      const stack = await createStack("adopt", { zoneId, mappings });

      emulator.clearRequests();
      const refused = await stack.up([], { allowFailure: true });
      assert.notEqual(refused.code, 0);
      assertIncludes(refused.output, [existing.ip, "adopt"], "refused up");
      assert.deepEqual(emulator.writeRequests(), [], "nothing may be written");
      assert.deepEqual(held(zoneId), [`${existing.ip} ${existing.vendor}/${otherRegion}`]);

      await stack.configure({ zoneId, mappings, adopt: true });
      await stack.up();
      assert.deepEqual(held(zoneId), expected(mappings));
    });
  });

  // ---- 7 -----------------------------------------------------------------------------------------
  describe("7. zone change", function () {
    it("7. changing the zone deletes the mappings from the old zone before creating them in the new one", async function () {
      const oldZone = zone("zone-old");
      const newZone = zone("zone-new");
      const mappings = makeMappings(20, 1800);
      const stack = await createStack("zone-change", { zoneId: oldZone, mappings });
      await stack.up();
      assert.deepEqual(held(oldZone), expected(mappings));

      await stack.configure({ zoneId: newZone, mappings });
      emulator.clearRequests();
      const up = await stack.up();
      assert.match(up.output, /replaced/);
      assert.deepEqual(held(oldZone), []);
      assert.deepEqual(held(newZone), expected(mappings));
      const writes = emulator.writeRequests();
      const lastOldDelete = writes.map((w) => w.path.includes(oldZone) && w.method === "DELETE").lastIndexOf(true);
      const firstNewPatch = writes.findIndex((w) => w.path.includes(newZone) && w.method === "PATCH");
      assert.ok(lastOldDelete >= 0 && firstNewPatch > lastOldDelete, writes.map((w) => `${w.method} ${w.path}`).join(", "));
    });
  });

  // ---- 8 -----------------------------------------------------------------------------------------
  describe("8. destroy", function () {
    it("8. destroy removes every mapping the stack owns and leaves a foreign mapping alone", async function () {
      const zoneId = zone("destroy");
      const mappings = makeMappings(20, 2100);
      const foreign = { ip: "198.51.100.254", vendor: "gcp", region: "us-central1" };
      emulator.putMapping(zoneId, foreign);
      const stack = await createStack("destroy", { zoneId, mappings });
      await stack.up();
      assert.equal(held(zoneId).length, 21);

      emulator.clearRequests();
      const destroy = await stack.destroy();
      assert.match(destroy.output, /- 2 deleted|deleted/);
      assert.deepEqual(held(zoneId), [`${foreign.ip} ${foreign.vendor}/${foreign.region}`]);
      assert.deepEqual(writesTo(zoneId).map((w) => w.method), ["DELETE"]);
    });
  });

  // ---- 10 ----------------------------------------------------------------------------------------
  describe("10. bad input fails preview with the property path and the value, and writes nothing", function () {
    const zoneId = zone("bad-input");
    const valid = makeMappings(12, 2400);
    let stack: TestStack;

    before(async function () {
      stack = await createStack("bad-input", { zoneId, mappings: valid });
      emulator.clearRequests();
    });
    after(() => assert.deepEqual(writesTo(zoneId), [], "no write request for bad input"));

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

  // ---- 11 ----------------------------------------------------------------------------------------
  describe("11. transient faults", function () {
    it("11. with 429s (Retry-After), 5xx and dropped connections injected, up and destroy converge", async function () {
      const zoneId = zone("faults");
      const mappings = makeMappings(250, 2700);
      const stack = await createStack("faults", { zoneId, mappings });
      emulator.clearRequests();
      // Scripted faults make sure every kind happens (a retry of a failed request takes the next one
      // of its method), and seeded random ones (at most one in a row) hit every other call too.
      emulator.faults.enqueue(
        { kind: "429", retryAfter: 1, method: "PATCH" },
        { kind: "5xx", status: 503, method: "PATCH" },
        { kind: "reset-after-apply", method: "PATCH" },
        { kind: "reset-after-apply", method: "DELETE" },
        { kind: "5xx", status: 500, code: "internal_error", method: "DELETE" },
        { kind: "429", retryAfter: 1, method: "DELETE" },
      );
      emulator.faults.setRates({ rate429: 0.1, rate5xx: 0.1, rateReset: 0.1, retryAfter: 1, seed: 11, maxConsecutive: 1 });
      try {
        const up = await stack.up();
        assert.match(up.output, /created/);
        assert.deepEqual(held(zoneId), expected(mappings));
        const destroy = await stack.destroy();
        assert.match(destroy.output, /deleted/);
        assert.deepEqual(held(zoneId), []);
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
      assert.ok(emulator.requests.length > 0 && emulator.requests.every((r) => r.authorized), "the emulator saw the token on every request");
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
