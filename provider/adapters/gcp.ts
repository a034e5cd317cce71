import type * as pulumi from "@pulumi/pulumi";
import type { Mapping } from "../core/types";
import type { AdapterOptions } from "./adapter";
import { adapt } from "./adapter";
import { gcpRules } from "./rules/gcp";

/** One network interface of a GCP instance, as far as {@link fromGcp} reads it. */
export interface GcpNetworkInterfaceLike {
  /** External IPv4 access: `natIp` is the public address. */
  accessConfigs?: ReadonlyArray<{ natIp?: pulumi.Input<string> }>;
  /** External IPv6 access: `externalIpv6` is the public address. */
  ipv6AccessConfigs?: ReadonlyArray<{ externalIpv6?: pulumi.Input<string> }>;
}

/** The outputs of an @pulumi/gcp `compute.Instance` that {@link fromGcp} reads. */
export interface GcpInstanceLike {
  /** Every network interface; each may have external IPv4 and IPv6 access. */
  networkInterfaces: pulumi.Input<readonly GcpNetworkInterfaceLike[]>;
  /** The zone name (`us-central1-a`) or its self link. */
  zone: pulumi.Input<string>;
}

/** The outputs of an @pulumi/gcp `compute.Address` that {@link fromGcp} reads. */
export interface GcpAddressLike {
  /** The reserved IP address. */
  address: pulumi.Input<string>;
  /** `EXTERNAL` (the default when unset) or `INTERNAL`; internal addresses contribute nothing. */
  addressType?: pulumi.Input<string | undefined>;
  /** The region name (`us-central1`) or its self link. */
  region: pulumi.Input<string>;
}

/**
 * The mappings of GCP instances and regional addresses: one `{ ip, vendor: "gcp", region }` per
 * external IPv4 (`accessConfigs[].natIp`) and IPv6 (`ipv6AccessConfigs[].externalIpv6`) address of
 * every network interface, or per EXTERNAL address. An instance's region is its zone's first two
 * hyphen-separated parts (`us-central1-a` → `us-central1`).
 *
 * @example
 * new OriginCloudRegionMappings("origins", { zoneId, mappings: [fromGcp(instances)] });
 */
export function fromGcp(
  resources: GcpInstanceLike | GcpAddressLike | ReadonlyArray<GcpInstanceLike | GcpAddressLike>,
  options?: AdapterOptions,
): pulumi.Output<Mapping[]> {
  return adapt(gcpRules, resources, options);
}
