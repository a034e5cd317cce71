import assert from "node:assert/strict";
import { gcpAddressRules, gcpInstanceRules, gcpRegion, gcpRegionFromZone, gcpRules } from "../../../provider/adapters/rules/gcp";

// Pure rules behind fromGcp: no Pulumi runtime involved.
describe("gcp rules: region from a zone", () => {
  const cases: Array<[string, string]> = [
    ["us-central1-a", "us-central1"],
    ["us-central1-ai1", "us-central1"],
    ["europe-west4-b", "europe-west4"],
    ["northamerica-northeast1-c", "northamerica-northeast1"],
    ["me-central2-a", "me-central2"],
    ["projects/p/zones/asia-east1-b", "asia-east1"],
    ["https://www.googleapis.com/compute/v1/projects/p/zones/us-east5-c", "us-east5"],
  ];
  for (const [zone, region] of cases) it(`${zone} → ${region}`, () => assert.equal(gcpRegionFromZone(zone), region));
  for (const zone of ["us-central1", "us-central-a", "central1-a", "US-CENTRAL1-A", "projects/p/zones/", "us-central1-a/"]) {
    it(`refuses ${JSON.stringify(zone)}`, () => assert.throws(() => gcpRegionFromZone(zone), /is not a GCP zone \(like us-central1-a/));
  }
});

describe("gcp rules: region names", () => {
  it("takes a bare name or the last segment of a self link", () => {
    assert.equal(gcpRegion("us-central1"), "us-central1");
    assert.equal(gcpRegion("https://www.googleapis.com/compute/v1/projects/p/regions/europe-west1"), "europe-west1");
  });
  it("refuses a zone or garbage", () => {
    assert.throws(() => gcpRegion("us-central1-a"), /region "us-central1-a" is not a GCP region/);
    assert.throws(() => gcpRegion("global"), /is not a GCP region/);
  });
});

describe("gcp rules: compute.Instance", () => {
  const nic = (natIps: Array<string | undefined>, v6: string[] = []) => ({
    networkIp: "10.128.0.2",
    accessConfigs: natIps.map((natIp) => ({ natIp, networkTier: "PREMIUM" })),
    ipv6AccessConfigs: v6.map((externalIpv6) => ({ externalIpv6, externalIpv6PrefixLength: "96" })),
  });
  it("reads every natIp and externalIpv6 of every interface, in order", () => {
    const addresses = gcpInstanceRules.addresses({
      networkInterfaces: [nic(["34.1.2.3"], ["2600:1900:4000::1"]), nic(["35.4.5.6", "35.4.5.7"])],
    });
    assert.deepEqual(addresses, [
      { value: "34.1.2.3", path: "networkInterfaces[0].accessConfigs[0].natIp" },
      { value: "2600:1900:4000::1", path: "networkInterfaces[0].ipv6AccessConfigs[0].externalIpv6" },
      { value: "35.4.5.6", path: "networkInterfaces[1].accessConfigs[0].natIp" },
      { value: "35.4.5.7", path: "networkInterfaces[1].accessConfigs[1].natIp" },
    ]);
  });
  it("gives nothing for an instance without external access", () => {
    assert.deepEqual(gcpInstanceRules.addresses({ networkInterfaces: [{ networkIp: "10.128.0.2" }] }), []);
    assert.deepEqual(gcpInstanceRules.addresses({ networkInterfaces: [nic([undefined, ""])] }), []);
    assert.deepEqual(gcpInstanceRules.addresses({ networkInterfaces: [] }), []);
  });
  it("refuses interfaces of the wrong shape, by path", () => {
    assert.throws(
      () => gcpInstanceRules.addresses({ networkInterfaces: {} }),
      /networkInterfaces is an object with no properties; expected a list/,
    );
    assert.throws(
      () => gcpInstanceRules.addresses({ networkInterfaces: ["nic0"] }),
      /networkInterfaces\[0\] is "nic0"; expected an object/,
    );
    assert.throws(
      () => gcpInstanceRules.addresses({ networkInterfaces: [{ accessConfigs: [{ natIp: 1 }] }] }),
      /natIp is number 1; expected a string/,
    );
  });
  it("derives the region from the zone", () => {
    assert.deepEqual(gcpInstanceRules.region({ zone: "us-central1-ai1" }), { region: "us-central1", warnings: [] });
    assert.throws(() => gcpInstanceRules.region({ zone: "" }), /zone is empty; pass \{ region \} to fromGcp/);
  });
});

describe("gcp rules: compute.Address", () => {
  it("reads an EXTERNAL address, or one whose type is unset", () => {
    for (const addressType of ["EXTERNAL", "external", undefined, null, ""]) {
      assert.deepEqual(
        gcpAddressRules.addresses({ address: "34.1.2.3", addressType }),
        [{ value: "34.1.2.3", path: "address" }],
        String(addressType),
      );
    }
  });
  it("gives nothing for an INTERNAL address", () => {
    assert.deepEqual(gcpAddressRules.addresses({ address: "10.0.0.5", addressType: "INTERNAL" }), []);
  });
  it("refuses an address type it does not know", () => {
    assert.throws(
      () => gcpAddressRules.addresses({ address: "34.1.2.3", addressType: "SHARED" }),
      /addressType "SHARED" is neither EXTERNAL nor INTERNAL/,
    );
  });
  it("reads region, bare or as a self link", () => {
    assert.deepEqual(gcpAddressRules.region({ region: "projects/p/regions/asia-south1" }), { region: "asia-south1", warnings: [] });
    assert.throws(() => gcpAddressRules.region({}), /region is empty; pass \{ region \} to fromGcp/);
  });
});

describe("gcp rules: what fromGcp recognises", () => {
  it("by type token and by shape", () => {
    assert.equal(gcpRules.byToken("gcp:compute/instance:Instance"), gcpInstanceRules);
    assert.equal(gcpRules.byToken("gcp:compute/address:Address"), gcpAddressRules);
    assert.equal(gcpRules.byToken("gcp:compute/globalAddress:GlobalAddress"), undefined);
    assert.equal(
      gcpRules.byShape((k) => k === "networkInterfaces" || k === "zone"),
      gcpInstanceRules,
    );
    assert.equal(
      gcpRules.byShape((k) => k === "address"),
      gcpAddressRules,
    );
    assert.equal(
      gcpRules.byShape((k) => k === "publicIp"),
      undefined,
    );
  });
});
