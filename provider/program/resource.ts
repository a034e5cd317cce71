import * as pulumi from "@pulumi/pulumi";
import { OriginCloudRegionMappingsProvider } from "../host/stored-provider";
import { loadMappings } from "../core/state-shape";
import type { MappingSet, Vendor } from "../core/types";
import { claimExclusiveZone } from "./zone-claims";

/** One origin server's mapping, as declared in a program. */
export interface OriginCloudRegionMappingArgs {
  /**
   * The origin's public IP: dotted-quad IPv4 or IPv6, one address (no CIDR, no zone index). It is
   * canonicalized (RFC 5952) before comparing and storing, so `2001:DB8:0::1` and `2001:db8::1` are
   * the same mapping.
   * @example "203.0.113.10"
   */
  ip: pulumi.Input<string>;
  /**
   * The cloud vendor hosting the origin.
   * @example "aws"
   */
  vendor: pulumi.Input<Vendor>;
  /**
   * The vendor's region id; checked against the zone's `supported_regions` during preview when a
   * token is configured.
   * @example "us-east-1"
   */
  region: pulumi.Input<string>;
}

/** Arguments of {@link OriginCloudRegionMappings}. */
export interface OriginCloudRegionMappingsArgs {
  /**
   * The zone id: 32 hexadecimal characters. Changing it replaces the resource, deleting the
   * mappings from the old zone before creating them in the new one.
   * @example "023e105f4ecef8ad9ca31a8372d0c353"
   */
  zoneId: pulumi.Input<string>;
  /**
   * Every mapping this resource owns, at most 3,500 (the zone limit). Each IP may appear once. An
   * element may also be a list of mappings, such as what `fromAws`, `fromGcp`, `fromAzure` and
   * `fromOci` return; nested lists are flattened, and failures name positions like `mappings[2][1].ip`.
   * @example [{ ip: "203.0.113.10", vendor: "aws", region: "us-east-1" }, fromGcp(instances)]
   */
  mappings: pulumi.Input<Array<pulumi.Input<OriginCloudRegionMappingArgs> | pulumi.Input<pulumi.Input<OriginCloudRegionMappingArgs>[]>>>;
  /**
   * Take over mappings that already exist in the zone for declared IPs when the resource is
   * created. Without it, creation fails naming those IPs and writes nothing.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * Own the zone's whole mapping set: `up` removes every mapping the zone holds that is not declared
   * here (preview lists them first), `refresh` reports such mappings as drift, and creation takes
   * over declared IPs without `adopt`. At most one exclusive resource per zone in a program; a second
   * one fails preview. Use it when this stack is the only writer of the zone's mappings.
   * @default false
   */
  exclusive?: pulumi.Input<boolean>;
  /**
   * This resource's Cloudflare API token, for a zone of another account than the stack's token
   * serves. Stored only as a Pulumi secret (ciphertext in the state, even when given as a plain
   * string) and used by every step of this resource, `refresh` and `destroy` included; a rotated
   * token takes effect at the next `pulumi up`. Not together with `apiTokenEnvVar`.
   * @example config.requireSecret("stagingToken")
   */
  apiToken?: pulumi.Input<string>;
  /**
   * The name of an environment variable holding this resource's token, read at run time by every
   * step (`refresh` and `destroy` included). Only the name is stored: rotating the token means
   * setting the variable to the new one. Unset or empty fails preview. Not together with `apiToken`.
   * @example "CLOUDFLARE_STAGING_TOKEN"
   */
  apiTokenEnvVar?: string;
}

let sharedProvider: OriginCloudRegionMappingsProvider | undefined;

/**
 * A set of Cloudflare origin cloud-region mappings in one zone (the `origin_public_cloud_region`
 * cache setting), managed in batch calls of at most 100 items.
 *
 * @example
 * new OriginCloudRegionMappings("origins", {
 *   zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *   mappings: servers.map((s) => ({ ip: s.publicIp, vendor: "aws", region: "us-east-1" })),
 * });
 */
export class OriginCloudRegionMappings extends pulumi.dynamic.Resource {
  /** The zone id, lowercase. */
  declare public readonly zoneId: pulumi.Output<string>;
  /** The mappings now applied, keyed by canonical IP. */
  declare public readonly mappings: pulumi.Output<MappingSet>;
  /** Whether existing mappings were taken over at creation. */
  declare public readonly adopt: pulumi.Output<boolean>;
  /** Whether the resource owns the zone's whole mapping set. */
  declare public readonly exclusive: pulumi.Output<boolean>;
  /** When the zone's mapping set last changed, as reported by Cloudflare (null when unknown). */
  declare public readonly modifiedOn: pulumi.Output<string | null>;
  /**
   * The Cloudflare endpoint family the last successful step used: `"v2"` (`/origin/cloud_regions`) or
   * `"v1"` (`/cache/origin_cloud_regions`). See the `originCloudRegions:apiFamily` setting.
   */
  declare public readonly apiFamily: pulumi.Output<"v1" | "v2" | null>;

  constructor(name: string, args: OriginCloudRegionMappingsArgs, opts?: pulumi.CustomResourceOptions) {
    // One provider instance for every resource: its serialization is computed once.
    sharedProvider ??= new OriginCloudRegionMappingsProvider();
    const exclusive = args.exclusive ?? false;
    // An exclusive resource claims its zone once the id is known (at preview for a plain id), so two
    // of them for one zone fail the program before anything is written.
    const zoneId = pulumi.all([args.zoneId, exclusive]).apply(([zone, isExclusive]) => {
      try {
        if (isExclusive === true && typeof zone === "string") claimExclusiveZone(zone, name);
      } catch (error) {
        // RunError: Pulumi prints the message alone, without a stack trace or the program's source.
        throw new pulumi.RunError((error as Error).message);
      }
      return zone;
    });
    super(
      sharedProvider,
      name,
      // `__label` lets the provider name the resource in what it prints: Pulumi shows a dynamic
      // provider's output under the stack, not the resource. Keys starting with `__` are not displayed.
      // (Not `__name`: every prop becomes a property of this object, and Resource keeps its name there.)
      {
        zoneId,
        mappings: args.mappings,
        adopt: args.adopt ?? false,
        exclusive,
        __label: name,
        modifiedOn: undefined,
        apiFamily: undefined,
        implVersion: undefined,
        // A secret whatever the caller passed: the state holds ciphertext, never the token.
        ...(args.apiToken === undefined ? {} : { apiToken: pulumi.secret(args.apiToken) }),
        ...(args.apiTokenEnvVar === undefined ? {} : { apiTokenEnvVar: args.apiTokenEnvVar }),
      },
      // The outputs carry the token too (destroy and refresh receive only them): kept secret there as well.
      args.apiToken === undefined ? opts : { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "apiToken"] },
      "cloudflare",
      "OriginCloudRegionMappings",
    );
    // The state stores each mapping as one "<vendor>/<region>" string (see StoredMappings): the
    // output users see is the objects.
    this.mappings = (this.mappings as pulumi.Output<unknown>).apply((stored) => loadMappings(stored) ?? {});
  }
}
