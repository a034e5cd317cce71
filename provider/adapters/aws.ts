import type * as pulumi from "@pulumi/pulumi";
import type { Mapping } from "../core/types";
import type { AdapterOptions } from "./adapter";
import { adapt } from "./adapter";
import { awsRules } from "./rules/aws";

/** The outputs of an @pulumi/aws `ec2.Instance` that {@link fromAws} reads. */
export interface AwsInstanceLike {
  /** The public IPv4 address; empty when the instance has none. */
  publicIp: pulumi.Input<string>;
  /** Every IPv6 address of the primary network interface (all of them are globally routable). */
  ipv6Addresses?: pulumi.Input<readonly string[]>;
  /** The region (provider v7 and later). */
  region?: pulumi.Input<string>;
  /** `arn:aws:ec2:<region>:<account>:instance/<id>`, read when `region` is absent. */
  arn?: pulumi.Input<string>;
  /** `us-east-1a`, or a Local Zone (`us-west-2-lax-1a`) or Wavelength Zone (`us-east-1-wl1-bos-wlz-1`). */
  availabilityZone?: pulumi.Input<string>;
}

/** The outputs of an @pulumi/aws `ec2.Eip` that {@link fromAws} reads. */
export interface AwsEipLike {
  /** The Elastic IP address. */
  publicIp: pulumi.Input<string>;
  /** The region (provider v7 and later). */
  region?: pulumi.Input<string>;
  /** `arn:aws:ec2:<region>:<account>:elastic-ip/<allocation id>`, read when `region` is absent. */
  arn?: pulumi.Input<string>;
  /** Where the address is announced from: the region, or a Local or Wavelength Zone's group. */
  networkBorderGroup?: pulumi.Input<string>;
}

/**
 * The mappings of AWS instances and Elastic IPs: one `{ ip, vendor: "aws", region }` per public IPv4
 * and IPv6 address. The region is `region`, else the region field of `arn`, else the region of
 * `availabilityZone`; an instance in a Local or Wavelength Zone (or an Elastic IP announced from
 * one) maps to the parent region, with a warning on the resource. Instances without a public
 * address contribute nothing.
 *
 * @example
 * new OriginCloudRegionMappings("origins", { zoneId, mappings: [fromAws([web, api, eip])] });
 */
export function fromAws(
  resources: AwsInstanceLike | AwsEipLike | ReadonlyArray<AwsInstanceLike | AwsEipLike>,
  options?: AdapterOptions,
): pulumi.Output<Mapping[]> {
  return adapt(awsRules, resources, options);
}
