import assert from "node:assert/strict";
import { canonicalizeIp, compareIps } from "../../provider/core/ip";
import { checkInputs, checkRegions, isPlaceholderKey, placeholderKey, propertyPath } from "../../provider/core/inputs";
import { UNKNOWN } from "../../provider/core/types";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const ok = (ip: string, vendor = "aws", region = "us-east-1") => ({ ip, vendor, region });

/** Each bad input, and the one failure (property path + a fragment of the reason) it must give. */
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

describe("checkInputs: addresses that are not public", () => {
  it("private, shared and documentation ranges pass, with one warning naming the count and the first five", () => {
    const ips = ["10.0.0.1", "192.168.1.1", "172.16.0.1", "fc00::1", "100.64.0.1", "192.0.2.1", "2001:db8::1", "8.8.8.8"];
    const { failures, warning } = checkInputs({ zoneId: ZONE, mappings: ips.map((ip) => ok(ip)) });
    assert.deepEqual(failures, []);
    assert.equal(
      warning,
      "7 of the declared IPs are not public addresses: 10.0.0.1 (private), 192.168.1.1 (private), 172.16.0.1 (private), " +
        "fc00::1 (private), 100.64.0.1 (shared (100.64.0.0/10)), … and 2 more. " +
        "Cloudflare can only reach an origin on a public address; check that these are the servers' public IPs.",
    );
  });
  it("public addresses give no warning", () => {
    assert.equal(checkInputs({ zoneId: ZONE, mappings: [ok("8.8.8.8"), ok("2606:4700::1")] }).warning, undefined);
  });
});

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

describe("checkInputs: canonical inputs", () => {
  it("keys mappings by canonical IP in address order, lowercases zone id and vendor", () => {
    const { inputs, failures } = checkInputs({
      zoneId: ZONE.toUpperCase(),
      mappings: [ok("2001:DB8:0:0:1:0:0:1", "GCP", "us-central1"), ok("192.0.2.10"), ok("192.0.2.9", "oci", "us-ashburn-1")],
    });
    assert.deepEqual(failures, []);
    assert.equal(inputs.zoneId, ZONE);
    assert.deepEqual(Object.keys(inputs.mappings), ["192.0.2.9", "192.0.2.10", "2001:db8::1:0:0:1"]);
    assert.deepEqual(inputs.mappings, {
      "192.0.2.9": { vendor: "oci", region: "us-ashburn-1" },
      "192.0.2.10": { vendor: "aws", region: "us-east-1" },
      "2001:db8::1:0:0:1": { vendor: "gcp", region: "us-central1" },
    });
    assert.equal(inputs.adopt, false);
  });
  it("accepts exactly 3,500 mappings", () => {
    const mappings = Array.from({ length: 3500 }, (_, i) => ok(`10.${i >> 8}.${i & 255}.1`));
    const { failures, inputs } = checkInputs({ zoneId: ZONE, mappings });
    assert.deepEqual(failures, []);
    assert.equal(Object.keys(inputs.mappings).length, 3500);
  });
  it("accepts an empty list", () => {
    assert.deepEqual(checkInputs({ zoneId: ZONE, mappings: [] }).inputs.mappings, {});
  });
});

describe("checkInputs: unknown values during preview", () => {
  it("passes over an unknown zone id and unknown mappings", () => {
    const { inputs, failures } = checkInputs({ zoneId: UNKNOWN, mappings: UNKNOWN, adopt: UNKNOWN, exclusive: UNKNOWN });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { zoneId: UNKNOWN, mappings: UNKNOWN, adopt: UNKNOWN, exclusive: UNKNOWN });
  });
  it("passes over unknown IPs and elements but still checks the known fields around them", () => {
    const { inputs, failures, declared } = checkInputs({
      zoneId: ZONE,
      mappings: [{ ip: UNKNOWN, vendor: "aws", region: "us-east-1" }, UNKNOWN, { ip: UNKNOWN, vendor: "ibm", region: UNKNOWN }],
    });
    assert.deepEqual(
      failures.map((f) => f.property),
      ["mappings[2].vendor"],
    );
    assert.equal(inputs.mappings, UNKNOWN, "with failures, nothing is shown");
    assert.equal(declared.length, 0, "a schema failure stops before regions are looked up");
  });
  it("shows a mapping whose IP is unknown under a placeholder key, next to the known ones", () => {
    const { inputs, failures, declared } = checkInputs({
      zoneId: ZONE,
      mappings: [ok("192.0.2.1"), { ip: UNKNOWN, vendor: "GCP", region: "us-central1" }, UNKNOWN],
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.mappings, {
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
      [placeholderKey(1)]: { vendor: "gcp", region: "us-central1" },
      [placeholderKey(2)]: UNKNOWN,
    });
    assert.ok(isPlaceholderKey(placeholderKey(1)) && !isPlaceholderKey("192.0.2.1"));
    assert.deepEqual(
      declared.map((d) => d.index),
      [0, 1],
    );
  });
  it("keeps unknown vendor or region leaves under known IPs", () => {
    const { inputs, failures } = checkInputs({ zoneId: ZONE, mappings: [{ ip: "192.0.2.1", vendor: UNKNOWN, region: UNKNOWN }] });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.mappings, { "192.0.2.1": { vendor: UNKNOWN, region: UNKNOWN } });
  });
});

describe("checkRegions", () => {
  const supported = { aws: ["us-east-1", "us-west-2"], gcp: ["us-central1"] };
  it("fails exactly the pairs the zone does not support, by path", () => {
    const { declared } = checkInputs({
      zoneId: ZONE,
      mappings: [
        ok("192.0.2.1"),
        ok("192.0.2.2", "aws", "mars-1"),
        ok("192.0.2.3", "oci", "us-ashburn-1"),
        ok("192.0.2.4", "gcp", "us-central1"),
      ],
    });
    const failures = checkRegions(declared, supported);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["mappings[1].region", "mappings[2].region"],
    );
    assert.match(failures[0]?.reason ?? "", /"mars-1" is not a supported aws region for this zone \(supported: us-east-1, us-west-2\)/);
    assert.match(failures[1]?.reason ?? "", /the zone lists no oci regions/);
  });
  it("skips unknown vendors and regions", () => {
    assert.deepEqual(
      checkRegions(
        [
          { index: 0, ip: UNKNOWN, vendor: UNKNOWN, region: "x" },
          { index: 1, ip: "192.0.2.1", vendor: "aws", region: UNKNOWN },
        ],
        supported,
      ),
      [],
    );
  });
});

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

describe("propertyPath", () => {
  it("renders indices in brackets", () => {
    assert.equal(propertyPath(["mappings", 3, "ip"]), "mappings[3].ip");
    assert.equal(propertyPath(["zoneId"]), "zoneId");
  });
});
