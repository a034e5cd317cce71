// A stand-in for @pulumi/cloudflare's `cloudflare.OriginCloudRegion`: one resource per origin IP, with
// the same arguments (zoneId, originIp, vendor, region), writing one mapping per call through the
// single-IP endpoint. Just enough of a provider for the migration test; not for real use.
import * as pulumi from "@pulumi/pulumi";
import { SINGLE_IP_ENDPOINT } from "./single-ip-endpoint";
import type { SingleIpCall } from "./single-ip-endpoint";

export interface OriginCloudRegionArgs {
  zoneId: pulumi.Input<string>;
  originIp: pulumi.Input<string>;
  vendor: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

interface State {
  zoneId: string;
  originIp: string;
  vendor: string;
  region: string;
}

interface ConfigReader {
  get(key: string): string | undefined;
}

/** Sends one call with the stack's `cloudflare:apiToken` to `cloudflare:baseUrl`; throws on failure. */
async function send(config: ConfigReader | undefined, call: SingleIpCall): Promise<void> {
  const baseUrl = config?.get("cloudflare:baseUrl");
  const token = config?.get("cloudflare:apiToken");
  if (!baseUrl || !token) throw new Error("the stand-in needs cloudflare:baseUrl and cloudflare:apiToken in the stack config");
  const response = await fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${call.method} ${call.path} failed (${response.status}): ${text.slice(0, 300)}`);
}

// The config arrives through configure() inside the provider host, after deserialization, so the
// serialized object never holds it.
const provider: pulumi.dynamic.ResourceProvider & { config?: ConfigReader } = {
  async configure(req: pulumi.dynamic.ConfigureRequest) {
    this.config = req.config;
  },
  async create(inputs: State) {
    await send(
      this.config,
      SINGLE_IP_ENDPOINT.upsert(inputs.zoneId, { ip: inputs.originIp, vendor: inputs.vendor, region: inputs.region }),
    );
    return { id: `${inputs.zoneId}/${inputs.originIp}`, outs: inputs };
  },
  async diff(_id: string, olds: State, news: State) {
    const replaces = (["zoneId", "originIp"] as const).filter((k) => olds[k] !== news[k]);
    return {
      changes: replaces.length > 0 || olds.vendor !== news.vendor || olds.region !== news.region,
      replaces,
      deleteBeforeReplace: true,
    };
  },
  async update(_id: string, _olds: State, news: State) {
    await send(this.config, SINGLE_IP_ENDPOINT.upsert(news.zoneId, { ip: news.originIp, vendor: news.vendor, region: news.region }));
    return { outs: news };
  },
  async delete(_id: string, props: State) {
    await send(this.config, SINGLE_IP_ENDPOINT.remove(props.zoneId, props.originIp));
  },
};

/** One origin cloud-region mapping, like `cloudflare.OriginCloudRegion`. */
export class OriginCloudRegion extends pulumi.dynamic.Resource {
  constructor(name: string, args: OriginCloudRegionArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args }, opts, "standin", "OriginCloudRegion");
  }
}
