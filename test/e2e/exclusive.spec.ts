// Exclusive mode and the zone-room check with the real CLI: preview lists the undeclared mappings
// up would remove (bounded), up removes them, refresh reports an out-of-band addition as drift, two
// exclusive resources for one zone fail preview, and a create the zone has no room for fails before
// any write.
//
//   npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 3600000 test/e2e/exclusive.spec.ts

import * as assert from "node:assert/strict";
import type { MappingSpec } from "../support/e2e-harness";
import { excerpt, makeMappings, mappingsResource, zoneIdFor } from "../support/e2e-harness";
import { asHeld, e2eSuite } from "../support/e2e-suite";

/** `count` distinct IPv6 mappings in a block of their own: someone else's. */
const foreign = (count: number, block: number): MappingSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    ip: `2001:db8:${block.toString(16)}::${(i + 1).toString(16)}`,
    vendor: "gcp",
    region: "us-central1",
  }));

describe("end-to-end: exclusive mode and zone room", function () {
  const suite = e2eSuite("excl");
  const { salt, newStack, held } = suite;
  const put = (zoneId: string, list: MappingSpec[]) => list.forEach((m) => suite.emulator.putMapping(zoneId, m));

  it("create over undeclared mappings: preview lists them (20 lines and a count), up removes them; refresh shows an out-of-band addition as drift and up removes it", async function () {
    this.timeout(10 * 60_000);
    const zoneId = zoneIdFor("exclusive", salt);
    const want = makeMappings(30, 100);
    const others = foreign(25, 0xe1);
    put(zoneId, others);
    const stack = await newStack("exclusive", { zoneId, mappings: want, exclusive: true });

    suite.emulator.clearRequests();
    const preview = await stack.preview();
    assert.match(preview.output, /up will remove 25 mappings the zone holds that this resource does not declare/);
    assert.match(preview.output, /… and 5 more/);
    const listed = others.filter((m) => preview.output.includes(`${m.ip} (`));
    assert.equal(listed.length, 20, "at most 20 item lines");
    assert.deepEqual(suite.emulator.writeRequests(), [], "preview writes nothing");

    await stack.up();
    assert.deepEqual(held(zoneId), asHeld(want));
    assert.equal(mappingsResource(await stack.export())?.outputs?.["exclusive"], true);

    const added = foreign(1, 0xe2)[0]!;
    suite.emulator.putMapping(zoneId, added);
    suite.emulator.clearRequests();
    const refresh = await stack.refresh(["--diff"]);
    assert.ok(refresh.output.includes(added.ip), `refresh shows the addition\n${excerpt(refresh.output)}`);
    assert.deepEqual(suite.emulator.writeRequests(), [], "refresh writes nothing");
    const drift = await stack.preview(["--diff"]);
    assert.match(drift.output, /~ 1 to update/);
    await stack.up();
    assert.deepEqual(held(zoneId), asHeld(want));
    suite.emulator.clearRequests();
    await stack.up(["--expect-no-changes"]);
    assert.deepEqual(suite.emulator.writeRequests(), []);
  });

  it("two exclusive resources for one zone fail preview, naming both, and write nothing", async function () {
    this.timeout(5 * 60_000);
    const zoneId = zoneIdFor("twins", salt);
    const stack = await newStack("twins", { zoneId, mappings: makeMappings(3, 200), exclusive: true, twinExclusive: true });
    suite.emulator.clearRequests();
    const preview = await stack.preview([], { allowFailure: true });
    assert.notEqual(preview.code, 0);
    assert.match(preview.output, /"origins-twin" and "origins" both set `exclusive: true` for zone/);
    assert.deepEqual(suite.emulator.writeRequests(), []);
  });

  it("creating 600 in a zone holding 3,000 others fails preview and up before any write, saying what to free", async function () {
    this.timeout(5 * 60_000);
    const zoneId = zoneIdFor("full", salt);
    put(zoneId, foreign(3000, 0xf1));
    const stack = await newStack("full", { zoneId, mappings: makeMappings(600, 300) });
    suite.emulator.clearRequests();
    const message = `Zone ${zoneId} has no room for 600 new mappings: it holds 3,000 (0 of them this resource's), and this step would leave 3,600, over Cloudflare's limit of 3,500 per zone. Free at least 100`;
    // The preview a reviewer reads fails the same way: up is certain to fail.
    const preview = await stack.preview([], { allowFailure: true });
    assert.notEqual(preview.code, 0);
    assert.ok(preview.output.includes(message), excerpt(preview.output));
    const up = await stack.up([], { allowFailure: true });
    assert.notEqual(up.code, 0);
    assert.ok(up.output.includes(message), excerpt(up.output));
    assert.deepEqual(suite.emulator.writeRequests(), [], "nothing written");
    assert.equal(suite.emulator.mappings(zoneId).length, 3000);
  });
});
