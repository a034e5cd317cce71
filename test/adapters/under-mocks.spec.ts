import assert from "node:assert/strict";
import { Eip } from "@pulumi/aws/ec2/eip";
import { Instance as AwsInstance } from "@pulumi/aws/ec2/instance";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import { Address } from "@pulumi/gcp/compute/address";
import { Instance as GcpInstance } from "@pulumi/gcp/compute/instance";
import { Instance as OciInstance } from "@pulumi/oci/core/instance";
import { PublicIp } from "@pulumi/oci/core/publicIp";
import * as pulumi from "@pulumi/pulumi";
import { AdapterInputError, OriginCloudRegionMappings, fromAws, fromAzure, fromGcp, fromOci } from "../../provider";
import { checkInputs } from "../../provider/core/inputs";
import { ClassicVirtualMachineShape } from "../support/azure-classic-shapes";
import { settle, underMocks } from "../support/pulumi-mocks";

// The REAL resource classes of the cloud SDKs, under Pulumi's mocks: each mocked resource reports
// outputs shaped like its real provider's. A property renamed in an SDK leaves the adapter reading
// nothing, and these tests fail.
const OUTPUTS = {
  web: {
    publicIpAddress: "203.0.113.99",
    publicIp: "203.0.113.10",
    ipv6Addresses: ["2600:1f18:abcd:100::10"],
    privateIp: "10.0.1.10",
    region: "us-east-1",
    arn: "arn:aws:ec2:us-east-1:123456789012:instance/i-0web",
    availabilityZone: "us-east-1a",
  },
  // No region and no ARN reported: the availability zone (a Local Zone) decides.
  lax: { publicIp: "203.0.113.11", ipv6Addresses: [], privateIp: "10.0.2.11", arn: "", availabilityZone: "us-west-2-lax-1a" },
  worker: {
    publicIp: "",
    ipv6Addresses: [],
    privateIp: "10.0.1.12",
    region: "us-east-1",
    arn: "arn:aws:ec2:us-east-1:123456789012:instance/i-0wrk",
    availabilityZone: "us-east-1b",
  },
  // A "public" address from a private range (a NAT appliance's inside address): dropped, with a warning.
  "nat-a": { publicIp: "10.0.9.1", ipv6Addresses: ["fe80::1"], region: "us-east-1", arn: "", availabilityZone: "us-east-1a" },
  "nat-b": { publicIp: "10.0.9.2", ipv6Addresses: [], region: "us-east-1", arn: "", availabilityZone: "us-east-1a" },
  eip: {
    publicIp: "198.51.100.20",
    privateIp: "10.0.2.11",
    domain: "vpc",
    region: "us-west-2",
    arn: "arn:aws:ec2:us-west-2:123456789012:elastic-ip/eipalloc-1",
    networkBorderGroup: "us-west-2-lax-1",
  },
  gce: {
    zone: "us-central1-ai1",
    networkInterfaces: [
      {
        network: "default",
        networkIp: "10.128.0.2",
        accessConfigs: [{ natIp: "34.118.1.2", networkTier: "PREMIUM", publicPtrDomainName: "" }],
        ipv6AccessConfigs: [
          { externalIpv6: "2600:1900:4000:b3b:0:0:0:0", externalIpv6PrefixLength: "96", name: "external-ipv6", networkTier: "PREMIUM" },
        ],
      },
      { network: "backend", networkIp: "10.10.0.2", accessConfigs: [], ipv6AccessConfigs: [] },
    ],
  },
  "gce-bad-zone": { zone: "somewhere", networkInterfaces: [{ accessConfigs: [{ natIp: "34.118.1.3" }] }] },
  "static-ip": { address: "34.120.5.6", addressType: "EXTERNAL", region: "europe-west1" },
  "internal-ip": { address: "10.10.0.5", addressType: "INTERNAL", region: "europe-west1" },
  pip: { ipAddress: "20.42.1.2", location: "eastus", publicIPAddressVersion: "IPv4" },
  "pip-v6": { ipAddress: "2603:1030:20e:3::23c", location: "East US 2", publicIPAddressVersion: "IPv6" },
  "pip-dynamic": { location: "westeurope", publicIPAddressVersion: "IPv4" },
  vm: { location: "West Europe", publicIpAddress: "20.50.1.2", publicIpAddresses: ["20.50.1.2", "20.50.1.3"] },
  oke: { id: "ocid1.instance.oc1.iad.anuwcljtexample", publicIp: "129.213.1.2", privateIp: "10.0.0.2", region: "iad" },
  reserved: { id: "ocid1.publicip.oc1.phx.amaaaaaaexample", ipAddress: "150.230.1.2", lifetime: "RESERVED", scope: "REGION" },
};

