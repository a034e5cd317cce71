// Contract, reads: the official TypeScript SDK (cloudflare 7.3.0) lists with auto-pagination, reads one
// mapping by IPv4 and by IPv6 in every spelling a user may pass, reads the supported regions, and
// meets the credential errors, all against the emulator; every answer has the shape the SDK declares.
import assert from "node:assert/strict";
import Cloudflare from "cloudflare";
import type { OriginCloudRegionGetResponse, OriginCloudRegionListResponse } from "cloudflare/resources/cache/origin-cloud-regions";
import { SYNTHETIC_SUPPORTED_REGIONS } from "../../emulator";
import { ENTRY, SUPPORTED_REGIONS, TOKEN, ZONE, conforms, rejectsWith, sdkClient, withSdk, type SdkVendor } from "./support";

const V2 = `/zones/${ZONE}/origin/cloud_regions`;
const VENDORS: SdkVendor[] = ["aws", "gcp", "azure", "oci"];
const REGION: Record<SdkVendor, string> = { aws: "us-east-1", gcp: "us-central1", azure: "eastus", oci: "us-ashburn-1" };

/** `count` mappings over the four vendors, every third one IPv6. */
function mappings(count: number): Array<{ ip: string; vendor: SdkVendor; region: string }> {
  return Array.from({ length: count }, (_, i) => {
    const vendor = VENDORS[i % 4] ?? "aws";
    return { ip: i % 3 === 2 ? `2001:db8::${(i + 1).toString(16)}` : `192.0.2.${i}`, vendor, region: REGION[vendor] };
  });
}

