import assert from "node:assert/strict";
import { checkInputs, checkRegions, isPlaceholderKey, placeholderKey, propertyPath } from "../../provider/core/inputs";
import { UNKNOWN } from "../../provider/core/types";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const ok = (ip: string, vendor = "aws", region = "us-east-1") => ({ ip, vendor, region });

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

describe("propertyPath", () => {
  it("renders indices in brackets", () => {
    assert.equal(propertyPath(["mappings", 3, "ip"]), "mappings[3].ip");
    assert.equal(propertyPath(["zoneId"]), "zoneId");
  });
});
