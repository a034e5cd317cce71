// A mapping's target as the state stores it ("<vendor>/<region>", the vendor escaped): any vendor and
// region Cloudflare may answer with survive a round trip, and strings written before the escaping
// read as they always did.
import assert from "node:assert/strict";
import { decodeTarget, encodeTarget } from "../../provider/core/stored-target";
import { loadMappings, storeMappings } from "../../provider/core/state-shape";
import type { HeldSet, HeldTarget } from "../../provider/core/types";

/** Characters that matter to the format, and a few that do not. */
const PIECES = ["", "/", "%", "%2F", "%2f", "%25", "%252F", "%%", "//", "a", "aws", "é", " ", "%zz", "2F", "%2", "\u0000"];

/** Every string of up to two pieces ("" is a piece): 266 distinct strings, so 70,756 vendor and region pairs. */
function oddStrings(): string[] {
  const out = new Set<string>();
  for (const a of PIECES) for (const b of PIECES) out.add(a + b);
  return [...out];
}

describe("stored target: <vendor>/<region> with the vendor escaped", () => {
  it("known vendors are stored as before: one '/', no escaping", () => {
    assert.equal(encodeTarget({ vendor: "aws", region: "us-east-1" }), "aws/us-east-1");
    assert.equal(encodeTarget({ vendor: "azure", region: "westeurope" }), "azure/westeurope");
    assert.equal(encodeTarget({ vendor: "alibaba", region: "cn-hangzhou" }), "alibaba/cn-hangzhou");
  });

  it("escapes '%' and '/' in the vendor only; the region is kept as it is", () => {
    assert.equal(encodeTarget({ vendor: "a/b", region: "r" }), "a%2Fb/r");
    assert.equal(encodeTarget({ vendor: "50%", region: "r" }), "50%25/r");
    assert.equal(encodeTarget({ vendor: "%2F", region: "r" }), "%252F/r");
    assert.equal(encodeTarget({ vendor: "aws", region: "eu/west/1%2F" }), "aws/eu/west/1%2F");
    assert.equal(encodeTarget({ vendor: "", region: "" }), "/");
  });

  it("round-trips every vendor and region made of the format's special characters", () => {
    const strings = oddStrings();
    let pairs = 0;
    for (const vendor of strings) {
      for (const region of strings) {
        const target: HeldTarget = { vendor, region };
        const stored = encodeTarget(target);
        assert.ok(stored.indexOf("/") === escapedLength(vendor), `the first "/" ends the vendor: ${JSON.stringify(stored)}`);
        assert.deepEqual(decodeTarget(stored), target, JSON.stringify(stored));
        pairs++;
      }
    }
    assert.equal(pairs, 70_756);
  });

  it("reads state written before the escaping as before (no '%': split at the first '/')", () => {
    assert.deepEqual(decodeTarget("aws/us-east-1"), { vendor: "aws", region: "us-east-1" });
    assert.deepEqual(decodeTarget("gcp/europe-west1"), { vendor: "gcp", region: "europe-west1" });
    assert.deepEqual(decodeTarget("alibaba/cn-hangzhou"), { vendor: "alibaba", region: "cn-hangzhou" });
    assert.deepEqual(decodeTarget("aws/a/b"), { vendor: "aws", region: "a/b" });
    assert.deepEqual(decodeTarget("aws/"), { vendor: "aws", region: "" });
    assert.deepEqual(decodeTarget("/r"), { vendor: "", region: "r" });
    // A "%" that is not one of the two escapes stays, as it read before.
    assert.deepEqual(decodeTarget("50%off/r"), { vendor: "50%off", region: "r" });
    assert.deepEqual(decodeTarget("%zz/r%2F"), { vendor: "%zz", region: "r%2F" });
    // Escapes are read in either case.
    assert.deepEqual(decodeTarget("a%2fb%25/r"), { vendor: "a/b%", region: "r" });
  });

  it("a string without '/' (never written) reads as a vendor with an empty region", () => {
    assert.deepEqual(decodeTarget("aws"), { vendor: "aws", region: "" });
    assert.deepEqual(decodeTarget(""), { vendor: "", region: "" });
  });

  it("mapping sets round-trip through storeMappings and loadMappings, old and new strings mixed", () => {
    const set: HeldSet = {
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
      "192.0.2.2": { vendor: "new/vendor", region: "zone/a" },
      "2001:db8::1": { vendor: "100%", region: "r" },
    };
    const stored = storeMappings(set);
    assert.deepEqual(stored, { "192.0.2.1": "aws/us-east-1", "192.0.2.2": "new%2Fvendor/zone/a", "2001:db8::1": "100%25/r" });
    assert.deepEqual(loadMappings(stored), set);
    assert.deepEqual(loadMappings({ "192.0.2.3": "oci/us-ashburn-1", ...stored }), {
      "192.0.2.3": { vendor: "oci", region: "us-ashburn-1" },
      ...set,
    });
  });
});

function escapedLength(vendor: string): number {
  let n = 0;
  for (const ch of vendor) n += ch === "%" || ch === "/" ? 3 : ch.length;
  return n;
}
