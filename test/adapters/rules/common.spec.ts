import assert from "node:assert/strict";
import { droppedWarning, isPublicAddress, publicAddresses, sortAddresses } from "../../../provider/adapters/rules/addresses";
import { awsEipRules, awsInstanceRules, awsRules } from "../../../provider/adapters/rules/aws";
import { AdapterInputError, describeValue } from "../../../provider/adapters/rules/errors";
import { gcpRules } from "../../../provider/adapters/rules/gcp";
import { combinedMappings, mappingsOf } from "../../../provider/adapters/rules/mappings";
import { ociRules } from "../../../provider/adapters/rules/oci";
import { recognise } from "../../../provider/adapters/rules/resource-rules";

// Pure rules shared by every adapter: address filtering, recognising resources, building mappings.
describe("adapter rules: public addresses", () => {
  const never: Array<[string, string]> = [
    ["10.1.2.3", "RFC 1918"],
    ["172.16.0.1", "RFC 1918"],
    ["172.31.255.254", "RFC 1918"],
    ["192.168.1.1", "RFC 1918"],
    ["100.64.0.1", "shared address space (carrier-grade NAT)"],
    ["100.127.255.254", "shared address space (carrier-grade NAT)"],
    ["127.0.0.1", "loopback"],
    ["169.254.169.254", "link-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local"],
    ["fe80::1", "link-local"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["ff02::1", "multicast"],
  ];
  for (const [ip, why] of never) it(`never ${ip} (${why})`, () => assert.equal(isPublicAddress(ip), false));
  const kept = [
    "8.8.8.8",
    "34.1.2.3",
    "172.32.0.1",
    "100.128.0.1",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.5",
    "2600:1f18::1",
    "2001:db8::1",
  ];
  for (const ip of kept) it(`keeps ${ip}`, () => assert.equal(isPublicAddress(ip), true));

  it("canonicalizes, drops non-public, keeps order and each address once", () => {
    const got = publicAddresses([
      { value: "2001:DB8:0::1", path: "a" },
      { value: "10.0.0.1", path: "b" },
      { value: "203.0.113.5", path: "c" },
      { value: "2001:db8::1", path: "d" },
      { value: "fe80::1", path: "e" },
    ]);
    assert.deepEqual(got, ["2001:db8::1", "203.0.113.5"]);
  });
  it("says which addresses it dropped, with their range and property, each once", () => {
    const got = sortAddresses([
      { value: "10.0.0.1", path: "publicIp" },
      { value: "203.0.113.5", path: "publicIp" },
      { value: "fe80::1", path: "ipv6Addresses[0]" },
      { value: "10.0.0.1", path: "publicIps[1]" },
    ]);
    assert.deepEqual(got.addresses, ["203.0.113.5"]);
    assert.deepEqual(got.dropped, [
      { ip: "10.0.0.1", path: "publicIp", range: "private" },
      { ip: "fe80::1", path: "ipv6Addresses[0]", range: "linkLocal" },
    ]);
  });
  it("one warning per adapter call for the dropped addresses, five named, then the count of the rest", () => {
    assert.equal(droppedWarning("fromAws", []), undefined);
    const dropped = Array.from({ length: 7 }, (_, i) => ({
      ip: `10.0.0.${i + 1}`,
      path: "publicIp",
      range: "private",
      where: `fromAws(resources[${i}])`,
    }));
    assert.equal(
      droppedWarning("fromAws", dropped),
      "fromAws: 7 addresses that no client on the internet can reach got no mapping: 10.0.0.1 (private, fromAws(resources[0]) publicIp), " +
        "10.0.0.2 (private, fromAws(resources[1]) publicIp), 10.0.0.3 (private, fromAws(resources[2]) publicIp), " +
        "10.0.0.4 (private, fromAws(resources[3]) publicIp), 10.0.0.5 (private, fromAws(resources[4]) publicIp), … and 2 more. " +
        "Cloudflare connects to an origin's public address; give the servers one, or map them as plain mappings if that is intended",
    );
  });
  it("fails on text that is not one address, naming its property path", () => {
    assert.throws(
      () => publicAddresses([{ value: "203.0.113.0/24", path: "publicIp" }]),
      /^AdapterInputError: publicIp: "203.0.113.0\/24" is a CIDR range/,
    );
    assert.throws(
      () => publicAddresses([{ value: "ec2-1-2-3-4.compute.amazonaws.com", path: "publicIp" }]),
      /publicIp: .* is not a valid IPv4/,
    );
  });
});

describe("adapter rules: mappingsOf", () => {
  it("maps every public address to the vendor and region", () => {
    const props = { publicIp: "203.0.113.5", ipv6Addresses: ["2600:1f18::1"], region: "us-east-1" };
    assert.deepEqual(mappingsOf("aws", awsInstanceRules, props, undefined), {
      mappings: [
        { ip: "203.0.113.5", vendor: "aws", region: "us-east-1" },
        { ip: "2600:1f18::1", vendor: "aws", region: "us-east-1" },
      ],
      warnings: [],
      dropped: [],
    });
  });
  it("a resource without a public address contributes nothing, and its region is not even read", () => {
    assert.deepEqual(mappingsOf("aws", awsInstanceRules, { publicIp: "", availabilityZone: "use1-az1" }, undefined), {
      mappings: [],
      warnings: [],
      dropped: [],
    });
    assert.deepEqual(mappingsOf("aws", awsInstanceRules, { publicIp: "10.0.0.1" }, undefined), {
      mappings: [],
      warnings: [],
      dropped: [{ ip: "10.0.0.1", path: "publicIp", range: "private" }],
    });
  });
  it("uses the region option verbatim, skipping derivation and its warnings", () => {
    const props = { publicIp: "203.0.113.5", availabilityZone: "us-west-2-lax-1a" };
    assert.deepEqual(mappingsOf("aws", awsInstanceRules, props, "us-west-2"), {
      mappings: [{ ip: "203.0.113.5", vendor: "aws", region: "us-west-2" }],
      warnings: [],
      dropped: [],
    });
    assert.deepEqual(
      mappingsOf("aws", awsInstanceRules, { publicIp: "203.0.113.5", availabilityZone: "use1-az1" }, "us-east-1").mappings.length,
      1,
    );
  });
  it("refuses a region option that is not a non-empty string", () => {
    for (const bad of ["", " ", 5, null]) {
      assert.throws(
        () => mappingsOf("aws", awsEipRules, { publicIp: "203.0.113.5" }, bad),
        /the region option is .*; expected a region id string/,
      );
    }
  });
  it("passes on the rules' warnings", () => {
    const { warnings } = mappingsOf(
      "aws",
      awsEipRules,
      { publicIp: "203.0.113.5", region: "us-west-2", networkBorderGroup: "us-west-2-lax-1" },
      undefined,
    );
    assert.equal(warnings.length, 1);
  });
});

describe("adapter rules: combinedMappings", () => {
  const m = (ip: string, region = "us-east-1") => ({ ip, vendor: "aws" as const, region });
  it("joins the resources' lists in order, an exact repeat once (an Elastic IP that is also an instance's publicIp)", () => {
    assert.deepEqual(combinedMappings([[m("203.0.113.5"), m("2600:1f18::1")], [], [m("203.0.113.5")], [m("198.51.100.1")]]), [
      m("203.0.113.5"),
      m("2600:1f18::1"),
      m("198.51.100.1"),
    ]);
  });
  it("keeps one IP with two regions twice, for check to report", () => {
    assert.deepEqual(combinedMappings([[m("203.0.113.5")], [m("203.0.113.5", "us-west-2")]]).length, 2);
  });
  it("of no resources is an empty list", () => assert.deepEqual(combinedMappings([]), []));
});

describe("adapter rules: recognise", () => {
  const error = (pattern: RegExp) => (e: unknown) => e instanceof AdapterInputError && pattern.test(e.message);
  it("takes a known type token at its word", () => {
    assert.equal(recognise(awsRules, {}, "aws:ec2/eip:Eip", false), awsEipRules);
  });
  it("refuses another cloud SDK's resource, even when its properties would fit", () => {
    const awsInstance = { publicIp: "203.0.113.5", region: "us-east-1" };
    assert.throws(
      () => recognise(ociRules, awsInstance, "aws:ec2/instance:Instance", false),
      error(/^got a aws:ec2\/instance:Instance resource; fromOci accepts @pulumi\/oci core.Instance or core.PublicIp/),
    );
    assert.throws(
      () => recognise(gcpRules, { address: "x", region: "y" }, "gcp:compute/globalAddress:GlobalAddress", false),
      error(/got a gcp:compute\/globalAddress/),
    );
  });
  it("duck-types plain objects and resources of other packages", () => {
    assert.equal(recognise(awsRules, { publicIp: "203.0.113.5", arn: "x" }, undefined, false), awsInstanceRules);
    assert.equal(recognise(awsRules, { publicIp: "203.0.113.5", region: "x" }, "my:index:Server", false), awsInstanceRules);
  });
  it("says what it got and what it accepts", () => {
    assert.throws(
      () => recognise(awsRules, "203.0.113.5", undefined, false),
      error(/^got "203.0.113.5"; fromAws accepts @pulumi\/aws ec2.Instance or ec2.Eip/),
    );
    assert.throws(() => recognise(awsRules, undefined, undefined, false), error(/^got undefined; fromAws accepts/));
    assert.throws(() => recognise(awsRules, [1], undefined, false), error(/^got an array of 1/));
    assert.throws(
      () => recognise(awsRules, { ip: "203.0.113.5" }, undefined, false),
      error(/^got an object with properties ip; fromAws accepts/),
    );
    assert.throws(
      () => recognise(awsRules, { ip: "x" }, "my:index:Server", false),
      error(/^got a my:index:Server resource \(an object with properties ip\)/),
    );
  });
  it("wants a region source unless the region option is given", () => {
    assert.throws(
      () => recognise(awsRules, { publicIp: "203.0.113.5" }, undefined, false),
      error(
        /read as ec2.Instance, with none of region, arn, availabilityZone to derive its region from; add one, or pass \{ region \} to fromAws/,
      ),
    );
    assert.equal(recognise(awsRules, { publicIp: "203.0.113.5" }, undefined, true), awsInstanceRules);
  });
  it("treats a property set to undefined as absent", () => {
    assert.throws(() => recognise(awsRules, { publicIp: undefined, region: "us-east-1" }, undefined, false), error(/fromAws accepts/));
  });
});

describe("adapter rules: describeValue", () => {
  it("describes values briefly", () => {
    assert.equal(describeValue("x"), '"x"');
    assert.equal(describeValue(3), "number 3");
    assert.equal(describeValue(null), "null");
    assert.equal(describeValue({ a: 1, __hidden: 2 }), "an object with properties a");
    assert.equal(
      describeValue(Object.fromEntries("abcdefghij".split("").map((k) => [k, 1]))),
      "an object with properties a, b, c, d, e, f, g, h, ...",
    );
  });
});
