import type * as pulumi from "@pulumi/pulumi";
import type { Mapping } from "../core/types";
import type { AdapterOptions } from "./adapter";
import { adapt } from "./adapter";
import { ociRules } from "./rules/oci";

/** The outputs of an @pulumi/oci `core.Instance` that {@link fromOci} reads. */
export interface OciInstanceLike {
  /** The public IPv4 address of the primary VNIC; empty when it has none. */
  publicIp: pulumi.Input<string>;
  /** The region: `iad` and `phx` for the two oldest regions, the full id for the others. */
  region?: pulumi.Input<string>;
  /** The instance's OCID, whose 4th field is the region; read when `region` is absent. */
  id?: pulumi.Input<string>;
}

/** The outputs of an @pulumi/oci `core.PublicIp` that {@link fromOci} reads. */
export interface OciPublicIpLike {
  /** The public IPv4 address. */
  ipAddress: pulumi.Input<string>;
  /** The public IP's OCID: `ocid1.publicip.oc1.<region>.<unique id>`. */
  id: pulumi.Input<string>;
}

/**
 * The mappings of OCI instances and reserved public IPs: one `{ ip, vendor: "oci", region }` per
 * public address. The region is the instance's `region` (or the public IP's OCID region field), with
 * the API's short forms expanded: `iad` → `us-ashburn-1`, `phx` → `us-phoenix-1`.
 *
 * @example
 * new OriginCloudRegionMappings("origins", { zoneId, mappings: [fromOci(instances)] });
 */
export function fromOci(
  resources: OciInstanceLike | OciPublicIpLike | ReadonlyArray<OciInstanceLike | OciPublicIpLike>,
  options?: AdapterOptions,
): pulumi.Output<Mapping[]> {
  return adapt(ociRules, resources, options);
}
