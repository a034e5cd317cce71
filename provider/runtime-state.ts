/**
 * Per-instance runtime state (config, client, caches) of the provider, kept outside the object.
 */
import type { CloudflareClient } from "./cloudflare/client";
import type { SupportedRegions } from "./inputs";
import type { ConfigReader, Settings } from "./settings";

export interface Session {
  settings: Settings;
  client: CloudflareClient | undefined;
  regions: Map<string, Promise<SupportedRegions>>;
}

export interface RuntimeState {
  config: ConfigReader | undefined;
  session: Session | undefined;
}

/**
 * Per-instance runtime state (config, client, caches) is kept outside the object, in a registry on
 * `globalThis`, which the closure serializer never captures: whatever happens to an instance, its
 * serialized form cannot hold a token or a connection pool.
 */
export function runtimeState(provider: object): RuntimeState {
  const registries = globalThis as unknown as Record<symbol, WeakMap<object, RuntimeState> | undefined>;
  const key = Symbol.for("pulumi-cloudflare-origin-cloud-regions/runtime-state");
  const registry = (registries[key] ??= new WeakMap());
  let state = registry.get(provider);
  if (!state) {
    state = { config: undefined, session: undefined };
    registry.set(provider, state);
  }
  return state;
}
