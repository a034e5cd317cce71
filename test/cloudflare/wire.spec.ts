// Both endpoint-family modules against the response shapes of the API reference (§3.3, §4, §8).
import assert from "node:assert/strict";
import { latest } from "../../provider/cloudflare/wire";
import { v1 } from "../../provider/cloudflare/wire-v1";
import { v2 } from "../../provider/cloudflare/wire-v2";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const items = [
  { ip: "192.0.2.1", vendor: "aws" as const, region: "us-east-1" },
  { ip: "2001:db8::1", vendor: "gcp" as const, region: "us-central1" },
];
const SUPPORTED = {
  obtained_codes: true,
  vendors: {
    aws: [
      { name: "us-east-1", upper_tier_colos: ["IAD", "EWR"] },
      { name: "us-west-2", upper_tier_colos: ["SEA"] },
    ],
    gcp: [{ name: "us-central1", upper_tier_colos: ["ORD"] }],
    ibm: [{ name: "us-south", upper_tier_colos: [] }],
  },
};

describe("wire-v1 (/cache/origin_cloud_regions)", () => {
  it("builds the documented requests: batch PATCH with `ip`, batch DELETE with an array body", () => {
    const up = v1.upsertBatch(ZONE, items);
    assert.equal(up.method, "PATCH");
    assert.equal(up.path, `/zones/${ZONE}/cache/origin_cloud_regions/batch`);
    assert.deepEqual(up.body, [
      { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
      { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
    ]);
    const del = v1.deleteBatch(ZONE, ["192.0.2.1"]);
    assert.deepEqual([del.method, del.path, del.body], ["DELETE", `/zones/${ZONE}/cache/origin_cloud_regions/batch`, ["192.0.2.1"]]);
    assert.equal(v1.listPage(ZONE, 1).path, `/zones/${ZONE}/cache/origin_cloud_regions`);
    assert.equal(v1.supportedRegions(ZONE).path, `/zones/${ZONE}/cache/origin_cloud_regions/supported_regions`);
  });

  it("reads the setting-wrapped list (`origin-ip`) as one page", () => {
    const result = {
      id: "origin_public_cloud_region",
      editable: true,
      modified_on: "2026-03-01T12:00:00Z",
      value: [{ "origin-ip": "192.0.2.1", vendor: "aws", region: "us-east-1", modified_on: "2026-03-01T12:00:00Z" }],
    };
    assert.deepEqual(v1.listPage(ZONE, 1).parse(result, undefined), {
      mappings: [{ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }],
      modifiedOn: "2026-03-01T12:00:00Z",
      totalPages: 1,
      totalCount: 1,
    });
    const empty = { id: "origin_public_cloud_region", editable: true, modified_on: null, value: [] };
    assert.deepEqual(v1.listPage(ZONE, 1).parse(empty, undefined), { mappings: [], modifiedOn: null, totalPages: 1, totalCount: 0 });
  });

  it("reads batch outcomes from `value.{succeeded,failed}`", () => {
    const result = {
      id: "origin_public_cloud_region",
      editable: true,
      modified_on: "2026-03-01T12:00:00Z",
      value: {
        failed: [{ "origin-ip": "2001:db8::1", error: "region not supported" }],
        succeeded: [{ "origin-ip": "192.0.2.1", vendor: "aws", region: "us-east-1" }],
      },
    };
    assert.deepEqual(v1.upsertBatch(ZONE, items).parse(result, undefined), {
      succeeded: ["192.0.2.1"],
      failed: [{ ip: "2001:db8::1", error: "region not supported" }],
      modifiedOn: "2026-03-01T12:00:00Z",
    });
  });

  it("refuses a v2-shaped answer instead of guessing", () => {
    assert.throws(() => v1.listPage(ZONE, 1).parse([{ origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }], undefined));
  });
});

describe("wire-v2 (/origin/cloud_regions)", () => {
  it("builds the documented requests: paginated list, batch PUT with `origin_ip`, batch DELETE with an array body", () => {
    assert.equal(v2.listPage(ZONE, 3).path, `/zones/${ZONE}/origin/cloud_regions?page=3&per_page=100`);
    const up = v2.upsertBatch(ZONE, items);
    assert.equal(up.method, "PUT");
    assert.equal(up.path, `/zones/${ZONE}/origin/cloud_regions/batch`);
    assert.deepEqual(up.body, [
      { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
      { origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
    ]);
    const del = v2.deleteBatch(ZONE, ["192.0.2.1", "2001:db8::1"]);
    assert.deepEqual(
      [del.method, del.path, del.body],
      ["DELETE", `/zones/${ZONE}/origin/cloud_regions/batch`, ["192.0.2.1", "2001:db8::1"]],
    );
    assert.equal(v2.supportedRegions(ZONE).path, `/zones/${ZONE}/origin/cloud_regions/supported_regions`);
  });

  it("reads a flat page with result_info, deriving modifiedOn from the newest entry", () => {
    const result = [
      { origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1", modified_on: "2026-03-01T12:00:00Z" },
      { origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1", modified_on: "2026-03-02T08:00:00Z" },
    ];
    const info = { page: 1, per_page: 100, count: 2, total_count: 202, total_pages: 3 };
    assert.deepEqual(v2.listPage(ZONE, 1).parse(result, info), {
      mappings: [
        { ip: "192.0.2.1", vendor: "aws", region: "us-east-1" },
        { ip: "2001:db8::1", vendor: "gcp", region: "us-central1" },
      ],
      modifiedOn: "2026-03-02T08:00:00Z",
      perPage: 100,
      totalPages: 3,
      totalCount: 202,
    });
    assert.deepEqual(v2.listPage(ZONE, 1).parse([], { page: 1, per_page: 100, count: 0, total_count: 0, total_pages: 0 }), {
      mappings: [],
      modifiedOn: null,
      perPage: 100,
      totalPages: 0,
      totalCount: 0,
    });
  });

  it("reads a page without result_info: the page size asked for, no totals (the list reads on to a short page)", () => {
    assert.deepEqual(v2.listPage(ZONE, 2).parse([], undefined), { mappings: [], modifiedOn: null, perPage: 100 });
  });

  it("reads one mapping, and asks for small pages when told", () => {
    const one = v2.getOne(ZONE, "2001:db8::1");
    assert.equal(one.path, `/zones/${ZONE}/origin/cloud_regions/2001:db8::1`);
    assert.deepEqual(
      one.parse({ origin_ip: "2001:db8::1", vendor: "gcp", region: "us-central1", modified_on: "2026-03-02T08:00:00Z" }, undefined),
      {
        ip: "2001:db8::1",
        vendor: "gcp",
        region: "us-central1",
      },
    );
    assert.equal(v2.listPage(ZONE, 1, 1).path, `/zones/${ZONE}/origin/cloud_regions?page=1&per_page=1`);
    assert.equal(v1.getOne(ZONE, "192.0.2.1").path, `/zones/${ZONE}/cache/origin_cloud_regions/192.0.2.1`);
  });

  it("reads flat batch outcomes; deleted items carry vendor and region", () => {
    const result = {
      succeeded: [{ origin_ip: "192.0.2.1", vendor: "aws", region: "us-east-1" }],
      failed: [{ origin_ip: "198.51.100.9", error: "not found" }],
    };
    assert.deepEqual(v2.deleteBatch(ZONE, ["192.0.2.1", "198.51.100.9"]).parse(result, undefined), {
      succeeded: ["192.0.2.1"],
      failed: [{ ip: "198.51.100.9", error: "not found" }],
      modifiedOn: null,
    });
  });

  it("refuses a v1-shaped answer instead of guessing", () => {
    assert.throws(() => v2.listPage(ZONE, 1).parse({ id: "origin_public_cloud_region", value: [] }, undefined));
    assert.throws(() =>
      v2.upsertBatch(ZONE, items).parse({ id: "x", value: { succeeded: [{ "origin-ip": "192.0.2.1" }], failed: [] } }, undefined),
    );
  });
});

describe("supported_regions (same shape in both families)", () => {
  it("keeps known vendors and their region names", () => {
    for (const family of [v1, v2]) {
      assert.deepEqual(family.supportedRegions(ZONE).parse(SUPPORTED, undefined), {
        aws: ["us-east-1", "us-west-2"],
        gcp: ["us-central1"],
      });
    }
  });
});

describe("latest", () => {
  it("picks the newest valid timestamp, or null", () => {
    assert.equal(latest([null, "2026-01-01T00:00:00Z", undefined, "2026-02-01T00:00:00.5Z", "not a date"]), "2026-02-01T00:00:00.5Z");
    assert.equal(latest([]), null);
  });
});
