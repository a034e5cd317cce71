// End-to-end suite, endpoint families: accounts whose families change under a stack (v1 removed,
// v2 served), or that serve neither. The suite's layout is described in lifecycle.spec.ts; at the
// end it checks that the API token leaked nowhere (case 9, over this file's CLI commands).
//
//   npm run e2e              (E2E_VERBOSE=1 prints every CLI command and its output)

import * as assert from "node:assert/strict";
import { makeMappings, mappingsResource } from "../support/e2e-harness";
import { assertIncludes } from "../support/e2e-checks";
import { e2eSuite } from "../support/e2e-suite";

describe("end-to-end: Pulumi CLI + OriginCloudRegionMappings + emulator", function () {
  const suite = e2eSuite("e2e", { defaultAccount: false, timing: true, tokenCheck: 10 });

  // ---- Accounts whose families change, or serve none ------------------------------------------------
  describe("endpoint families", function () {
    it("a stack created on v1, run with auto once v1 is gone (v2 served), converges with no diff and no write", async function () {
      const emulator = await suite.account({ v2: "no-route" });
      const t = suite.on(emulator);
      const zoneId = suite.zone("v1-gone");
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
      assert.ok(
        emulator.requests.some((r) => r.path.includes("/origin/cloud_regions") && r.status === 200),
        "v2 answered",
      );
      const state = mappingsResource(await stack.export());
      assert.equal(state?.outputs?.["apiFamily"], "v2", "refresh records the family it used");

      const destroy = await stack.destroy();
      assert.match(destroy.output, /deleted/);
      assert.deepEqual(t.held(zoneId), []);
    });

    it("both families answering no route: preview and up fail with one clear message, and nothing is written", async function () {
      const emulator = await suite.account({ v1: "no-route", v2: "no-route" });
      const t = suite.on(emulator);
      const zoneId = suite.zone("unavailable");
      const stack = await t.createStack("unavailable", { zoneId, mappings: makeMappings(5, 3300) });
      const message = `Origin cloud regions are not available for zone ${zoneId} on this account: both endpoint families answered no route`;
      const preview = await stack.preview([], { allowFailure: true });
      assert.notEqual(preview.code, 0);
      assertIncludes(preview.output, [message, "Check the zone id"], "preview");
      const up = await stack.up([], { allowFailure: true });
      assert.notEqual(up.code, 0);
      assertIncludes(up.output, [message], "up");
      assert.deepEqual(
        emulator.writeRequests().filter((r) => r.status === 200),
        [],
      );
      assert.deepEqual(
        emulator.requests.filter((r) => r.method === "PUT" || r.method === "PATCH"),
        [],
        "no upsert was even tried",
      );
    });
  });
});
