/**
 * The wiring every adapter shares: recognise each resource when the adapter is called, resolve the
 * outputs its rules read, and apply the pure rules (./rules) once they are known. During a preview
 * of resources not created yet the result is unknown, and OriginCloudRegionMappings shows it as
 * pending. This runs in the user's program, never inside the serialized provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Mapping } from "../core/types";
import { AdapterInputError } from "./rules/errors";
import { droppedWarning } from "./rules/addresses";
import { combinedMappings, mappingsOf } from "./rules/mappings";
import type { CloudRules } from "./rules/resource-rules";
import { recognise } from "./rules/resource-rules";

/** Options every adapter takes. */
export interface AdapterOptions {
  /**
   * The vendor's region id for every resource passed, instead of the one derived from the resource.
   * @example "us-east-1"
   */
  region?: pulumi.Input<string>;
}

/** Maps one resource or a list of them, the common body of `fromAws`, `fromGcp`, `fromAzure` and `fromOci`. */
export function adapt(cloud: CloudRules, resources: unknown, options: AdapterOptions | undefined): pulumi.Output<Mapping[]> {
  const list: readonly unknown[] = Array.isArray(resources) ? resources : [resources];
  const override = options?.region;
  const perResource = list.map((resource, index) => {
    const where = describeResource(cloud, resource, Array.isArray(resources) ? index : undefined);
    const token = pulumi.Resource.isInstance(resource) ? pulumi.resourceType(resource) : undefined;
    const rules = withContext(where, () => recognise(cloud, resource, token, override !== undefined));
    const source = resource as Record<string, unknown>;
    const props: Record<string, unknown> = {};
    for (const key of rules.properties) props[key] = source[key];
    return pulumi.output({ props, override }).apply(({ props: resolved, override: region }) => {
      const { mappings, warnings, dropped } = withContext(where, () => mappingsOf(cloud.vendor, rules, resolved, region));
      const on = pulumi.Resource.isInstance(resource) ? resource : undefined;
      for (const warning of warnings) void pulumi.log.warn(`${where}: ${warning}`, on);
      return { mappings, dropped: dropped.map((d) => ({ ...d, where })) };
    });
  });
  return pulumi.all(perResource).apply((results) => {
    // One warning per call, however many resources dropped addresses: a list of 300 VMs on private
    // networks must not print 300 lines.
    const warning = droppedWarning(
      cloud.adapter,
      results.flatMap((r) => r.dropped),
    );
    if (warning !== undefined) void pulumi.log.warn(warning);
    return combinedMappings(results.map((r) => r.mappings));
  });
}

/** `fromAws(resources[2], aws:ec2/instance:Instance "web")`: enough to find the resource in the program. */
function describeResource(cloud: CloudRules, resource: unknown, index: number | undefined): string {
  const position = index === undefined ? "resource" : `resources[${index}]`;
  if (!pulumi.Resource.isInstance(resource)) return `${cloud.adapter}(${position})`;
  let name = "";
  try {
    name = ` ${JSON.stringify(pulumi.resourceName(resource))}`;
  } catch {
    // A resource built by an older @pulumi/pulumi has no recorded name; its type is enough.
  }
  return `${cloud.adapter}(${position}, ${pulumi.resourceType(resource)}${name})`;
}

/** Prefixes an AdapterInputError's message with the adapter and resource it is about. */
function withContext<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (error: unknown) {
    if (error instanceof AdapterInputError) throw new AdapterInputError(`${where}: ${error.message}`);
    throw error;
  }
}
