// End-to-end suite, lifecycle part 2 (part 1, with the suite's layout, is lifecycle.spec.ts): on
// each endpoint family, mappings changed, deleted or added outside Pulumi (drift 5, adoption 6, a
// new IP the zone maps elsewhere 6b) and destroy next to a foreign mapping (8). At the end the suite
// checks that the API token leaked nowhere (case 9, over this file's CLI commands).
//
//   npm run e2e              (E2E_VERBOSE=1 prints every CLI command and its output)

import * as assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import type { MappingSpec } from "../support/e2e-harness";
import { REGIONS, excerpt, ipsIn, makeMappings } from "../support/e2e-harness";
import {
  LIFECYCLE_FAMILIES,
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

      before(async () => {
        emulator = await suite.account({ [otherFamily(family)]: "no-route" });
        t = suite.on(emulator);
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
          assert.deepEqual(
            [...ipsIn(changedLines(refresh.output))].sort(),
            [changed.ip, deleted.ip].sort(),
            excerpt(changedLines(refresh.output)),
          );
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
        it("6b. preview and up of the update fail naming it, without writing; destroy leaves it alone", async function () {
          const zoneId = z("adopt-update");
          const mappings = makeMappings(8, 1600);
          const stack = await t.createStack(name("adopt-update"), { zoneId, mappings });
          await stack.up();
          const theirs = { ip: "198.51.100.77", vendor: "azure", region: "eastus" };
          emulator.putMapping(zoneId, theirs);
          const added: MappingSpec[] = [...mappings, { ip: theirs.ip, vendor: "aws", region: "us-east-1" }];
          await stack.configure({ zoneId, mappings: added });

          emulator.clearRequests();
          // up is certain to fail: so does the preview a reviewer reads, with the same message.
          const preview = await stack.preview([], { allowFailure: true });
          assert.notEqual(preview.code, 0);
          assertIncludes(
            preview.output,
            [`${theirs.ip}: the zone has azure/eastus, declared aws/us-east-1`, "Set `adopt: true` to take them over"],
            "preview",
          );
          const refused = await stack.up([], { allowFailure: true });
          assert.notEqual(refused.code, 0);
          assertIncludes(
            refused.output,
            [`${theirs.ip}: the zone has azure/eastus, declared aws/us-east-1`, "Nothing was written"],
            "refused up",
          );
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
          assert.deepEqual(
            t.writesTo(zoneId).map((w) => `${w.method} ${familyOf(w.path)} ${w.status}`),
            [...probe, `DELETE ${family} 200`],
          );
        });
      });
    });
  }
});
