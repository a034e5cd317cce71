// End-to-end: the README's "Moving from one resource per IP", both ways, with the real CLI against the
// emulator. A stand-in for @pulumi/cloudflare's OriginCloudRegion (test/e2e/migration-fixture) writes
// one mapping per resource through the single-IP endpoint; the README's commands then hand the
// mappings over to one OriginCloudRegionMappings. Between every step the emulator must hold every
// mapping, and over the whole move it must receive no DELETE and no write that changes a mapping.
//
//   npx mocha --no-config -r ts-node/register/transpile-only --extension ts --timeout 600000 test/e2e/migration.spec.ts

import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import type { Emulator, RecordedRequest } from "../../emulator";
import type { MappingSpec } from "../support/e2e-harness";
import {
  MAPPINGS_TYPE,
  PulumiCli,
  REPO_ROOT,
  TestStack,
  excerpt,
  makeMappings,
  mappingsResource,
  resolveToolchain,
  zoneIdFor,
} from "../support/e2e-harness";
import { asHeld } from "../support/e2e-suite";
import { SINGLE_IP_ENDPOINT } from "./migration-fixture/single-ip-endpoint";

const FIXTURE = path.join(REPO_ROOT, "test", "e2e", "migration-fixture");
const PER_IP_TYPE = "pulumi-nodejs:dynamic/standin:OriginCloudRegion";
const BATCH_UPSERT = (zoneId: string) => `/zones/${zoneId}/origin/cloud_regions/batch`;

