// Type-level test, checked by `npm run typecheck` (tsc) and never run: each real SDK class is
// accepted by its adapter without a cast, and the adapters' results are accepted by
// OriginCloudRegionMappings next to plain mappings. A property renamed or retyped in an SDK turns
// into a compile error here.
import type { Eip } from "@pulumi/aws/ec2/eip";
import type { Instance as AwsInstance } from "@pulumi/aws/ec2/instance";
import type { PublicIPAddress } from "@pulumi/azure-native/network/publicIPAddress";
import type { Address } from "@pulumi/gcp/compute/address";
import type { Instance as GcpInstance } from "@pulumi/gcp/compute/instance";
import type { Instance as OciInstance } from "@pulumi/oci/core/instance";
import type { PublicIp } from "@pulumi/oci/core/publicIp";
import type * as pulumi from "@pulumi/pulumi";
import { fromAws, fromAzure, fromGcp, fromOci } from "../../provider";
import type { Mapping, OriginCloudRegionMappingsArgs } from "../../provider";
import type { ClassicVirtualMachineShape } from "../support/azure-classic-shapes";

declare const awsInstance: AwsInstance;
declare const eip: Eip;
declare const gcpInstance: GcpInstance;
declare const address: Address;
declare const publicIpAddress: PublicIPAddress;
declare const ociInstance: OciInstance;
declare const ociPublicIp: PublicIp;
declare const classicVm: ClassicVirtualMachineShape;
/** @pulumi/azure 6.40.0 `network.PublicIp`, as far as fromAzure reads it (copied from its .d.ts; not installed). */
declare const classicPublicIp: {
  readonly ipAddress: pulumi.Output<string>;
  readonly location: pulumi.Output<string>;
  readonly name: pulumi.Output<string>;
};

// One resource, a list, a mixed list of one cloud's kinds, and the region option.
export const each: Array<pulumi.Output<Mapping[]>> = [
  fromAws(awsInstance),
  fromAws(eip),
  fromAws([awsInstance, eip], { region: "us-east-1" }),
  fromGcp(gcpInstance),
  fromGcp([gcpInstance, address]),
  fromAzure(publicIpAddress),
  fromAzure([publicIpAddress, classicVm, classicPublicIp], { region: awsInstance.region }),
  fromOci(ociInstance),
  fromOci([ociInstance, ociPublicIp]),
];

// What OriginCloudRegionMappings accepts: adapter results next to plain mappings.
export const args: OriginCloudRegionMappingsArgs = {
  zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
  mappings: [
    fromAws([awsInstance, eip]),
    { ip: awsInstance.publicIp, vendor: "aws", region: "us-east-1" },
    fromOci(ociPublicIp),
    [{ ip: "192.0.2.1", vendor: "gcp", region: "us-east1" }],
  ],
};

// Resources of the wrong cloud whose shape cannot fit are refused by the compiler already. Those
// that do fit (an AWS instance given to fromOci, an OCI public IP given to fromAzure) are refused
// by their type token when the adapter is called: see test/adapters/under-mocks.spec.ts.
// @ts-expect-error an AWS instance has no networkInterfaces or address
fromGcp(awsInstance);
// @ts-expect-error a GCP instance has no publicIp
fromAws(gcpInstance);
// @ts-expect-error an Azure public IP has no publicIp
fromOci(publicIpAddress);
// @ts-expect-error a vendor is not a mapping list element
export const wrong: OriginCloudRegionMappingsArgs = { zoneId: "z", mappings: [fromAws(awsInstance), "aws"] };
