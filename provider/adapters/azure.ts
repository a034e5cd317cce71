import type * as pulumi from "@pulumi/pulumi";
import type { Mapping } from "../core/types";
import type { AdapterOptions } from "./adapter";
import { adapt } from "./adapter";
import { azureRules } from "./rules/azure";

/** The outputs of a public IP resource that {@link fromAzure} reads: azure-native `network.PublicIPAddress`, classic `network.PublicIp`. */
export interface AzurePublicIpLike {
  /** The allocated address; empty until a dynamic address is assigned. */
  ipAddress: pulumi.Input<string | undefined>;
  /** `eastus` or `East US`. */
  location?: pulumi.Input<string | undefined>;
}

/** The outputs of a classic `compute.LinuxVirtualMachine` or `compute.WindowsVirtualMachine` that {@link fromAzure} reads. */
export interface AzureVirtualMachineLike {
  /** Every public address of the VM's network interfaces. */
  publicIpAddresses: pulumi.Input<readonly string[]>;
  /** The primary public address. */
  publicIpAddress?: pulumi.Input<string>;
  /** `eastus` or `East US`. */
  location: pulumi.Input<string>;
}

/**
 * The mappings of Azure public IPs and virtual machines: one `{ ip, vendor: "azure", region }` per
 * public address, the region being the location lower-cased with spaces removed (`East US` → `eastus`).
 *
 * @example
 * new OriginCloudRegionMappings("origins", { zoneId, mappings: [fromAzure(publicIps)] });
 */
export function fromAzure(
  resources: AzurePublicIpLike | AzureVirtualMachineLike | ReadonlyArray<AzurePublicIpLike | AzureVirtualMachineLike>,
  options?: AdapterOptions,
): pulumi.Output<Mapping[]> {
  return adapt(azureRules, resources, options);
}
