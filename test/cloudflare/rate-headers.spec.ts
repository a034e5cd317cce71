import assert from "node:assert/strict";
import { readQuota } from "../../provider/cloudflare/rate-headers";

describe("readQuota (Cloudflare's Ratelimit and Ratelimit-Policy headers)", () => {
  it("reads the format of Cloudflare's changelog", () => {
    assert.deepEqual(readQuota('"default";r=50;t=30', '"default";q=1200;w=300'), {
      remaining: 50,
      resetSeconds: 30,
      quota: 1200,
      windowSeconds: 300,
    });
  });

  it("reads Ratelimit alone; the policy's figures are left out when it is absent or unreadable", () => {
    assert.deepEqual(readQuota('"default";r=0;t=1', undefined), { remaining: 0, resetSeconds: 1 });
    assert.deepEqual(readQuota('"default";r=7;t=9', "nonsense"), { remaining: 7, resetSeconds: 9 });
    assert.deepEqual(
      readQuota('"default";r=7;t=9', '"default";q=0;w=-5'),
      { remaining: 7, resetSeconds: 9 },
      "q 0 and negative w are not figures",
    );
    assert.deepEqual(readQuota('"default";r=7;t=9', '"default";w=60'), { remaining: 7, resetSeconds: 9, windowSeconds: 60 });
  });

  for (const [label, value] of [
    ["absent", undefined],
    ["empty", ""],
    ["only commas", " , ,"],
    ["no parameters", '"default"'],
    ["no t", '"default";r=5'],
    ["no r", '"default";t=5'],
    ["a negative r", '"default";r=-1;t=5'],
    ["a fractional t", '"default";r=5;t=1.5'],
    ["a word for r", '"default";r=many;t=5'],
    ["a quoted figure", '"default";r="5";t=5'],
    ["an r beyond any quota", '"default";r=99999999999;t=5'],
    ["r with no value", '"default";r;t=5'],
    ["the older three-header draft's value", "100"],
  ] as const) {
    it(`reads nothing from a Ratelimit that is ${label}`, () => {
      assert.equal(readQuota(value, '"default";q=1200;w=300'), undefined);
    });
  }

  it("takes the item named default among several, in any position, quoted or as a token", () => {
    assert.deepEqual(readQuota('"burst";r=1;t=1, "default";r=40;t=20', '"burst";q=10;w=1, "default";q=100;w=60'), {
      remaining: 40,
      resetSeconds: 20,
      quota: 100,
      windowSeconds: 60,
    });
    assert.deepEqual(readQuota("burst;r=1;t=1, default;r=40;t=20", "default;q=100;w=60"), {
      remaining: 40,
      resetSeconds: 20,
      quota: 100,
      windowSeconds: 60,
    });
  });

  it("takes the first item when none is named default, and the policy of the same name", () => {
    assert.deepEqual(readQuota('"hourly";r=3;t=100, "daily";r=900;t=8000', '"daily";q=1000;w=86400, "hourly";q=50;w=3600'), {
      remaining: 3,
      resetSeconds: 100,
      quota: 50,
      windowSeconds: 3600,
    });
  });

  it("falls back to the policy named default, then to the first, when none has the same name", () => {
    assert.deepEqual(readQuota('"a";r=3;t=10', '"b";q=5;w=1, "default";q=60;w=30'), {
      remaining: 3,
      resetSeconds: 10,
      quota: 60,
      windowSeconds: 30,
    });
    assert.deepEqual(readQuota('"a";r=3;t=10', '"b";q=5;w=1'), { remaining: 3, resetSeconds: 10, quota: 5, windowSeconds: 1 });
  });

  it("tolerates spaces, upper-case keys, unknown parameters and repeated ones (the last counts)", () => {
    assert.deepEqual(readQuota('  "default" ; R=12 ; t = 4 ;pk=:abc=:; x', '"default";q=100;q=200;w=60'), {
      remaining: 12,
      resetSeconds: 4,
      quota: 200,
      windowSeconds: 60,
    });
  });

  it("keeps commas and semicolons inside a quoted name to the name", () => {
    assert.deepEqual(readQuota('"a,b;c";r=1;t=2, "default";r=30;t=3', undefined), { remaining: 30, resetSeconds: 3 });
    assert.deepEqual(readQuota('"say \\"hi\\", twice";r=8;t=2', undefined), { remaining: 8, resetSeconds: 2 });
  });

  it("reads repeated header lines as one list", () => {
    assert.deepEqual(readQuota(['"burst";r=1;t=1', '"default";r=9;t=5'], ['"default";q=10;w=5']), {
      remaining: 9,
      resetSeconds: 5,
      quota: 10,
      windowSeconds: 5,
    });
  });
});
