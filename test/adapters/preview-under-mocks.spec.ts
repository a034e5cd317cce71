import assert from "node:assert/strict";
import { Instance as AwsInstance } from "@pulumi/aws/ec2/instance";
import { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import * as pulumi from "@pulumi/pulumi";
import { OriginCloudRegionMappings, fromAws, fromAzure } from "../../provider";
import { checkInputs } from "../../provider/core/inputs";
import { UNKNOWN } from "../../provider/core/types";
import { isKnown, settle, underMocks } from "../support/pulumi-mocks";

// A preview of servers not created yet: their public IPs are unknown, so an adapter's result is
// unknown too, and OriginCloudRegionMappings must show it as one pending entry, not fail.
describe("adapters during a preview, under Pulumi's mocks", function () {
  this.timeout(30_000);
  const run = underMocks(
    {
      "new-web": { publicIp: pulumi.runtime.unknownValue, ipv6Addresses: pulumi.runtime.unknownValue, region: "us-east-1" },
      "existing-pip": { ipAddress: "20.42.1.2", location: "eastus" },
    },
    { preview: true },
  );

  it("the result of a resource whose IP is not known yet is unknown, not empty and not an error", async () => {
    const web = new AwsInstance("new-web", { ami: "ami-0abc", instanceType: "t3.micro" });
    const mapped = fromAws(web);
    assert.equal(await isKnown(mapped), false);
    assert.equal(await settle(mapped), undefined);
  });

  it("is known for a resource that already exists", async () => {
    const pip = new PublicIPAddress("existing-pip", { resourceGroupName: "rg" });
    assert.deepEqual(await settle(fromAzure(pip)), [{ ip: "20.42.1.2", vendor: "azure", region: "eastus" }]);
  });

  it("OriginCloudRegionMappings gets the unknown list as one element; check shows it pending next to the known ones", async () => {
    const web = new AwsInstance("new-web", { ami: "ami-0abc", instanceType: "t3.micro" });
    const pip = new PublicIPAddress("existing-pip", { resourceGroupName: "rg" });
    const origins = new OriginCloudRegionMappings("origins", {
      zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
      mappings: [fromAzure(pip), fromAws(web)],
    });
    await settle(origins.urn);
    const inputs = run.registered.find((r) => r.name === "origins")?.inputs as Record<string, unknown>;
    const mappings = inputs["mappings"] as unknown[];
    assert.ok(pulumi.isUnknown(mappings[1]), "the engine receives the adapter's result as unknown");
    // The engine hands the provider's check the unknown sentinel where the SDK holds `unknown`.
    const { failures, inputs: checked } = checkInputs({ ...inputs, mappings: [mappings[0], UNKNOWN] });
    assert.deepEqual(failures, []);
    assert.deepEqual(checked.mappings, {
      "20.42.1.2": { vendor: "azure", region: "eastus" },
      "(IP known after deploy) mappings[1]": UNKNOWN,
    });
  });
});
