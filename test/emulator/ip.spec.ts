// emulator/ip without sockets: canonical IP text and address order.
import assert from "node:assert/strict";
import { canonicalizeIp, compareIps } from "../../emulator/ip";

describe("emulator/ip (pure)", () => {
  it("prints IPv6 in RFC 5952 form", () => {
    const cases: Array<[string, string]> = [
      ["2001:0DB8:0:0::0001", "2001:db8::1"],
      ["2001:DB8:0:0::1", "2001:db8::1"],
      ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // a single zero group is never compressed
      ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // tie: leftmost run
      ["1:0:0:2:0:0:0:3", "1:0:0:2::3"], // longest run wins
      ["0:0:0:0:0:0:0:0", "::"],
      ["0:0:0:0:0:0:0:1", "::1"],
      ["1:0:0:0:0:0:0:0", "1::"],
      ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
      ["::ffff:192.0.2.1", "::ffff:192.0.2.1"], // IPv4-mapped keeps the dotted tail
      ["::FFFF:C000:0201", "::ffff:192.0.2.1"],
      ["64:ff9b::192.0.2.1", "64:ff9b::c000:201"], // other embedded forms print in hex
      ["192.0.2.1", "192.0.2.1"],
      ["0.0.0.0", "0.0.0.0"],
      ["255.255.255.255", "255.255.255.255"],
    ];
    for (const [input, expected] of cases) assert.equal(canonicalizeIp(input), expected, input);
  });

  it("rejects legacy, padded, CIDR, zone-index and malformed forms", () => {
    for (const bad of [
      "010.0.0.1",
      "127.1",
      "0x7f.0.0.1",
      "1.2.3.256",
      "1.2.3",
      "1.2.3.4.5",
      " 1.2.3.4",
      "10.0.0.0/8",
      "2001:db8::/32",
      "fe80::1%eth0",
      "fe80::1%25eth0",
      "1:2:3:4:5:6:7:8:9",
      "1::2::3",
      ":::",
      "12345::1",
      "::ffff:01.2.3.4",
      "1.2.3.4::",
      "[::1]",
      "",
    ]) {
      assert.equal(canonicalizeIp(bad), null, bad);
    }
    assert.equal(canonicalizeIp(42), null);
  });

  it("orders IPv4 before IPv6, numerically", () => {
    const sorted = ["2001:db8::1", "10.0.0.2", "::1", "9.0.0.1", "10.0.0.10"].sort(compareIps);
    assert.deepEqual(sorted, ["9.0.0.1", "10.0.0.2", "10.0.0.10", "::1", "2001:db8::1"]);
  });
});
