import assert from "node:assert/strict";
import { azurePublicIpRules, azureRegionFromLocation, azureRules, azureVirtualMachineRules } from "../../../provider/adapters/rules/azure";
import { ociInstanceRules, ociPublicIpRules, ociRegion, ociRegionFromOcid, ociRules } from "../../../provider/adapters/rules/oci";

// Pure rules behind fromAzure and fromOci: no Pulumi runtime involved.
describe("azure rules: region from a location", () => {
  const cases: Array<[string, string]> = [
    ["East US", "eastus"],
    ["eastus", "eastus"],
    ["East US 2", "eastus2"],
    ["West Europe", "westeurope"],
    ["  UK South ", "uksouth"],
    ["Southeast Asia", "southeastasia"],
  ];
  for (const [location, region] of cases)
    it(`${JSON.stringify(location)} → ${region}`, () => assert.equal(azureRegionFromLocation(location), region));
  for (const location of ["east-us", "East US (Stage)", "   ", "2eastus"]) {
    it(`refuses ${JSON.stringify(location)}`, () => assert.throws(() => azureRegionFromLocation(location), /is not an Azure region/));
  }
});

describe("azure rules: public IPs and virtual machines", () => {
  it("reads a public IP's ipAddress; an unassigned one gives nothing", () => {
    assert.deepEqual(azurePublicIpRules.addresses({ ipAddress: "20.1.2.3", location: "eastus" }), [
      { value: "20.1.2.3", path: "ipAddress" },
    ]);
    assert.deepEqual(azurePublicIpRules.addresses({ ipAddress: undefined, location: "eastus" }), []);
  });
  it("reads a VM's publicIpAddress and every publicIpAddresses entry", () => {
    assert.deepEqual(azureVirtualMachineRules.addresses({ publicIpAddress: "20.1.2.3", publicIpAddresses: ["20.1.2.3", "2603:1030::5"] }), [
      { value: "20.1.2.3", path: "publicIpAddress" },
      { value: "20.1.2.3", path: "publicIpAddresses[0]" },
      { value: "2603:1030::5", path: "publicIpAddresses[1]" },
    ]);
    assert.deepEqual(azureVirtualMachineRules.addresses({ publicIpAddress: "", publicIpAddresses: [] }), []);
  });
  it("derives the region from location", () => {
    assert.deepEqual(azurePublicIpRules.region({ location: "North Europe" }), { region: "northeurope", warnings: [] });
    assert.deepEqual(azureVirtualMachineRules.region({ location: "westus2" }), { region: "westus2", warnings: [] });
    assert.throws(() => azurePublicIpRules.region({ location: undefined }), /location is empty; pass \{ region \} to fromAzure/);
  });
  it("recognises azure-native (every API version) and classic types, and shapes", () => {
    for (const token of [
      "azure-native:network:PublicIPAddress",
      "azure-native:network/v20240301:PublicIPAddress",
      "azure:network/publicIp:PublicIp",
    ]) {
      assert.equal(azureRules.byToken(token), azurePublicIpRules, token);
    }
    for (const token of [
      "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
      "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
    ]) {
      assert.equal(azureRules.byToken(token), azureVirtualMachineRules, token);
    }
    assert.equal(azureRules.byToken("azure-native:compute:VirtualMachine"), undefined);
    assert.equal(
      azureRules.byShape((k) => k === "publicIpAddresses" || k === "location"),
      azureVirtualMachineRules,
    );
    assert.equal(
      azureRules.byShape((k) => k === "ipAddress"),
      azurePublicIpRules,
    );
    assert.equal(
      azureRules.byShape((k) => k === "publicIp"),
      undefined,
    );
  });
});

describe("oci rules: regions", () => {
  it("expands the API's short forms iad and phx; other names pass through", () => {
    assert.equal(ociRegion("iad"), "us-ashburn-1");
    assert.equal(ociRegion("phx"), "us-phoenix-1");
    assert.equal(ociRegion("PHX"), "us-phoenix-1");
    assert.equal(ociRegion("eu-frankfurt-1"), "eu-frankfurt-1");
    assert.equal(ociRegion("us-ashburn-1"), "us-ashburn-1");
    assert.throws(() => ociRegion(" "), /is not an OCI region/);
    assert.throws(() => ociRegion("us ashburn"), /is not an OCI region/);
  });
  it("reads the 4th field of an OCID", () => {
    assert.equal(ociRegionFromOcid("ocid1.publicip.oc1.iad.amaaaaaabbbbcccc"), "us-ashburn-1");
    assert.equal(ociRegionFromOcid("ocid1.publicip.oc1.phx.amaaaaaabbbbcccc"), "us-phoenix-1");
    assert.equal(ociRegionFromOcid("ocid1.instance.oc1.eu-frankfurt-1.anthelj"), "eu-frankfurt-1");
    assert.equal(ociRegionFromOcid("ocid1.instance.oc2.us-langley-1.abc"), "us-langley-1");
  });
  for (const id of ["ocid1.tenancy.oc1..aaaa", "i-0abc", "ocid1.instance.oc1", "ocid2.instance.oc1.iad.x"]) {
    it(`refuses ${JSON.stringify(id)}`, () =>
      assert.throws(() => ociRegionFromOcid(id), /is not a regional OCID .*pass \{ region \} to fromOci/));
  }
});

describe("oci rules: instances and public IPs", () => {
  it("reads an instance's publicIp; none gives nothing", () => {
    assert.deepEqual(ociInstanceRules.addresses({ publicIp: "129.146.1.2" }), [{ value: "129.146.1.2", path: "publicIp" }]);
    assert.deepEqual(ociInstanceRules.addresses({ publicIp: "" }), []);
  });
  it("takes an instance's region, else the region of its OCID", () => {
    assert.deepEqual(ociInstanceRules.region({ region: "iad", id: "ocid1.instance.oc1.phx.x" }), { region: "us-ashburn-1", warnings: [] });
    assert.deepEqual(ociInstanceRules.region({ region: "", id: "ocid1.instance.oc1.phx.x" }), { region: "us-phoenix-1", warnings: [] });
    assert.throws(() => ociInstanceRules.region({}), /region and id are empty/);
  });
  it("reads a public IP's ipAddress and the region of its OCID", () => {
    assert.deepEqual(ociPublicIpRules.addresses({ ipAddress: "150.136.1.2" }), [{ value: "150.136.1.2", path: "ipAddress" }]);
    assert.deepEqual(ociPublicIpRules.region({ id: "ocid1.publicip.oc1.iad.x" }), { region: "us-ashburn-1", warnings: [] });
  });
  it("recognises types and shapes", () => {
    assert.equal(ociRules.byToken("oci:Core/instance:Instance"), ociInstanceRules);
    assert.equal(ociRules.byToken("oci:Core/publicIp:PublicIp"), ociPublicIpRules);
    assert.equal(ociRules.byToken("oci:Core/vnic:Vnic"), undefined);
    assert.equal(
      ociRules.byShape((k) => k === "publicIp"),
      ociInstanceRules,
    );
    assert.equal(
      ociRules.byShape((k) => k === "ipAddress" || k === "id"),
      ociPublicIpRules,
    );
    assert.equal(
      ociRules.byShape((k) => k === "id"),
      undefined,
    );
  });
});
