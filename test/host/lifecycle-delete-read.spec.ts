// The provider against the emulator, on each endpoint family: delete, faults during create, adopt,
// read (drift), and partial failures.
import assert from "node:assert/strict";
import type { MappingsOutputs } from "../../provider";
import { timeClientWith } from "../../provider/host/session";
import { TEST_TOKEN, batchRequests, configuredProvider } from "../support/emulator";
import { ALL_REGIONS, PROVIDER_CODE, declared, providerSuite, type Decl } from "./support";

for (const family of ["v1", "v2"] as const) {
  const UPSERT = family === "v1" ? "PATCH" : "PUT";
  describe(`OriginCloudRegionMappingsProvider against the emulator (${family}, ${UPSERT} batches)`, function () {
    this.timeout(60_000);
    const suite = providerSuite(family);
    const { nextZone, create } = suite;

    it("delete sends ceil(n/100) DELETEs and leaves a mapping it does not own untouched", async () => {
      const zone = nextZone();
      const { outs, result } = await create(zone, declared(230));
      suite.emulator.putMapping(zone, { ip: "192.0.2.200", vendor: "aws", region: "us-east-1" });
      suite.emulator.clearRequests();
      await suite.provider.delete(result.id, outs);
      assert.equal(batchRequests(suite.emulator, "DELETE"), 3);
      assert.equal(suite.emulator.writeRequests().length, 3);
      assert.deepEqual(
        suite.emulator.mappings(zone).map((m) => m.ip),
        ["192.0.2.200"],
      );
    });

    it("delete counts an IP already gone as deleted", async () => {
      const zone = nextZone();
      const { outs, result } = await create(zone, declared(3));
      suite.emulator.deleteMapping(zone, declared(3)[1]?.ip as string);
      await suite.provider.delete(result.id, outs);
      assert.equal(suite.emulator.mappings(zone).length, 0);
    });

    it("delete throws when a mapping could not be deleted within the retry budget, so the resource stays in state", async () => {
      const zone = nextZone();
      const { outs, result } = await create(zone, declared(3));
      const impatient = await configuredProvider(suite.emulator, TEST_TOKEN, {
        "originCloudRegions:apiFamily": family,
        "originCloudRegions:retryBudgetSeconds": "1",
      });
      // Retries wait for nothing and draw no jitter: the attempt cap, not the clock, ends the read-back.
      timeClientWith(impatient, { sleep: async () => undefined, random: () => 0 });
      suite.emulator.faults.setRates({ rate5xx: 1 });
      try {
        await assert.rejects(impatient.delete(result.id, outs), (e: unknown) => {
          const message = (e as Error).message;
          assert.match(
            message,
            /^Deleting the mappings of zone .* went through only in part: 0 of 3 mappings deleted; 3 failed:\n.*\(500\)/,
          );
          assert.match(message, /Run `pulumi destroy` again to finish, or `pulumi up --refresh` to keep the resource/);
          assert.equal((e as Error).stack, "", "no stack trace");
          return true;
        });
      } finally {
        suite.emulator.faults.clear();
      }
      assert.equal(suite.emulator.mappings(zone).length, 3);
    });

    it("under injected 429, 5xx and dropped connections, create ends with exactly the desired set", async () => {
      const zone = nextZone();
      const want = declared(250);
      suite.emulator.faults.enqueue(
        { kind: "429", retryAfter: 0, method: "GET" },
        { kind: "5xx", method: UPSERT },
        { kind: "reset", method: UPSERT },
        { kind: "reset-after-apply", method: UPSERT },
        { kind: "429", retryAfter: 1, method: UPSERT },
      );
      const { outs } = await create(zone, want);
      assert.equal(suite.emulator.faults.pending(), 0, "every fault was hit");
      const held = suite.emulator.mappings(zone).map(({ ip, vendor, region }) => ({ ip, vendor, region }));
      assert.deepEqual(held.map((m) => m.ip).sort(), want.map((m) => m.ip).sort());
      assert.deepEqual(Object.keys(outs.mappings).sort(), want.map((m) => m.ip).sort());
    });

    it("refuses to take over existing mappings without adopt, writing nothing", async () => {
      const zone = nextZone();
      const want = declared(5);
      suite.emulator.putMapping(zone, { ip: want[2]?.ip as string, vendor: "gcp", region: "us-central1" });
      // Preview fails the same way (see ownership.spec.ts); create, run without it, refuses too.
      const checked = await suite.provider.check({}, { zoneId: zone, mappings: want }).catch(() => ({
        inputs: {
          zoneId: zone,
          mappings: Object.fromEntries(want.map((m) => [m.ip, `${m.vendor}/${m.region}`])),
          adopt: false,
          exclusive: false,
        },
      }));
      suite.emulator.clearRequests();
      await assert.rejects(
        suite.provider.create({ ...checked.inputs, __provider: PROVIDER_CODE }),
        new RegExp(
          `already maps 1 declared IP to another vendor or region .*\\n  ${want[2]?.ip}: the zone has gcp/us-central1, declared ${want[2]?.vendor}/${want[2]?.region}\\nNothing was written`,
        ),
      );
      assert.equal(suite.emulator.writeRequests().length, 0);
      const adopted = await create(zone, want, { adopt: true });
      assert.equal(adopted.outs.adopt, true);
      assert.deepEqual(suite.emulator.mappings(zone).find((m) => m.ip === want[2]?.ip)?.vendor, want[2]?.vendor);
    });

    it("read reports live values of its own IPs only", async () => {
      const zone = nextZone();
      const want = declared(4);
      const { outs, result } = await create(zone, want);
      suite.emulator.putMapping(zone, { ip: want[0]?.ip as string, vendor: "aws", region: "eu-west-1" });
      suite.emulator.deleteMapping(zone, want[1]?.ip as string);
      suite.emulator.putMapping(zone, { ip: "192.0.2.250", vendor: "aws", region: "us-east-1" });
      const read = await suite.provider.read(result.id, outs);
      const props = read.props as MappingsOutputs;
      assert.deepEqual(Object.keys(props.mappings).sort(), [want[0]?.ip, want[2]?.ip, want[3]?.ip].sort());
      assert.equal(props.mappings[want[0]?.ip as string], "aws/eu-west-1", "state stores one string per mapping");
      // The refreshed inputs declare the zone as it is: the engine's comparison with the program
      // (diff answers "unknown") finds the drift, and preview --diff shows only those IPs.
      assert.deepEqual(read.inputs?.["mappings"], props.mappings);
      assert.equal(read.inputs?.["implVersion"], outs.implVersion);
      const refreshDisplay = await suite.provider.diff(result.id, props, outs as unknown as Record<string, unknown>);
      assert.deepEqual(refreshDisplay, { changes: true }, "the refresh's own display: the zone differs from the inputs");
      await suite.provider.check(props as never, { zoneId: zone, mappings: want });
      const diff = await suite.provider.diff(result.id, props, outs as unknown as Record<string, unknown>);
      assert.deepEqual(diff, {}, "drift is left to the engine's exact comparison");
    });

    it("partial update keeps what is now true in state", async () => {
      const zone = nextZone();
      // The zone's region list is read once per zone per command: widen it before the first check.
      suite.emulator.setSupportedRegions({ ...ALL_REGIONS, gcp: [...(ALL_REGIONS.gcp ?? []), "eu-mars-1"] });
      const { outs } = await create(zone, declared(4));
      const next = declared(4);
      (next[0] as Decl).region = "us-west-2";
      (next[1] as Decl).region = "eu-mars-1";
      suite.emulator.rejectRegions([{ vendor: "gcp", region: "eu-mars-1" }]);
      try {
        const checked = await suite.provider.check(outs as unknown as Record<string, unknown>, { zoneId: zone, mappings: next });
        assert.deepEqual(checked.failures, []);
        const error = (await suite.provider.update(zone, outs, { ...checked.inputs, __provider: "new-code" }).catch((e: unknown) => e)) as {
          id: string;
          properties: MappingsOutputs & { __provider: string };
          reasons: string[];
        };
        assert.equal(error.properties.__provider, "new-code");
        assert.deepEqual(error.reasons.slice(0, 1), ["1 of 2 changes applied; 1 failed:"]);
        assert.equal(error.reasons.length, 2);
        assert.equal(error.properties.mappings[next[0]?.ip as string], "aws/us-west-2");
        assert.deepEqual(
          error.properties.mappings[next[1]?.ip as string],
          outs.mappings[next[1]?.ip as string],
          "the old value is still what is live",
        );
      } finally {
        suite.emulator.setSupportedRegions(ALL_REGIONS);
      }
    });

    it("create that applies nothing throws a plain error (no state)", async () => {
      const zone = nextZone();
      suite.emulator.rejectRegions([{ vendor: "aws", region: "us-east-1" }]);
      const checked = await suite.provider.check({}, { zoneId: zone, mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }] });
      const error = (await suite.provider.create({ ...checked.inputs, __provider: PROVIDER_CODE }).catch((e: unknown) => e)) as Error & {
        id?: string;
      };
      assert.equal(error.id, undefined);
      assert.match(error.message, /0 of 1 change applied; 1 failed:\n {2}192\.0\.2\.1 \(aws\/us-east-1\): upsert failed/);
    });
  });
}
