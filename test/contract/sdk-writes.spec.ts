// Contract, writes: the official TypeScript SDK (cloudflare 7.3.0) updates and deletes single mappings
// (IPv6 in every spelling), runs a batch update of 100 items of which some fail, a batch delete with
// the body set by hand (the SDK sends none), and meets the 3,500-mapping ceiling, all against the
// emulator; every answer has the shape the SDK declares.
import assert from "node:assert/strict";
import Cloudflare from "cloudflare";
import type {
  OriginCloudRegionBulkDeleteResponse,
  OriginCloudRegionBulkUpdateParams,
  OriginCloudRegionBulkUpdateResponse,
  OriginCloudRegionDeleteResponse,
  OriginCloudRegionUpdateResponse,
} from "cloudflare/resources/cache/origin-cloud-regions";
import { BATCH, DELETED, ENTRY, ZONE, conforms, rejectsWith, withSdk, type SdkVendor } from "./support";

const V2 = `/zones/${ZONE}/origin/cloud_regions`;
type Item = OriginCloudRegionBulkUpdateParams.Body;

function item(ip: string, vendor: SdkVendor = "aws", region = "us-east-1"): Item {
  return { origin_ip: ip, vendor, region };
}

describe("contract: the official TypeScript SDK writes through the emulator (v2)", () => {
  it("update: IPv6 with raw colons, non-canonical, and percent-encoded in the path all upsert the one canonical mapping", async () => {
    await withSdk({}, async (regions, emulator) => {
      const created = await regions.update("2001:db8::1", { zone_id: ZONE, ...item("2001:db8::1", "gcp", "us-central1") });
      conforms(created, ENTRY, "update");
      const expected: OriginCloudRegionUpdateResponse = {
        origin_ip: "2001:db8::1",
        vendor: "gcp",
        region: "us-central1",
        modified_on: emulator.mappings(ZONE)[0]!.modifiedOn,
      };
      assert.deepEqual(created, expected);
      const moved = await regions.update("2001:DB8:0:0::0001", { zone_id: ZONE, ...item("2001:0db8::1", "gcp", "europe-west1") });
      assert.deepEqual([moved.origin_ip, moved.region], ["2001:db8::1", "europe-west1"]);
      const encoded = await regions.update(
        "2001:db8::1",
        { zone_id: ZONE, ...item("2001:db8::1", "azure", "eastus") },
        { path: `${V2}/2001%3ADB8%3A%3A1` },
      );
      conforms(encoded, ENTRY, "update (percent-encoded)");
      assert.deepEqual([encoded.origin_ip, encoded.vendor, encoded.region], ["2001:db8::1", "azure", "eastus"]);
      assert.deepEqual(
        emulator.writeRequests().map((r) => r.path.slice(V2.length + 1)),
        ["2001:db8::1", "2001:DB8:0:0::0001", "2001%3ADB8%3A%3A1"],
      );
      assert.deepEqual(
        emulator.mappings(ZONE).map((m) => [m.ip, m.vendor, m.region]),
        [["2001:db8::1", "azure", "eastus"]],
      );
      const mismatch = await rejectsWith(
        regions.update("2001:db8::1", { zone_id: ZONE, ...item("2001:db8::2") }),
        Cloudflare.BadRequestError,
        400,
        [1146],
      );
      assert.match(mismatch.message, /ip_mismatch/);
      await rejectsWith(
        regions.update("2001:db8::1", { zone_id: ZONE, ...item("2001:db8::1", "aws", "mars-1") }),
        Cloudflare.BadRequestError,
        400,
        [1157],
      );
    });
  });

  it("delete: one IPv6 mapping answers its origin_ip only; again it is the SDK's NotFoundError (404)", async () => {
    await withSdk({}, async (regions, emulator) => {
      emulator.putMapping(ZONE, { ip: "2001:db8::5", vendor: "oci", region: "us-ashburn-1" });
      const deleted = await regions.delete("2001:DB8::0005", { zone_id: ZONE });
      conforms(deleted, DELETED, "delete");
      const expected: OriginCloudRegionDeleteResponse = { origin_ip: "2001:db8::5" };
      assert.deepEqual(deleted, expected);
      await rejectsWith(regions.delete("2001:db8::5", { zone_id: ZONE }), Cloudflare.NotFoundError, 404, [1142]);
      assert.deepEqual(emulator.mappings(ZONE), []);
    });
  });

  it("bulkUpdate of 100 items: 94 applied, the 6 invalid ones in failed with their IP and reason, as the SDK parses them", async () => {
    await withSdk({}, async (regions, emulator) => {
      emulator.rejectRegions([{ vendor: "oci", region: "eu-frankfurt-1", message: "oci/eu-frankfurt-1 is not accepting mappings" }]);
      const valid = Array.from({ length: 94 }, (_, i) =>
        i % 2 === 0 ? item(`198.18.0.${i}`) : item(`2001:DB8::${(i + 1).toString(16).toUpperCase()}`, "gcp", "us-central1"),
      );
      const invalid: Item[] = [
        item("not-an-ip"),
        item("2001:db8::ff/128"),
        item("198.18.1.1", "aws", "mars-1"),
        // The SDK's type allows only the four vendors; a cast sends another, as an untyped caller could.
        item("198.18.1.2", "ibm" as SdkVendor, "us-south"),
        item("198.18.1.3", "oci", "eu-frankfurt-1"),
        item("198.18.0.0", "azure", "eastus"), // the first valid item's IP again
      ];
      const body = [...valid.slice(0, 50), ...invalid, ...valid.slice(50)];
      assert.equal(body.length, 100);
      const result = await regions.bulkUpdate({ zone_id: ZONE, body });
      conforms(result, BATCH, "bulkUpdate");
      const canonical = (ip: string) => ip.toLowerCase();
      const expectedSucceeded: OriginCloudRegionBulkUpdateResponse.Succeeded[] = valid.map((m) => ({
        ...m,
        origin_ip: canonical(m.origin_ip),
      }));
      assert.deepEqual(result.succeeded, expectedSucceeded);
      assert.deepEqual(
        result.failed.map((f) => f.origin_ip),
        ["not-an-ip", "2001:db8::ff/128", "198.18.1.1", "198.18.1.2", "198.18.1.3", "198.18.0.0"],
      );
      const reasons = result.failed.map((f) => f.error ?? "");
      assert.match(reasons[0] ?? "", /^\[1146\] .*not-an-ip/);
      assert.match(reasons[1] ?? "", /^\[1146\] /);
      assert.match(reasons[2] ?? "", /^\[1157\] .*mars-1/);
      assert.match(reasons[3] ?? "", /^\[1157\] .*ibm/);
      assert.match(reasons[4] ?? "", /oci\/eu-frankfurt-1 is not accepting mappings/);
      assert.match(reasons[5] ?? "", /duplicate/);
      assert.ok(
        result.failed.every((f) => f.vendor === undefined && f.region === undefined),
        "failed items carry no vendor or region",
      );
      assert.equal(emulator.mappings(ZONE).length, 94);
      const tooMany = Array.from({ length: 101 }, (_, i) => item(`198.19.0.${i}`));
      await rejectsWith(regions.bulkUpdate({ zone_id: ZONE, body: tooMany }), Cloudflare.BadRequestError, 400, [1191]);
    });
  });

  it("bulkDelete: the SDK sends no body (400); with the body set in the request options it deletes and reports each IP", async () => {
    await withSdk({}, async (regions, emulator) => {
      emulator.putMapping(ZONE, { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" });
      emulator.putMapping(ZONE, { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" });
      // The SDK's method has no parameter for the list of IPs; the reference requires one (§3, item 7).
      const bare = await rejectsWith(regions.bulkDelete({ zone_id: ZONE }), Cloudflare.BadRequestError, 400, [1190]);
      assert.match(bare.message, /body is required/);
      assert.equal(emulator.mappings(ZONE).length, 2, "nothing deleted without a body");

      const result = await regions.bulkDelete({ zone_id: ZONE }, { body: ["2001:DB8:0::1", "192.0.2.1", "192.0.2.9", "bogus"] });
      conforms(result, BATCH, "bulkDelete");
      const expected: OriginCloudRegionBulkDeleteResponse["succeeded"] = [
        { origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
        { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
      ];
      assert.deepEqual(result.succeeded, expected);
      assert.deepEqual(
        result.failed.map((f) => [f.origin_ip, f.error]),
        [
          ["192.0.2.9", "not found"],
          ["bogus", '[1146] invalid IP address "bogus"'],
        ],
      );
      const sent = emulator.writeRequests().at(-1);
      assert.deepEqual(
        [sent?.method, sent?.path, sent?.body],
        ["DELETE", `${V2}/batch`, ["2001:DB8:0::1", "192.0.2.1", "192.0.2.9", "bogus"]],
      );
      assert.deepEqual(emulator.mappings(ZONE), []);
    });
  });

  it("3,500 mappings: list reads all 35 pages of 100 (36 requests); a new IP is the SDK's PermissionDeniedError (403 / 1164)", async () => {
    await withSdk({}, async (regions, emulator) => {
      for (let i = 0; i < 3500; i++) emulator.putMapping(ZONE, { ip: `198.18.${i >> 8}.${i & 255}`, vendor: "aws", region: "us-east-1" });
      emulator.clearRequests();
      let count = 0;
      for await (const entry of regions.list({ zone_id: ZONE, per_page: 100 })) {
        if (count % 500 === 0) conforms(entry, ENTRY, `list[${count}]`);
        count++;
      }
      assert.equal(count, 3500);
      assert.equal(emulator.requests.length, 36);
      await rejectsWith(
        regions.update("198.19.0.1", { zone_id: ZONE, ...item("198.19.0.1") }),
        Cloudflare.PermissionDeniedError,
        403,
        [1164],
      );
      await rejectsWith(
        regions.bulkUpdate({ zone_id: ZONE, body: [item("198.18.0.0", "gcp", "us-central1"), item("198.19.0.1")] }),
        Cloudflare.PermissionDeniedError,
        403,
        [1164],
      );
      // Changing a mapping the zone holds adds none, so it passes at the ceiling.
      const changed = await regions.update("198.18.0.0", { zone_id: ZONE, ...item("198.18.0.0", "gcp", "us-central1") });
      assert.equal(changed.vendor, "gcp");
      const batch = await regions.bulkUpdate({ zone_id: ZONE, body: [item("198.18.0.1", "aws", "us-west-2")] });
      assert.deepEqual(batch, { succeeded: [item("198.18.0.1", "aws", "us-west-2")], failed: [] });
      assert.equal(emulator.mappings(ZONE).length, 3500);
    });
  });
});