describe("end-to-end: moving from one resource per IP to OriginCloudRegionMappings", function () {
  const token = `e2e-migration-${randomBytes(18).toString("hex")}`;
  const salt = randomBytes(4).toString("hex");
  let emulator: Emulator;
  let cli: PulumiCli;
  const stacks: TestStack[] = [];

  before(async function () {
    this.timeout(90 * 60_000); // the first toolchain run on a machine builds the Pulumi CLI
    const prefix = await resolveToolchain();
    emulator = await startEmulator({ port: 0, apiToken: token });
    cli = new PulumiCli(prefix, FIXTURE);
  });

  after(async function () {
    this.timeout(120_000);
    for (const stack of stacks) fs.rmSync(stack.configFile, { force: true });
    if (emulator) await emulator.close();
    if (cli) {
      console.log(cli.timingSummary());
      if (process.env["E2E_KEEP"]) console.log(`  kept ${cli.root}`);
      else cli.dispose();
    }
  });

  /** A stack of the fixture with N per-IP resources created through the single-IP endpoint. */
  async function perIpStack(name: string, mappings: MappingSpec[], zoneId: string): Promise<TestStack> {
    const stack = new TestStack(cli, name);
    stacks.push(stack);
    await stack.init({ zoneId, mappings }, emulator.url, token);
    await setPhase(stack, "per-ip");
    emulator.clearRequests();
    const up = await stack.up();
    assert.match(up.output, new RegExp(`\\+ ${mappings.length + 1} created`));
    const writes = writesTo(zoneId);
    const single = mappings.map((m) => SINGLE_IP_ENDPOINT.upsert(zoneId, m));
    assert.deepEqual(
      writes.map((w) => `${w.method} ${w.path} ${JSON.stringify(w.body)}`).sort(),
      single.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body)}`).sort(),
      "one single-IP upsert per resource",
    );
    assertAllHeld(zoneId, mappings, "after creating the per-IP resources");
    emulator.clearRequests(); // the move starts here
    return stack;
  }

  function setPhase(stack: TestStack, phase: "per-ip" | "per-ip-retained" | "batch" | "batch-settled"): Promise<unknown> {
    return cli.run(["config", "set", "--stack", stack.name, "phase", phase]);
  }

  function writesTo(zoneId: string): RecordedRequest[] {
    return emulator.writeRequests().filter((r) => r.path.startsWith(`/zones/${zoneId}/`));
  }

  /** Every mapping is in the emulator, unchanged; nothing else is. */
  function assertAllHeld(zoneId: string, mappings: MappingSpec[], when: string): void {
    assert.deepEqual(asHeld(emulator.mappings(zoneId)), asHeld(mappings), `every mapping is held ${when}`);
  }

  /**
   * Since the move started: no DELETE of any kind, and every write is a batch upsert that sets
   * mappings to the values they already had, so at no moment was a mapping missing or different.
   */
  function assertNothingRemovedOrChanged(zoneId: string, mappings: MappingSpec[], when: string): void {
    const expected = new Map(mappings.map((m) => [m.ip, m]));
    for (const w of writesTo(zoneId)) {
      assert.notEqual(w.method, "DELETE", `${when}: the emulator received ${w.method} ${w.path}`);
      assert.equal(`${w.method} ${w.path}`, `PUT ${BATCH_UPSERT(zoneId)}`, `${when}: unexpected write`);
      for (const item of w.body as Array<{ origin_ip: string; vendor: string; region: string }>) {
        const m = expected.get(item.origin_ip);
        assert.deepEqual(
          item,
          m && { origin_ip: m.ip, vendor: m.vendor, region: m.region },
          `${when}: ${item.origin_ip} was rewritten with other values`,
        );
      }
    }
  }

  /** The end state: no per-IP resource, one OriginCloudRegionMappings owning every IP; nothing left to do. */
  async function assertOwnedByOneResource(stack: TestStack, zoneId: string, mappings: MappingSpec[]): Promise<void> {
    const state = await stack.export();
    const types = (state.deployment.resources ?? []).map((r) => r.type);
    assert.equal(types.filter((t) => t === PER_IP_TYPE).length, 0, "no per-IP resource is left in the state");
    assert.equal(types.filter((t) => t === MAPPINGS_TYPE).length, 1, "one OriginCloudRegionMappings");
    // The state stores each mapping as "<vendor>/<region>".
    const owned = (mappingsResource(state)?.outputs?.["mappings"] ?? {}) as Record<string, string>;
    assert.deepEqual(
      Object.entries(owned)
        .map(([ip, target]) => `${ip} ${target}`)
        .sort(),
      asHeld(mappings),
    );
    await stack.up(["--expect-no-changes"]);
    // README: `adopt: true` may be removed afterwards; that changes nothing.
    await setPhase(stack, "batch-settled");
    await stack.up(["--expect-no-changes"]);
    assertNothingRemovedOrChanged(zoneId, mappings, "up --expect-no-changes");

    // Ownership, the hard way: destroying the stack now removes every mapping, in one batch DELETE.
    emulator.clearRequests();
    await stack.destroy();
    assert.deepEqual(emulator.mappings(zoneId), []);
    assert.deepEqual(
      writesTo(zoneId).map((w) => `${w.method} ${w.path}`),
      [`DELETE /zones/${zoneId}/origin/cloud_regions/batch`],
    );
  }

  it("with pulumi state delete: forget the per-IP resources, then create OriginCloudRegionMappings with adopt: true", async function () {
    const zoneId = zoneIdFor("migrate-state-delete", salt);
    const mappings = makeMappings(6, 7000);
    const stack = await perIpStack("state-delete", mappings, zoneId);

    // docs/migration.md step 1: the program now declares one OriginCloudRegionMappings with adopt: true.
    await setPhase(stack, "batch");
    // docs/migration.md step 2: remove each per-IP resource from the state (`pulumi stack --show-urns` lists them).
    const urns = ((await stack.export()).deployment.resources ?? []).filter((r) => r.type === PER_IP_TYPE).map((r) => r.urn);
    assert.equal(urns.length, mappings.length);
    for (const urn of urns) {
      await cli.run(["state", "delete", "--stack", stack.name, "--yes", urn]);
      assertAllHeld(zoneId, mappings, `after pulumi state delete ${urn}`);
    }
    // docs/migration.md step 3: the preview shows one resource to create and nothing to delete.
    const preview = await stack.preview(["--diff"]);
    assert.match(preview.output, /\+ 1 to create/);
    assert.doesNotMatch(preview.output, /to delete/, excerpt(preview.output));
    assertAllHeld(zoneId, mappings, "after pulumi preview");
    // docs/migration.md step 4.
    const up = await stack.up();
    assert.match(up.output, /\+ 1 created/);
    assertAllHeld(zoneId, mappings, "after pulumi up");
    assertNothingRemovedOrChanged(zoneId, mappings, "pulumi up");

    await assertOwnedByOneResource(stack, zoneId, mappings);
  });

  it("with retainOnDelete: true: retain the per-IP resources, then replace them with OriginCloudRegionMappings (adopt: true) in one up", async function () {
    const zoneId = zoneIdFor("migrate-retain", salt);
    const mappings = makeMappings(6, 7100);
    const stack = await perIpStack("retain", mappings, zoneId);

    // docs/migration.md step 1: retainOnDelete on every per-IP resource; the up changes only the state.
    await setPhase(stack, "per-ip-retained");
    await stack.up();
    assertAllHeld(zoneId, mappings, "after setting retainOnDelete");
    assert.deepEqual(writesTo(zoneId), [], "setting retainOnDelete sends nothing");
    const retained = ((await stack.export()).deployment.resources ?? []).filter((r) => r.type === PER_IP_TYPE);
    assert.equal(retained.length, mappings.length);
    for (const r of retained) assert.equal((r as { retainOnDelete?: boolean }).retainOnDelete, true, `${r.urn} is retained`);

    // docs/migration.md step 2: the program declares OriginCloudRegionMappings (adopt: true) instead of them.
    await setPhase(stack, "batch");
    const preview = await stack.preview(["--diff"]);
    assert.match(preview.output, /\+ 1 to create/);
    assert.match(preview.output, new RegExp(`- ${mappings.length} to delete`));
    // What the reviewer checks: every per-IP resource is marked delete[retain], none a plain delete.
    assert.equal(preview.output.match(/\(delete\[retain\]\)/g)?.length, mappings.length, excerpt(preview.output));
    assert.doesNotMatch(preview.output, /\(delete\)/);
    assertAllHeld(zoneId, mappings, "after pulumi preview");
    const up = await stack.up();
    assert.match(up.output, /\+ 1 created/);
    assertAllHeld(zoneId, mappings, "after pulumi up");
    assertNothingRemovedOrChanged(zoneId, mappings, "pulumi up");

    await assertOwnedByOneResource(stack, zoneId, mappings);
  });
});
