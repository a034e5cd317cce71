// End-to-end suite, cases that do not depend on the endpoint family, on an account serving both:
// a zone change (7), bad input (10), a readable preview at 1,000 mappings (12) and injected faults
// (11). The suite's layout is described in lifecycle.spec.ts. Case 9 comes last and checks, over
// this file's CLI commands, that the API token leaked nowhere (the other e2e files of this suite make
// the same check at their end).
//
//   npm run e2e              (E2E_VERBOSE=1 prints every CLI command and its output)

import * as assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import type { MappingSpec, TestStack } from "../support/e2e-harness";
import { excerpt, makeMappings } from "../support/e2e-harness";
import { assertIncludes, describeWrites } from "../support/e2e-checks";
import type { OnAccount } from "../support/e2e-suite";
import { asHeld, e2eSuite } from "../support/e2e-suite";

describe("end-to-end: Pulumi CLI + OriginCloudRegionMappings + emulator", function () {
  const suite = e2eSuite("e2e", { defaultAccount: false, timing: true });

  // ---- Cases that do not depend on the family (account serving both) --------------------------------
  describe("on an account serving both families", function () {
    let emulator: Emulator;
    let t: OnAccount;
    before(async () => {
      emulator = await suite.account();
      t = suite.on(emulator);
    });

    it("7. changing the zone deletes the mappings from the old zone before creating them in the new one", async function () {
      const oldZone = suite.zone("zone-old");
      const newZone = suite.zone("zone-new");
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
      const zoneId = suite.zone("bad-input");
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

    it("12. a one-IP change at 1,000 mappings: plain `pulumi preview` and `preview --diff` name the IP in a few lines", async function () {
      const zoneId = suite.zone("readable");
      const before = makeMappings(1000, 4000);
      const stack = await t.createStack("readable", { zoneId, mappings: before });
      await stack.up();
      const added: MappingSpec = { ip: "203.0.113.250", vendor: "aws", region: "eu-west-1" };
      await stack.configure({ zoneId, mappings: [...before, added] });
      const plain = await stack.preview();
      const withDiff = await stack.preview(["--diff"]);
      const lines = (text: string) => text.trimEnd().split("\n").length;
      assert.ok(lines(plain.output) < 40, excerpt(plain.output));
      assert.ok(lines(withDiff.output) < 40, excerpt(withDiff.output));
      assertIncludes(
        plain.output,
        [`origins (zone ${zoneId.slice(0, 4)}…${zoneId.slice(-4)}): 1 to add, 0 to change, 0 to remove`, `+ ${added.ip} aws/eu-west-1`],
        "preview",
      );
      assertIncludes(withDiff.output, [`+ ${added.ip}: "aws/eu-west-1"`], "preview --diff");
      await stack.destroy();
    });

    it("11. with 429s (Retry-After), 5xx and dropped connections injected, up and destroy converge", async function () {
      const zoneId = suite.zone("faults");
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
      console.log(
        `      faults injected: ${faults.length} (${[...counts].map(([k, n]) => `${k} x${n}`).join(", ")}) in ${emulator.requests.length} requests`,
      );
      assert.deepEqual([...kinds].sort(), ["429", "5xx", "dropped"].sort(), "429s, 5xx and dropped connections were all injected");
    });
  });

  // ---- 9 (checked last, over everything this file's suite did) -----------------------------------
  describe("9. secrets", function () {
    it("9. the API token appears in no state file, CLI output, error or stack config file", function () {
      suite.assertTokenNowhere(20);
    });
  });
});

/** Writes an IPv6 address in full, uppercase, zero-padded form (same address, other spelling). */
function expandIpv6(ip: string): string {
  const [head = "", tail = ""] = ip.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === "" ? [] : tail.split(":");
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return groups.map((g) => g.padStart(4, "0").toUpperCase()).join(":");
}
