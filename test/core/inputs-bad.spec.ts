import assert from "node:assert/strict";
import { checkInputs } from "../../provider/core/inputs";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const ok = (ip: string, vendor = "aws", region = "us-east-1") => ({ ip, vendor, region });

const BAD_INPUTS: Array<{ name: string; news: Record<string, unknown>; property: string; reason: RegExp }> = [
  { name: "zone id missing", news: { mappings: [] }, property: "zoneId", reason: /expected a zone id string, got nothing/ },
  { name: "zone id too short", news: { zoneId: "abc", mappings: [] }, property: "zoneId", reason: /"abc" is not a zone id/ },
  { name: "zone id too long", news: { zoneId: ZONE + "0", mappings: [] }, property: "zoneId", reason: /is not a zone id \(32 hexadecimal/ },
  { name: "zone id not hex", news: { zoneId: "z".repeat(32), mappings: [] }, property: "zoneId", reason: /"z{32}" is not a zone id/ },
  { name: "zone id with spaces", news: { zoneId: ` ${ZONE}`, mappings: [] }, property: "zoneId", reason: /is not a zone id/ },
  { name: "zone id a number", news: { zoneId: 42, mappings: [] }, property: "zoneId", reason: /got number 42/ },
  {
    name: "mappings missing",
    news: { zoneId: ZONE },
    property: "mappings",
    reason: /expected a list of \{ ip, vendor, region \}, got nothing/,
  },
  { name: "mappings a string", news: { zoneId: ZONE, mappings: "1.2.3.4" }, property: "mappings", reason: /got "1.2.3.4"/ },
  { name: "mappings an object", news: { zoneId: ZONE, mappings: { a: 1 } }, property: "mappings", reason: /got an object/ },
  { name: "mapping a number", news: { zoneId: ZONE, mappings: [5] }, property: "mappings[0]", reason: /got number 5/ },
  { name: "mapping null", news: { zoneId: ZONE, mappings: [ok("192.0.2.1"), null] }, property: "mappings[1]", reason: /got null/ },
  {
    name: "ip missing",
    news: { zoneId: ZONE, mappings: [{ vendor: "aws", region: "us-east-1" }] },
    property: "mappings[0].ip",
    reason: /expected an IP address string, got nothing/,
  },
  {
    name: "ip a number",
    news: { zoneId: ZONE, mappings: [ok(3232235777 as unknown as string)] },
    property: "mappings[0].ip",
    reason: /got number 3232235777/,
  },
  { name: "ip empty", news: { zoneId: ZONE, mappings: [ok("")] }, property: "mappings[0].ip", reason: /"" is not an IP address/ },
  {
    name: "ip with spaces",
    news: { zoneId: ZONE, mappings: [ok(" 192.0.2.1")] },
    property: "mappings[0].ip",
    reason: /" 192.0.2.1" is not an IP address/,
  },
  {
    name: "ipv4 leading zero (octal trap)",
    news: { zoneId: ZONE, mappings: [ok("010.0.0.1")] },
    property: "mappings[0].ip",
    reason: /"010.0.0.1" is not a valid IPv4/,
  },
  {
    name: "ipv4 short form",
    news: { zoneId: ZONE, mappings: [ok("127.1")] },
    property: "mappings[0].ip",
    reason: /"127.1" is not a valid IPv4/,
  },
  {
    name: "ipv4 hex part",
    news: { zoneId: ZONE, mappings: [ok("0x7f.0.0.1")] },
    property: "mappings[0].ip",
    reason: /"0x7f.0.0.1" is not a valid IPv4/,
  },
  {
    name: "ipv4 octet > 255",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.256")] },
    property: "mappings[0].ip",
    reason: /"192.0.2.256" is not a valid IPv4/,
  },
  {
    name: "ipv4 five parts",
    news: { zoneId: ZONE, mappings: [ok("1.2.3.4.5")] },
    property: "mappings[0].ip",
    reason: /"1.2.3.4.5" is not a valid IPv4/,
  },
  {
    name: "ipv4 trailing dot",
    news: { zoneId: ZONE, mappings: [ok("1.2.3.4.")] },
    property: "mappings[0].ip",
    reason: /"1.2.3.4." is not a valid IPv4/,
  },
  { name: "ipv4 negative", news: { zoneId: ZONE, mappings: [ok("1.2.3.-4")] }, property: "mappings[0].ip", reason: /is not a valid IPv4/ },
  {
    name: "single integer",
    news: { zoneId: ZONE, mappings: [ok("3232235777")] },
    property: "mappings[0].ip",
    reason: /"3232235777" is not a valid IPv4/,
  },
  {
    name: "hostname",
    news: { zoneId: ZONE, mappings: [ok("origin.example.com")] },
    property: "mappings[0].ip",
    reason: /"origin.example.com" is not a valid IPv4/,
  },
  {
    name: "ipv4 CIDR",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.0/24")] },
    property: "mappings[0].ip",
    reason: /"192.0.2.0\/24" is a CIDR range/,
  },
  { name: "ipv6 CIDR", news: { zoneId: ZONE, mappings: [ok("2001:db8::/32")] }, property: "mappings[0].ip", reason: /is a CIDR range/ },
  {
    name: "ipv6 zone index",
    news: { zoneId: ZONE, mappings: [ok("fe80::1%eth0")] },
    property: "mappings[0].ip",
    reason: /"fe80::1%eth0" has a zone index/,
  },
  {
    name: "ipv6 too many groups",
    news: { zoneId: ZONE, mappings: [ok("1:2:3:4:5:6:7:8:9")] },
    property: "mappings[0].ip",
    reason: /is not a valid IPv6/,
  },
  {
    name: "ipv6 two double colons",
    news: { zoneId: ZONE, mappings: [ok("2001::db8::1")] },
    property: "mappings[0].ip",
    reason: /"2001::db8::1" is not a valid IPv6/,
  },
  {
    name: "ipv6 bad hex",
    news: { zoneId: ZONE, mappings: [ok("2001:db8::g")] },
    property: "mappings[0].ip",
    reason: /is not a valid IPv6/,
  },
  {
    name: "ipv6 group too long",
    news: { zoneId: ZONE, mappings: [ok("2001:db8::12345")] },
    property: "mappings[0].ip",
    reason: /is not a valid IPv6/,
  },
  {
    name: "ipv4-mapped ipv6",
    news: { zoneId: ZONE, mappings: [ok("::ffff:192.0.2.1")] },
    property: "mappings[0].ip",
    reason: /IPv4-mapped IPv6 address; give the IPv4 address 192.0.2.1/,
  },
  {
    name: "vendor unknown",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1", "ibm")] },
    property: "mappings[0].vendor",
    reason: /"ibm" is not a supported vendor \(one of aws, azure, gcp, oci\)/,
  },
  {
    name: "vendor empty",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1", "")] },
    property: "mappings[0].vendor",
    reason: /"" is not a supported vendor/,
  },
  {
    name: "vendor missing",
    news: { zoneId: ZONE, mappings: [{ ip: "192.0.2.1", region: "x" }] },
    property: "mappings[0].vendor",
    reason: /got nothing/,
  },
  {
    name: "vendor a number",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1", 1 as unknown as string)] },
    property: "mappings[0].vendor",
    reason: /got number 1/,
  },
  {
    name: "region empty",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1", "aws", "")] },
    property: "mappings[0].region",
    reason: /"" is not a region id/,
  },
  {
    name: "region with space",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1", "aws", "us east")] },
    property: "mappings[0].region",
    reason: /"us east" is not a region id/,
  },
  {
    name: "region missing",
    news: { zoneId: ZONE, mappings: [{ ip: "192.0.2.1", vendor: "aws" }] },
    property: "mappings[0].region",
    reason: /expected a region id string, got nothing/,
  },
  {
    name: "region an object",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1", "aws", {} as unknown as string)] },
    property: "mappings[0].region",
    reason: /got an object/,
  },
  {
    name: "adopt a string",
    news: { zoneId: ZONE, mappings: [], adopt: "yes" },
    property: "adopt",
    reason: /expected true or false, got "yes"/,
  },
  {
    name: "duplicate ipv4",
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1"), ok("192.0.2.1", "gcp", "us-central1")] },
    property: "mappings[1].ip",
    reason: /duplicates mappings\[0\]\.ip/,
  },
  {
    name: "duplicate after ipv6 canonicalization",
    news: { zoneId: ZONE, mappings: [ok("2001:db8::1"), ok("192.0.2.9"), ok("2001:0DB8:0:0::0001")] },
    property: "mappings[2].ip",
    reason: /"2001:0DB8:0:0::0001" duplicates mappings\[0\]\.ip \("2001:db8::1"\): both are 2001:db8::1/,
  },
  {
    name: "more than 3,500 mappings",
    news: { zoneId: ZONE, mappings: Array.from({ length: 3501 }, (_, i) => ok(`10.${i >> 8}.${i & 255}.1`)) },
    property: "mappings[3500]",
    reason: /^3,501 mappings exceed Cloudflare's limit of 3,500 per zone; this is the first one over/,
  },
  ...["0.0.0.0", "127.0.0.1", "::1", "::", "224.0.0.1", "ff02::1", "255.255.255.255", "169.254.1.1", "fe80::1"].map((ip) => ({
    name: `never an origin: ${ip}`,
    news: { zoneId: ZONE, mappings: [ok("192.0.2.1"), ok(ip)] },
    property: "mappings[1].ip",
    reason: new RegExp(
      `^"${ip.replace(/\./g, "\\.")}" is (the unspecified|a loopback|a multicast|the broadcast|a link-local) address, which can never be an origin Cloudflare reaches; give the server's public address$`,
    ),
  })),
];

describe("checkInputs: bad inputs", () => {
  it(`has at least 40 cases (${BAD_INPUTS.length})`, () => assert.ok(BAD_INPUTS.length >= 40));
  for (const c of BAD_INPUTS) {
    it(c.name, () => {
      const { failures } = checkInputs(c.news);
      assert.equal(failures.length, 1, `expected exactly one failure, got ${JSON.stringify(failures)}`);
      const [failure] = failures;
      assert.equal(failure?.property, c.property);
      assert.match(failure?.reason ?? "", c.reason);
    });
  }
  it("reports every bad field at once, each with its own path", () => {
    const { failures } = checkInputs({ zoneId: "nope", mappings: [ok("1.2.3"), ok("192.0.2.1", "ibm", "")] });
    assert.deepEqual(
      failures.map((f) => f.property),
      ["zoneId", "mappings[0].ip", "mappings[1].vendor", "mappings[1].region"],
    );
  });
});