describe("contract: the official TypeScript SDK reads from the emulator (v2)", () => {
  it("list: auto-pagination over 45 mappings at the default 20 per page reads 3 pages and one empty page past them", async () => {
    await withSdk({}, async (regions, emulator) => {
      for (const m of mappings(45)) emulator.putMapping(ZONE, m);
      emulator.clearRequests();
      const listed: OriginCloudRegionListResponse[] = [];
      for await (const entry of regions.list({ zone_id: ZONE })) listed.push(entry);
      listed.forEach((entry, i) => conforms(entry, ENTRY, `list[${i}]`));
      const expected: OriginCloudRegionListResponse[] = emulator
        .mappings(ZONE)
        .map((m) => ({ origin_ip: m.ip, vendor: m.vendor as SdkVendor, region: m.region, modified_on: m.modifiedOn }));
      assert.equal(listed.length, 45);
      assert.deepEqual(listed, expected);
      assert.deepEqual(
        emulator.requests.map((r) => `${r.method} ${r.path}?${r.query} ${r.status}`),
        ["", "page=2", "page=3", "page=4"].map((q) => `GET ${V2}?${q} 200`),
      );
    });
  });

  it("list: explicit per_page, page by page, and an empty zone", async () => {
    await withSdk({}, async (regions, emulator) => {
      const first = await regions.list({ zone_id: ZONE });
      assert.deepEqual([first.result, first.hasNextPage()], [[], false], "an empty zone: one page, nothing on it");
      for (const m of mappings(16)) emulator.putMapping(ZONE, m);
      const sizes: number[] = [];
      const pages: Array<number | undefined> = [];
      for await (const page of (await regions.list({ zone_id: ZONE, per_page: 7 })).iterPages()) {
        sizes.push(page.result.length);
        pages.push(page.result_info.page);
        assert.equal(page.result_info.per_page, 7);
      }
      assert.deepEqual(sizes, [7, 7, 2, 0]);
      assert.deepEqual(pages, [1, 2, 3, 4]);
      const second = await regions.list({ zone_id: ZONE, per_page: 7, page: 2 });
      assert.deepEqual(
        second.result.map((e) => e.origin_ip),
        emulator
          .mappings(ZONE)
          .slice(7, 14)
          .map((m) => m.ip),
      );
      await rejectsWith(regions.list({ zone_id: ZONE, per_page: 101 }), Cloudflare.BadRequestError, 400, [1146]);
      await rejectsWith(regions.list({ zone_id: ZONE, page: 0 }), Cloudflare.BadRequestError, 400, [1146]);
    });
  });

  it("get: IPv6 with raw colons, non-canonical, percent-encoded (both), and IPv4 read the same entry", async () => {
    await withSdk({}, async (regions, emulator) => {
      emulator.putMapping(ZONE, { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" });
      emulator.putMapping(ZONE, { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" });
      const held = emulator.mappings(ZONE);
      const v6: OriginCloudRegionGetResponse = {
        origin_ip: "2001:db8::1",
        vendor: "gcp",
        region: "us-central1",
        modified_on: held[1]!.modifiedOn,
      };
      emulator.clearRequests();
      for (const spelling of ["2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8::0001"]) {
        const entry = await regions.get(spelling, { zone_id: ZONE });
        conforms(entry, ENTRY, `get ${spelling}`);
        assert.deepEqual(entry, v6, spelling);
      }
      // The SDK puts the IP in the path as given (raw colons); a percent-encoded path is sent through
      // the request options' `path`, which the resource method passes on unchanged.
      for (const encoded of ["2001%3Adb8%3A%3A1", "2001%3ADB8%3A0%3A0%3A%3A1"]) {
        const entry = await regions.get("2001:db8::1", { zone_id: ZONE }, { path: `${V2}/${encoded}` });
        conforms(entry, ENTRY, `get ${encoded}`);
        assert.deepEqual(entry, v6, encoded);
      }
      assert.deepEqual(
        emulator.requests.map((r) => r.path.slice(V2.length + 1)),
        ["2001:db8::1", "2001:DB8:0:0:0:0:0:1", "2001:0db8::0001", "2001%3Adb8%3A%3A1", "2001%3ADB8%3A0%3A0%3A%3A1"],
        "the emulator saw each spelling as sent",
      );
      const v4 = await regions.get("192.0.2.1", { zone_id: ZONE });
      assert.deepEqual(v4, { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1", modified_on: held[0]!.modifiedOn });
      await rejectsWith(regions.get("2001:db8::2", { zone_id: ZONE }), Cloudflare.NotFoundError, 404, [1142]);
      await rejectsWith(regions.get("not-an-ip", { zone_id: ZONE }), Cloudflare.BadRequestError, 400, [1146]);
    });
  });

  it("supportedRegions: the declared shape, every vendor and region of the emulator's list; 400 without Tiered Cache", async () => {
    await withSdk({}, async (regions, emulator) => {
      const answer = await regions.supportedRegions({ zone_id: ZONE });
      conforms(answer, SUPPORTED_REGIONS, "supportedRegions");
      assert.equal(answer.obtained_codes, true);
      const names = Object.fromEntries(Object.entries(answer.vendors).map(([vendor, list]) => [vendor, list.map((r) => r.name)]));
      const expected = Object.fromEntries(
        Object.entries(SYNTHETIC_SUPPORTED_REGIONS).map(([vendor, table]) => [vendor, Object.keys(table)]),
      );
      assert.deepEqual(names, expected);
      assert.deepEqual(answer.vendors["aws"]?.find((r) => r.name === "us-east-1")?.upper_tier_colos, ["IAD", "EWR"]);
      emulator.setTieredCache(false);
      await rejectsWith(regions.supportedRegions({ zone_id: ZONE }), Cloudflare.BadRequestError, 400, [1194]);
    });
  });

  it("credentials: a wrong token is the SDK's PermissionDeniedError (403), a malformed one a BadRequestError (400)", async () => {
    await withSdk({ legacyAuth: { email: "ops@example.com", key: "abc123def456" } }, async (regions, emulator) => {
      emulator.putMapping(ZONE, { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" });
      const wrong = sdkClient(emulator, "wrong-token_0123456789").cache.originCloudRegions;
      const error = await rejectsWith(wrong.get("192.0.2.1", { zone_id: ZONE }), Cloudflare.PermissionDeniedError, 403, [10000]);
      assert.ok(!(error instanceof Cloudflare.AuthenticationError), "Cloudflare answers a wrong token with 403, not 401");
      assert.ok(!error.message.includes(TOKEN) && !error.message.includes("wrong-token"), "no token in the SDK's message");
      await rejectsWith(wrong.list({ zone_id: ZONE }), Cloudflare.PermissionDeniedError, 403, [10000]);
      await rejectsWith(
        wrong.bulkUpdate({ zone_id: ZONE, body: [{ origin_ip: "192.0.2.2", vendor: "aws", region: "us-east-1" }] }),
        Cloudflare.PermissionDeniedError,
        403,
        [10000],
      );
      const malformed = sdkClient(emulator, "two words").cache.originCloudRegions;
      const bad = await rejectsWith(malformed.get("192.0.2.1", { zone_id: ZONE }), Cloudflare.BadRequestError, 400, [6003]);
      // error_chain is sent by Cloudflare with 6003 but not declared by the SDK: read from the raw body.
      assert.match(JSON.stringify(bad.error), /"error_chain":\[\{"code":6111,/);
      const legacy = sdkClient(emulator, null, { email: "ops@example.com", key: "abc123def456" }).cache.originCloudRegions;
      assert.equal((await legacy.get("192.0.2.1", { zone_id: ZONE })).region, "us-east-1");
      // A rotation: the token that worked a moment ago is refused from the next request on.
      assert.equal((await regions.get("192.0.2.1", { zone_id: ZONE })).vendor, "aws");
      emulator.setApiToken("rotated-token_0123456789");
      await rejectsWith(regions.get("192.0.2.1", { zone_id: ZONE }), Cloudflare.PermissionDeniedError, 403, [10000]);
      assert.deepEqual(emulator.mappings(ZONE).length, 1, "nothing was written with a refused token");
    });
  });
});
