import assert from "node:assert/strict";
import { canonicalizeIp, compareIps } from "../../provider/core/ip";

describe("canonicalizeIp", () => {
  const cases: Array<[string, string]> = [
    ["2001:0DB8:0:0::0001", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // leftmost of two equal runs
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // a single zero group is not compressed
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"], // the longest run wins
    ["FE80::ABCD", "fe80::abcd"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["::", "::"],
    ["1:0:0:0:0:0:0:0", "1::"],
    ["192.0.2.1", "192.0.2.1"],
    ["0.0.0.0", "0.0.0.0"],
    ["255.255.255.255", "255.255.255.255"],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => assert.deepEqual(canonicalizeIp(input), { ok: true, ip: expected }));
  }
  it("orders IPv4 before IPv6, numerically", () => {
    const ips = ["2001:db8::1", "192.0.2.10", "::1", "192.0.2.9", "10.0.0.1"];
    assert.deepEqual([...ips].sort(compareIps), ["10.0.0.1", "192.0.2.9", "192.0.2.10", "::1", "2001:db8::1"]);
  });
});
