// The v2 endpoints (/origin/cloud_regions) over HTTP: the paginated list and single reads.
import assert from "node:assert/strict";
import type { Emulator } from "../../emulator";
import { ZONE, V2, call, ok, assertError, withEmu, item, manualClock, type V2Entry } from "./support";

describe("emulator HTTP: v2 endpoints", () => {
  /** `n` mappings through the back door, IPv6 ones first so the sort order is exercised. */
  function seed(emu: Emulator, n: number): void {
    for (let i = n - 1; i >= 0; i--) emu.putMapping(ZONE, item(i % 3 === 0 ? `2001:db8::${(i + 1).toString(16)}` : `10.0.${i}.1`));
  }

  it("lists an empty zone flat, with result_info and 0 total_pages", async () => {
    await withEmu({}, async (emu) => {
      const reply = await call<V2Entry[]>(emu, "GET", V2);
      assert.deepEqual(reply.body, {
        success: true,
        errors: [],
        messages: [],
        result: [],
        result_info: { page: 1, per_page: 20, count: 0, total_count: 0, total_pages: 0 },
      });
    });
  });

  it("paginates with defaults page 1 / per_page 20, in the v1 sort order, and a page past the end is empty", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock }, async (emu) => {
      seed(emu, 45);
      const order = emu.mappings(ZONE).map((m) => m.ip);
      assert.equal(order[0], "10.0.1.1", "IPv4 first, numerically");

      const first = await call<V2Entry[]>(emu, "GET", V2);
      assert.deepEqual(first.body.result_info, { page: 1, per_page: 20, count: 20, total_count: 45, total_pages: 3 });
      assert.deepEqual(first.body.result?.[0], {
        origin_ip: "10.0.1.1",
        vendor: "aws",
        region: "us-east-1",
        modified_on: "2026-03-01T12:00:00.000Z",
      });

      const pages: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const reply = await call<V2Entry[]>(emu, "GET", `${V2}?page=${page}&per_page=20`);
        pages.push(...ok(reply).map((e) => e.origin_ip));
        assert.equal(reply.body.result_info?.count, page < 3 ? 20 : 5);
      }
      assert.deepEqual(pages, order);

      const past = await call<V2Entry[]>(emu, "GET", `${V2}?page=4`);
      assert.deepEqual(ok(past), []);
      assert.deepEqual(past.body.result_info, { page: 4, per_page: 20, count: 0, total_count: 45, total_pages: 3 });

      const all = await call<V2Entry[]>(emu, "GET", `${V2}?per_page=100`);
      assert.deepEqual(
        ok(all).map((e) => e.origin_ip),
        order,
      );
      assert.deepEqual(all.body.result_info, { page: 1, per_page: 100, count: 45, total_count: 45, total_pages: 1 });
      const ones = await call<V2Entry[]>(emu, "GET", `${V2}?per_page=1&page=45`);
      assert.deepEqual([ok(ones).map((e) => e.origin_ip), ones.body.result_info?.total_pages], [[order[44]], 45]);
      assert.deepEqual(emu.requests.at(-1)?.path, V2, "the query stays out of the recorded path");
      assert.equal(emu.requests.at(-1)?.query, "per_page=1&page=45");
    });
  });

  it("refuses per_page outside 1-100 and page < 1 with 400 invalid_pagination", async () => {
    await withEmu({}, async (emu) => {
      for (const query of [
        "per_page=0",
        "per_page=101",
        "per_page=abc",
        "per_page=1.5",
        "per_page=",
        "page=0",
        "page=-1",
        "page=1e2",
        "page=%2B1",
        "page=1&page=2",
      ]) {
        const reply = await call(emu, "GET", `${V2}?${query}`);
        assertError(reply, 400, 1146);
        assert.match(reply.body.errors[0]?.message ?? "", /invalid_pagination/, query);
      }
      ok(await call(emu, "GET", `${V2}?per_page=100&page=99&unrelated=x`));
    });
  });

  it("GET one canonicalizes the path IP; missing → 404/1142; invalid → 400/1146", async () => {
    await withEmu({}, async (emu) => {
      assertError(await call(emu, "GET", `${V2}/192.0.2.1`), 404, 1142);
      emu.putMapping(ZONE, item("2001:db8::1", "gcp", "us-central1"));
      for (const form of [encodeURIComponent("2001:DB8:0:0::1"), "2001:DB8:0:0::1", "2001:db8::1"]) {
        const got = ok(await call<V2Entry>(emu, "GET", `${V2}/${form}`));
        assert.deepEqual(Object.keys(got).sort(), ["modified_on", "origin_ip", "region", "vendor"], "flat entry, no setting wrapper");
        assert.deepEqual([got.origin_ip, got.vendor, got.region], ["2001:db8::1", "gcp", "us-central1"], form);
      }
      assertError(await call(emu, "GET", `${V2}/${encodeURIComponent("10.0.0.0/8")}`), 400, 1146);
      assertError(await call(emu, "GET", `${V2}/%zz`), 400, 1146);
    });
  });
});
