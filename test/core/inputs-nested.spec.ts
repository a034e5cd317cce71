import assert from "node:assert/strict";
import { checkInputs, checkRegions, placeholderKey } from "../../provider/core/inputs";
import { flattenMappings, mappingPath } from "../../provider/core/mapping-list";
import { UNKNOWN } from "../../provider/core/types";

// `mappings` elements may be lists of mappings: what the adapters (fromAws, fromGcp, ...) return.
const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const ok = (ip: string, vendor = "aws", region = "us-east-1") => ({ ip, vendor, region });

describe("checkInputs: nested lists of mappings", () => {
  it("flattens nested lists into the keyed set, next to plain mappings", () => {
    const { inputs, failures, declared } = checkInputs({
      zoneId: ZONE,
      mappings: [ok("192.0.2.1"), [ok("192.0.2.3", "gcp", "us-central1"), ok("2001:DB8::1", "gcp", "us-central1")], [], ok("192.0.2.2")],
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.mappings, {
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
      "192.0.2.2": { vendor: "aws", region: "us-east-1" },
      "192.0.2.3": { vendor: "gcp", region: "us-central1" },
      "2001:db8::1": { vendor: "gcp", region: "us-central1" },
    });
    assert.deepEqual(
      declared.map((d) => mappingPath(d)),
      ["mappings[0]", "mappings[1][0]", "mappings[1][1]", "mappings[3]"],
    );
  });

  it("names a bad entry of a nested list by both indices", () => {
    const { failures } = checkInputs({
      zoneId: ZONE,
      mappings: [ok("192.0.2.1"), ok("192.0.2.2"), [ok("192.0.2.3"), ok("010.0.0.1", "ibm")]],
    });
    assert.deepEqual(
      failures.map((f) => f.property),
      ["mappings[2][1].ip", "mappings[2][1].vendor"],
    );
    assert.match(failures[0]?.reason ?? "", /"010.0.0.1" is not a valid IPv4/);
  });

  it("names both positions of a duplicate across a plain mapping and a nested list", () => {
    const { failures } = checkInputs({
      zoneId: ZONE,
      mappings: [[ok("192.0.2.1")], ok("192.0.2.9"), [ok("192.0.2.8"), ok("192.0.2.1", "gcp", "us-central1")]],
    });
    assert.equal(failures.length, 1);
    assert.equal(failures[0]?.property, "mappings[2][1].ip");
    assert.match(failures[0]?.reason ?? "", /duplicates mappings\[0\]\[0\]\.ip \("192.0.2.1"\)/);
  });

  it("refuses lists nested two deep and non-mapping entries inside a list, by position", () => {
    const deep = checkInputs({ zoneId: ZONE, mappings: [[[ok("192.0.2.1")]]] });
    assert.deepEqual(
      deep.failures.map((f) => f.property),
      ["mappings[0][0]"],
    );
    assert.match(deep.failures[0]?.reason ?? "", /expected an object \{ ip, vendor, region \}, got an array/);
    const number = checkInputs({ zoneId: ZONE, mappings: [[ok("192.0.2.1"), 7]] });
    assert.deepEqual(
      number.failures.map((f) => f.property),
      ["mappings[0][1]"],
    );
    assert.match(number.failures[0]?.reason ?? "", /got number 7/);
  });

  it("counts nested entries against the zone limit", () => {
    const many = Array.from({ length: 3000 }, (_, i) => ok(`10.${i >> 8}.${i & 255}.1`));
    const more = Array.from({ length: 501 }, (_, i) => ok(`10.200.${i >> 8}.${i & 255}`));
    const { failures } = checkInputs({ zoneId: ZONE, mappings: [many, ...more] });
    // Reported on the first entry over the limit (mappings[0] holds 3,000, then 500 more fit), whose echoed value is small.
    assert.deepEqual(failures, [{ property: "mappings[501]", reason: failures[0]?.reason ?? "" }]);
    assert.match(failures[0]?.reason ?? "", /^3,501 mappings exceed Cloudflare's limit of 3,500 per zone; this is the first one over/);
  });

  it("fails regions by nested position", () => {
    const { declared } = checkInputs({ zoneId: ZONE, mappings: [ok("192.0.2.1"), [ok("192.0.2.2"), ok("192.0.2.3", "aws", "mars-1")]] });
    assert.deepEqual(
      checkRegions(declared, { aws: ["us-east-1"] }).map((f) => f.property),
      ["mappings[1][1].region"],
    );
  });
});

describe("checkInputs: nested lists during preview", () => {
  it("shows a nested list that is not known yet as one pending entry, not the whole set unknown", () => {
    const { inputs, failures } = checkInputs({ zoneId: ZONE, mappings: [ok("192.0.2.1"), UNKNOWN, [ok("192.0.2.2")]] });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.mappings, {
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
      "192.0.2.2": { vendor: "aws", region: "us-east-1" },
      "(IP known after deploy) mappings[1]": UNKNOWN,
    });
  });

  it("shows unknown entries inside a known nested list under their nested positions", () => {
    const { inputs, failures, declared } = checkInputs({
      zoneId: ZONE,
      mappings: [[{ ip: UNKNOWN, vendor: "oci", region: "us-ashburn-1" }, UNKNOWN, ok("192.0.2.5")]],
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.mappings, {
      "192.0.2.5": { vendor: "aws", region: "us-east-1" },
      [placeholderKey(0, 0)]: { vendor: "oci", region: "us-ashburn-1" },
      [placeholderKey(0, 1)]: UNKNOWN,
    });
    assert.equal(placeholderKey(0, 1), "(IP known after deploy) mappings[0][1]");
    assert.deepEqual(
      declared.map((d) => [d.index, d.inner]),
      [
        [0, 0],
        [0, 2],
      ],
    );
  });

  it("checks the known entries of a list while another element is unknown", () => {
    const { failures } = checkInputs({ zoneId: ZONE, mappings: [UNKNOWN, [ok("192.0.2.1", "aws", "")]] });
    assert.deepEqual(
      failures.map((f) => f.property),
      ["mappings[1][0].region"],
    );
  });
});

describe("flattenMappings", () => {
  it("keeps order and positions; an empty nested list contributes nothing", () => {
    const a = ok("192.0.2.1");
    const b = ok("192.0.2.2");
    assert.deepEqual(flattenMappings([a, [], [b, UNKNOWN], UNKNOWN]), [
      { index: 0, entry: a },
      { index: 2, inner: 0, entry: b },
      { index: 2, inner: 1, entry: UNKNOWN },
      { index: 3, entry: UNKNOWN },
    ]);
  });
  it("renders paths the way users write them", () => {
    assert.equal(mappingPath({ index: 3 }), "mappings[3]");
    assert.equal(mappingPath({ index: 2, inner: 1 }), "mappings[2][1]");
  });
});
