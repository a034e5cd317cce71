// A stand-in for a fleet of origin VMs: a tiny dynamic resource whose public IPs only become known
// when it is created, exactly like the `publicIp` output of a real VM. It talks to nothing.
//
// Addresses are deterministic and come from the documentation ranges (RFC 5737 and RFC 3849):
// 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32. Every fifth server gets an IPv6
// address (unless `ipv6: false`). Growing `count` keeps the addresses of the existing servers; a
// different `seed` gives a different (shifted) set, so fleets with different seeds do not overlap
// while each has at most 97 IPv4 addresses (121 servers with IPv6, 97 without).
import * as pulumi from "@pulumi/pulumi";

export interface SimulatedOriginServersArgs {
  /** Number of servers (at most 600). */
  count: pulumi.Input<number>;
  /** Shifts the address plan; defaults to 0. */
  seed?: pulumi.Input<number>;
  /** Whether every fifth server gets an IPv6 address instead of an IPv4 one; defaults to true. */
  ipv6?: pulumi.Input<boolean>;
}

interface SimulatedInputs {
  count: number;
  seed: number;
  ipv6: boolean;
}

interface SimulatedOutputs extends SimulatedInputs {
  ips: string[];
}

// Everything the provider uses lives inside the object, so the serialized closure is self-contained.
const simulatedOriginsProvider: pulumi.dynamic.ResourceProvider = {
  async check(_olds: SimulatedInputs, news: SimulatedInputs) {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const count = news.count;
    if (typeof count === "number" && (!Number.isInteger(count) || count < 0 || count > 600)) {
      failures.push({ property: "count", reason: `count must be an integer from 0 to 600, got ${count}` });
    }
    const seed = news.seed ?? 0;
    if (typeof seed === "number" && (!Number.isInteger(seed) || seed < 0)) {
      failures.push({ property: "seed", reason: `seed must be a non-negative integer, got ${seed}` });
    }
    return { inputs: { ...news, seed, ipv6: news.ipv6 ?? true }, failures };
  },

  async diff(_id: string, olds: SimulatedOutputs, news: SimulatedInputs) {
    return { changes: olds.count !== news.count || olds.seed !== news.seed || (olds.ipv6 ?? true) !== news.ipv6 };
  },

  async create(inputs: SimulatedInputs) {
    const outs = simulate(inputs);
    return { id: `simulated-${inputs.seed}-${inputs.count}`, outs };
  },

  async update(_id: string, _olds: SimulatedOutputs, news: SimulatedInputs) {
    return { outs: simulate(news) };
  },

  async read(id: string, props: SimulatedOutputs) {
    return { id, props, inputs: { count: props.count, seed: props.seed, ipv6: props.ipv6 ?? true } };
  },

  async delete() {
    // Nothing to remove: the servers only exist in this resource's state.
  },
};

function simulate(inputs: SimulatedInputs): SimulatedOutputs {
  const v4Blocks = ["192.0.2", "198.51.100", "203.0.113"];
  const v4PoolSize = v4Blocks.length * 254; // host addresses .1 to .254 of each block
  const ips: string[] = [];
  let v4Index = 0;
  for (let i = 0; i < inputs.count; i++) {
    if (inputs.ipv6 && i % 5 === 4) {
      ips.push(`2001:db8:${(0x100 + inputs.seed).toString(16)}::${(i + 1).toString(16)}`);
    } else {
      const n = (inputs.seed * 97 + v4Index++) % v4PoolSize;
      ips.push(`${v4Blocks[Math.floor(n / 254)]}.${(n % 254) + 1}`);
    }
  }
  return { count: inputs.count, seed: inputs.seed, ipv6: inputs.ipv6, ips };
}

/** `count` simulated origin servers; `ips` is unknown until the resource is created. */
export class SimulatedOriginServers extends pulumi.dynamic.Resource {
  declare public readonly count: pulumi.Output<number>;
  declare public readonly seed: pulumi.Output<number>;
  declare public readonly ipv6: pulumi.Output<boolean>;
  /** One public IP per server, in server order. */
  declare public readonly ips: pulumi.Output<string[]>;

  constructor(name: string, args: SimulatedOriginServersArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      simulatedOriginsProvider,
      name,
      { count: args.count, seed: args.seed ?? 0, ipv6: args.ipv6 ?? true, ips: undefined },
      opts,
      "examples",
      "SimulatedOriginServers",
    );
  }
}
