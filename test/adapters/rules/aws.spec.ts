import assert from "node:assert/strict";
import { awsEipRules, awsInstanceRules, awsRules, parseAvailabilityZone, regionFromArn } from "../../../provider/adapters/rules/aws";
import { AdapterInputError } from "../../../provider/adapters/rules/errors";

// Pure rules behind fromAws: no Pulumi runtime involved.
const ARN = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc";

describe("aws rules: availability zones by pattern", () => {
  const cases: Array<[string, string, string]> = [
    ["us-east-1a", "us-east-1", "standard"],
    ["eu-central-2c", "eu-central-2", "standard"],
    ["ap-southeast-7b", "ap-southeast-7", "standard"],
    ["us-gov-west-1a", "us-gov-west-1", "standard"],
    ["cn-northwest-1b", "cn-northwest-1", "standard"],
    ["us-west-2-lax-1a", "us-west-2", "Local Zone"],
    ["us-west-2-lax-1b", "us-west-2", "Local Zone"],
    ["us-east-1-bos-1a", "us-east-1", "Local Zone"],
    ["us-east-1-wl1-bos-wlz-1", "us-east-1", "Wavelength Zone"],
    ["ap-northeast-1-wl1-nrt-wlz-1", "ap-northeast-1", "Wavelength Zone"],
    ["eu-west-2-wl2-man-wlz-1", "eu-west-2", "Wavelength Zone"],
  ];
  for (const [zone, region, kind] of cases) {
    it(`${zone} → ${region} (${kind})`, () => assert.deepEqual(parseAvailabilityZone(zone), { region, kind }));
  }
  for (const zone of ["use1-az1", "us-east-1", "us-west-2-lax-1", "", "US-EAST-1A", "us-east-1ab", "lax-1a"]) {
    it(`${JSON.stringify(zone)} is not a zone name`, () => assert.equal(parseAvailabilityZone(zone), undefined));
  }
});

describe("aws rules: region from an ARN", () => {
  it("reads the 4th field", () => {
    assert.equal(regionFromArn(ARN), "eu-west-1");
    assert.equal(regionFromArn("arn:aws-us-gov:ec2:us-gov-west-1:123456789012:elastic-ip/eipalloc-1"), "us-gov-west-1");
  });
  for (const arn of [
    "arn:aws:iam::123456789012:role/x",
    "not-an-arn",
    "arn:aws:ec2:us-east-1",
    "aws:ec2:us-east-1:1:instance/i",
    "arn:aws:ec2:US-EAST-1:1:instance/i",
  ]) {
    it(`refuses ${JSON.stringify(arn)}`, () =>
      assert.throws(
        () => regionFromArn(arn),
        (e: unknown) => e instanceof AdapterInputError && /has no region field \(expected arn:<partition>/.test(e.message),
      ));
  }
});

describe("aws rules: ec2.Instance", () => {
  const region = (props: Record<string, unknown>) => awsInstanceRules.region(props);
  it("takes region first (provider v7), then arn, then the availability zone", () => {
    assert.deepEqual(region({ region: "us-east-2", arn: ARN, availabilityZone: "ap-south-1a" }), { region: "us-east-2", warnings: [] });
    assert.deepEqual(region({ region: "", arn: ARN, availabilityZone: "ap-south-1a" }), { region: "eu-west-1", warnings: [] });
    assert.deepEqual(region({ arn: undefined, availabilityZone: "ap-south-1a" }), { region: "ap-south-1", warnings: [] });
  });
  it("maps a Local Zone to its parent region, with a warning", () => {
    const result = region({ availabilityZone: "us-west-2-lax-1a" });
    assert.equal(result.region, "us-west-2");
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? "", /us-west-2-lax-1a is an AWS Local Zone of us-west-2; .*toward the parent region us-west-2/);
  });
  it("maps a Wavelength Zone to its parent region, with a warning", () => {
    const result = region({ availabilityZone: "us-east-1-wl1-bos-wlz-1" });
    assert.equal(result.region, "us-east-1");
    assert.match(result.warnings[0] ?? "", /is an AWS Wavelength Zone of us-east-1/);
  });
  it("warns about a Local Zone also when region is set", () => {
    const result = region({ region: "us-west-2", arn: ARN, availabilityZone: "us-west-2-den-1a" });
    assert.equal(result.region, "us-west-2");
    assert.equal(result.warnings.length, 1);
  });
  it("ignores an unreadable zone when region or arn decides", () => {
    assert.deepEqual(region({ region: "us-east-1", availabilityZone: "use1-az1" }), { region: "us-east-1", warnings: [] });
  });
  it("fails when the source that is set cannot be read, instead of guessing from the next one", () => {
    assert.throws(() => region({ region: "US East", availabilityZone: "us-east-1a" }), /region "US East" is not an AWS region id/);
    assert.throws(
      () => region({ arn: "arn:aws:iam::1:role/x", availabilityZone: "us-east-1a" }),
      /arn "arn:aws:iam::1:role\/x" has no region field/,
    );
    assert.throws(
      () => region({ availabilityZone: "use1-az1" }),
      /availabilityZone "use1-az1" is not an availability zone name .* pass \{ region \} to fromAws/,
    );
    assert.throws(() => region({}), /region, arn and availabilityZone are all empty; pass \{ region \} to fromAws/);
    assert.throws(() => region({ region: 42 }), /region is number 42; expected a string/);
  });
  it("reads publicIp and every ipv6Addresses entry, skipping empty ones", () => {
    assert.deepEqual(awsInstanceRules.addresses({ publicIp: "203.0.113.5", ipv6Addresses: ["2600:1f18::1", "", "2600:1f18::2"] }), [
      { value: "203.0.113.5", path: "publicIp" },
      { value: "2600:1f18::1", path: "ipv6Addresses[0]" },
      { value: "2600:1f18::2", path: "ipv6Addresses[2]" },
    ]);
    assert.deepEqual(awsInstanceRules.addresses({ publicIp: "", ipv6Addresses: [] }), []);
    assert.deepEqual(awsInstanceRules.addresses({ publicIp: "", ipv6Addresses: ["2600:1f18::1"] }), [
      { value: "2600:1f18::1", path: "ipv6Addresses[0]" },
    ]);
    assert.deepEqual(awsInstanceRules.addresses({ publicIp: null }), []);
  });
  it("refuses addresses of the wrong type", () => {
    assert.throws(() => awsInstanceRules.addresses({ publicIp: ["203.0.113.5"] }), /publicIp is an array of 1; expected a string/);
    assert.throws(
      () => awsInstanceRules.addresses({ publicIp: "", ipv6Addresses: "2600:1f18::1" }),
      /ipv6Addresses is "2600:1f18::1"; expected a list of strings/,
    );
    assert.throws(() => awsInstanceRules.addresses({ publicIp: "", ipv6Addresses: [7] }), /ipv6Addresses\[0\] is number 7/);
  });
});

