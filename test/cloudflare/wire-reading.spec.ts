// Speaking the API as Cloudflare's published clients do: raw canonical IPs in paths, zone ids
// checked before any request, a tolerant reader (any vendor string, unknown fields ignored), and
// pagination with any subset of result_info.
import assert from "node:assert/strict";
import { isLastPage, ipSegment, zonePath } from "../../provider/cloudflare/wire";
import type { MappingPage } from "../../provider/cloudflare/wire";
import { v1 } from "../../provider/cloudflare/wire-v1";
import { v2 } from "../../provider/cloudflare/wire-v2";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

const refusedWith = (text: string) => (e: unknown) => {
  assert.equal((e as { code?: string }).code, "CF_BAD_ARGUMENT");
  assert.ok((e as Error).message.includes(text), (e as Error).message);
  return true;
};

describe("wire: paths", () => {
  it("puts a canonical IPv6 in the path with raw colons, in both families", () => {
    assert.equal(ipSegment("2001:db8::1"), "2001:db8::1");
    assert.equal(ipSegment("::ffff:192.0.2.1"), "::ffff:192.0.2.1");
    assert.equal(v2.getOne(ZONE, "2001:db8::1").path, `/zones/${ZONE}/origin/cloud_regions/2001:db8::1`);
    assert.equal(v1.getOne(ZONE, "2001:db8::1").path, `/zones/${ZONE}/cache/origin_cloud_regions/2001:db8::1`);
  });

  it("refuses text that is not a canonical IP rather than encoding it", () => {
    for (const bad of ["2001:DB8::1", "10.0.0.0/8", "fe80::1%eth0", "../batch", "1.2.3.4?x", "", " 10.0.0.1"]) {
      assert.throws(() => ipSegment(bad), refusedWith(JSON.stringify(bad)));
      assert.throws(() => v2.getOne(ZONE, bad), refusedWith("not a canonical IP address"));
    }
  });

  it("checks the zone id (32 lowercase hex) and names a bad one", () => {
    assert.equal(zonePath(ZONE), `/zones/${ZONE}`);
    for (const bad of [ZONE.toUpperCase(), ZONE.slice(1), `${ZONE}0`, "../../user", "", `${ZONE.slice(0, 31)}g`]) {
      assert.throws(() => zonePath(bad), refusedWith(JSON.stringify(bad)));
      assert.throws(() => v2.listPage(bad, 1), refusedWith("is not 32 lowercase hexadecimal characters"));
      assert.throws(() => v1.upsertBatch(bad, []), refusedWith(JSON.stringify(bad)));
      assert.throws(() => v2.deleteBatch(bad, []), refusedWith(JSON.stringify(bad)));
    }
  });
});

describe("wire: a tolerant reader", () => {
  it("keeps a mapping of a vendor it does not know and ignores unknown fields (v2 list and single read)", () => {
    const entries = [
      { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1", colour: "blue" },
      { origin_ip: "192.0.2.2", vendor: "alibaba", region: "cn-hangzhou", extra: { nested: true } },
    ];
    assert.deepEqual(v2.listPage(ZONE, 1).parse(entries, { page: 1, per_page: 100, total_count: 2 }).mappings, [
      { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
      { ip: "192.0.2.2", vendor: "alibaba", region: "cn-hangzhou" },
    ]);
    assert.deepEqual(v2.getOne(ZONE, "192.0.2.2").parse(entries[1], undefined), {
      ip: "192.0.2.2",
      vendor: "alibaba",
      region: "cn-hangzhou",
    });
  });

  it("keeps a mapping of a vendor it does not know in v1's setting-wrapped answers", () => {
    const entry = { "origin-ip": "2001:db8::9", vendor: "ibm", region: "us-south", new_field: 1 };
    const list = v1.listPage(ZONE, 1).parse({ id: "origin_public_cloud_region", modified_on: null, value: [entry] }, undefined);
    assert.deepEqual(list.mappings, [{ ip: "2001:db8::9", vendor: "ibm", region: "us-south" }]);
    const one = v1.getOne(ZONE, "2001:db8::9").parse({ id: "origin_public_cloud_region", value: entry }, undefined);
    assert.deepEqual(one, { ip: "2001:db8::9", vendor: "ibm", region: "us-south" });
  });

  it("still refuses an entry without a vendor string", () => {
    assert.throws(() => v2.listPage(ZONE, 1).parse([{ origin_ip: "192.0.2.1", region: "x" }], undefined));
    assert.throws(() => v2.listPage(ZONE, 1).parse([{ origin_ip: "192.0.2.1", vendor: 7, region: "x" }], undefined));
  });
});

describe("wire: pagination with or without total_pages", () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ origin_ip: `198.18.0.${i}`, vendor: "aws", region: "us-east-1" }));

  it("reads any subset of result_info, ignoring figures that are not counts", () => {
    const parse = (info: unknown, n = 2) => {
      const { mappings, ...rest } = v2.listPage(ZONE, 1, 2).parse(entries(n), info);
      assert.equal(mappings.length, n);
      return rest;
    };
    assert.deepEqual(parse({ page: 1, per_page: 2, count: 2, total_count: 5 }), { modifiedOn: null, perPage: 2, totalCount: 5 });
    assert.deepEqual(parse({ total_pages: 3 }), { modifiedOn: null, perPage: 2, totalPages: 3 });
    assert.deepEqual(parse({}), { modifiedOn: null, perPage: 2 });
    assert.deepEqual(parse(null), { modifiedOn: null, perPage: 2 });
    assert.deepEqual(parse({ per_page: 50, total_pages: "3", total_count: -1 }), { modifiedOn: null, perPage: 50 });
    assert.deepEqual(parse({ per_page: 0 }), { modifiedOn: null, perPage: 2 });
  });

  it("stops at an empty page, a short page, total_pages, or total_count; reads on otherwise", () => {
    const page = (n: number, more: Partial<MappingPage> = {}): MappingPage => ({
      mappings: entries(n).map((e) => ({ ip: e.origin_ip, vendor: e.vendor, region: e.region })),
      modifiedOn: null,
      perPage: 2,
      ...more,
    });
    assert.equal(isLastPage(page(0), 1, 0), true, "empty");
    assert.equal(isLastPage(page(1), 1, 1), true, "short");
    assert.equal(isLastPage(page(2), 1, 2), false, "full, no totals");
    assert.equal(isLastPage(page(2, { totalPages: 2 }), 1, 2), false);
    assert.equal(isLastPage(page(2, { totalPages: 2 }), 2, 4), true, "total_pages reached");
    assert.equal(isLastPage(page(2, { totalCount: 6 }), 2, 4), false);
    assert.equal(isLastPage(page(2, { totalCount: 4 }), 2, 4), true, "total_count reached");
    const unpaginated = page(2, { totalPages: 1 });
    delete unpaginated.perPage;
    assert.equal(isLastPage(unpaginated, 1, 2), true, "one page (v1)");
  });
});