describe("adapters on the real SDK classes, under Pulumi's mocks", function () {
  this.timeout(30_000);
  const run = underMocks(OUTPUTS, { preview: false });
  const aws = () => ({
    web: new AwsInstance("web", { ami: "ami-0abc", instanceType: "t3.micro" }),
    lax: new AwsInstance("lax", { ami: "ami-0abc", instanceType: "t3.micro", availabilityZone: "us-west-2-lax-1a" }),
    worker: new AwsInstance("worker", { ami: "ami-0abc", instanceType: "t3.micro", associatePublicIpAddress: false }),
    eip: new Eip("eip", { domain: "vpc", networkBorderGroup: "us-west-2-lax-1" }),
  });
  const gcpInstance = (name: string) =>
    new GcpInstance(name, {
      machineType: "e2-small",
      bootDisk: { initializeParams: { image: "debian-12" } },
      networkInterfaces: [{ network: "default" }],
    });

  it("fromAws: instances (IPv4 and IPv6; Local Zone → parent region) and Elastic IPs; a private-only instance adds nothing", async () => {
    const { web, lax, worker, eip } = aws();
    assert.deepEqual(await settle(fromAws([web, lax, worker, eip])), [
      { ip: "203.0.113.10", vendor: "aws", region: "us-east-1" },
      { ip: "2600:1f18:abcd:100::10", vendor: "aws", region: "us-east-1" },
      { ip: "203.0.113.11", vendor: "aws", region: "us-west-2" },
      { ip: "198.51.100.20", vendor: "aws", region: "us-west-2" },
    ]);
    const warned = run.warnings.filter((w) => w.startsWith("fromAws"));
    assert.equal(warned.length, 2, warned.join("\n"));
    assert.match(
      warned.join("\n"),
      /fromAws\(resources\[1\], aws:ec2\/instance:Instance "lax"\): availabilityZone us-west-2-lax-1a is an AWS Local Zone of us-west-2/,
    );
    assert.match(
      warned.join("\n"),
      /fromAws\(resources\[3\], aws:ec2\/eip:Eip "eip"\): networkBorderGroup us-west-2-lax-1 differs from region us-west-2/,
    );
  });

  it("fromAws: addresses no client can reach get no mapping, and the call says so in one warning", async () => {
    const before = run.warnings.length;
    const natA = new AwsInstance("nat-a", { ami: "ami-0abc", instanceType: "t3.micro" });
    const natB = new AwsInstance("nat-b", { ami: "ami-0abc", instanceType: "t3.micro" });
    assert.deepEqual(await settle(fromAws([natA, natB])), []);
    const warned = run.warnings.slice(before).filter((w) => w.startsWith("fromAws:"));
    assert.equal(warned.length, 1, warned.join("\n"));
    assert.match(warned[0] ?? "", /^fromAws: 3 addresses that no client on the internet can reach got no mapping: 10\.0\.9\.1 \(private, /);
    assert.match(
      warned[0] ?? "",
      /fe80::1 \(linkLocal, fromAws\(resources\[0\], aws:ec2\/instance:Instance "nat-a"\) ipv6Addresses\[0\]\)/,
    );
  });

  it("fromGcp: every interface's natIp and externalIpv6; EXTERNAL addresses only", async () => {
    const addresses = [
      new Address("static-ip", { region: "europe-west1" }),
      new Address("internal-ip", { addressType: "INTERNAL", region: "europe-west1" }),
    ];
    assert.deepEqual(await settle(fromGcp([gcpInstance("gce"), ...addresses])), [
      { ip: "34.118.1.2", vendor: "gcp", region: "us-central1" },
      { ip: "2600:1900:4000:b3b::", vendor: "gcp", region: "us-central1" },
      { ip: "34.120.5.6", vendor: "gcp", region: "europe-west1" },
    ]);
  });

  it("fromAzure: azure-native public IPs (IPv4, IPv6, not yet allocated) and classic VMs", async () => {
    const pips = ["pip", "pip-v6", "pip-dynamic"].map((name) => new PublicIPAddress(name, { resourceGroupName: "rg" }));
    const vm = new ClassicVirtualMachineShape("vm", "Linux", { location: "West Europe", resourceGroupName: "rg" });
    assert.deepEqual(await settle(fromAzure([...pips, vm])), [
      { ip: "20.42.1.2", vendor: "azure", region: "eastus" },
      { ip: "2603:1030:20e:3::23c", vendor: "azure", region: "eastus2" },
      { ip: "20.50.1.2", vendor: "azure", region: "westeurope" },
      { ip: "20.50.1.3", vendor: "azure", region: "westeurope" },
    ]);
  });

  it("fromOci: an instance in iad and a reserved public IP whose OCID says phx", async () => {
    const oke = new OciInstance("oke", {
      availabilityDomain: "Uocm:US-ASHBURN-AD-1",
      compartmentId: "ocid1.compartment.oc1..x",
      shape: "VM.Standard.E4.Flex",
    });
    const reserved = new PublicIp("reserved", { compartmentId: "ocid1.compartment.oc1..x", lifetime: "RESERVED" });
    assert.deepEqual(await settle(fromOci([oke, reserved])), [
      { ip: "129.213.1.2", vendor: "oci", region: "us-ashburn-1" },
      { ip: "150.230.1.2", vendor: "oci", region: "us-phoenix-1" },
    ]);
  });

  it("the region option overrides what is derived, for one resource or a list", async () => {
    const { web, eip } = aws();
    assert.deepEqual(await settle(fromAws(web, { region: pulumi.output("us-east-2") })), [
      { ip: "203.0.113.10", vendor: "aws", region: "us-east-2" },
      { ip: "2600:1f18:abcd:100::10", vendor: "aws", region: "us-east-2" },
    ]);
    assert.deepEqual(await settle(fromAws([eip], { region: "us-west-2" })), [{ ip: "198.51.100.20", vendor: "aws", region: "us-west-2" }]);
  });

  it("an Elastic IP associated with an instance is mapped once; no resources give an empty list", async () => {
    const { web } = aws();
    const associated = { publicIp: web.publicIp, region: web.region, networkBorderGroup: web.region };
    assert.equal((await settle(fromAws([web, associated])))?.length, 2, "web's IPv4 and IPv6, the Elastic IP's IPv4 once");
    assert.deepEqual(await settle(fromAws([])), []);
  });

  it("refuses another cloud's resource when called, naming it and what it accepts", () => {
    const { web } = aws();
    assert.throws(
      () => fromOci(web as never),
      (e: unknown) =>
        e instanceof AdapterInputError &&
        /^fromOci\(resource, aws:ec2\/instance:Instance "web"\): got a aws:ec2\/instance:Instance resource; fromOci accepts @pulumi\/oci/.test(
          e.message,
        ),
    );
    assert.throws(
      () => fromGcp([gcpInstance("gce"), { publicIp: "x" } as never]),
      /^AdapterInputError: fromGcp\(resources\[1\]\): got an object with properties publicIp; fromGcp accepts/,
    );
  });

  it("fails the program when a region source cannot be read", async () => {
    await assert.rejects(
      settle(fromGcp(gcpInstance("gce-bad-zone"))),
      (e: unknown) =>
        e instanceof AdapterInputError &&
        /^fromGcp\(resource, gcp:compute\/instance:Instance "gce-bad-zone"\): zone "somewhere" is not a GCP zone/.test(e.message),
    );
  });

  it("a property the class does not declare stays off the resource: that is how a rename shows", async () => {
    const web = new AwsInstance("web", { ami: "ami-0abc", instanceType: "t3.micro" });
    await settle(web.urn);
    // OUTPUTS.web also reports `publicIpAddress`, a name @pulumi/aws does not use for ec2.Instance.
    assert.ok("publicIp" in web);
    assert.ok(!("publicIpAddress" in web), "the mocks report outputs; only the class decides which become properties");
  });

  it("OriginCloudRegionMappings takes adapter results next to plain mappings; check flattens them", async () => {
    const { web, worker } = aws();
    const oke = new OciInstance("oke", {
      availabilityDomain: "Uocm:US-ASHBURN-AD-1",
      compartmentId: "ocid1.compartment.oc1..x",
      shape: "VM.Standard.E4.Flex",
    });
    const origins = new OriginCloudRegionMappings("origins", {
      zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
      mappings: [fromAws([web, worker]), { ip: "192.0.2.1", vendor: "gcp", region: "us-east1" }, fromOci(oke)],
    });
    await settle(origins.urn);
    const inputs = run.registered.find((r) => r.name === "origins")?.inputs as Record<string, unknown>;
    assert.equal((inputs["mappings"] as unknown[]).length, 3, "one element per adapter call, flattened only by check");
    const { failures, inputs: checked } = checkInputs(inputs);
    assert.deepEqual(failures, []);
    assert.deepEqual(checked.mappings, {
      "129.213.1.2": { vendor: "oci", region: "us-ashburn-1" },
      "192.0.2.1": { vendor: "gcp", region: "us-east1" },
      "203.0.113.10": { vendor: "aws", region: "us-east-1" },
      "2600:1f18:abcd:100::10": { vendor: "aws", region: "us-east-1" },
    });
  });
});