describe("aws rules: ec2.Eip", () => {
  it("reads publicIp; region from region, else arn", () => {
    assert.deepEqual(awsEipRules.addresses({ publicIp: "198.51.100.7" }), [{ value: "198.51.100.7", path: "publicIp" }]);
    assert.deepEqual(awsEipRules.addresses({ publicIp: "" }), []);
    assert.deepEqual(awsEipRules.region({ region: "us-east-1", networkBorderGroup: "us-east-1" }), { region: "us-east-1", warnings: [] });
    assert.deepEqual(awsEipRules.region({ arn: "arn:aws:ec2:sa-east-1:1:elastic-ip/eipalloc-1" }), { region: "sa-east-1", warnings: [] });
  });
  it("warns when the network border group differs from the region", () => {
    const result = awsEipRules.region({ region: "us-west-2", networkBorderGroup: "us-west-2-lax-1" });
    assert.equal(result.region, "us-west-2");
    assert.match(result.warnings[0] ?? "", /networkBorderGroup us-west-2-lax-1 differs from region us-west-2/);
  });
  it("fails without region or arn", () => {
    assert.throws(() => awsEipRules.region({ networkBorderGroup: "us-east-1" }), /region, arn and availabilityZone are all empty/);
  });
});

describe("aws rules: what fromAws recognises", () => {
  it("by type token", () => {
    assert.equal(awsRules.byToken("aws:ec2/instance:Instance"), awsInstanceRules);
    assert.equal(awsRules.byToken("aws:ec2/eip:Eip"), awsEipRules);
    assert.equal(awsRules.byToken("aws:lightsail/instance:Instance"), undefined);
  });
  it("by shape", () => {
    const shape = (...keys: string[]) => awsRules.byShape((k) => keys.includes(k));
    assert.equal(shape("publicIp", "availabilityZone"), awsInstanceRules);
    assert.equal(shape("ipv6Addresses"), awsInstanceRules);
    assert.equal(shape("publicIp", "networkBorderGroup"), awsEipRules);
    assert.equal(shape("ipAddress", "location"), undefined);
  });
});
