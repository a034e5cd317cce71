/**
 * The dynamic provider behind `OriginCloudRegionMappings`. Each lifecycle step and the HTTP calls it
 * makes (v1 family, `/zones/{zone_id}/cache/origin_cloud_regions`):
 *
 *   check   GET  .../supported_regions (once per zone per process, only with a token)
 *   diff    none
 *   create  GET  ...                   then PATCH .../batch per 100 mappings
 *   read    GET  ...
 *   update  DELETE .../batch per 100 removed IPs, PATCH .../batch per 100 new or changed mappings
 *   delete  DELETE .../batch per 100 owned IPs (a GET only when some IP was refused)
 *
 * This object is serialized into the state as a closure and rebuilt inside the provider host, so
 * it holds nothing at construction time: credentials arrive through `configure` (or the
 * environment) and the HTTP client is built on first use. `@pulumi/pulumi` is imported for types only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CloudflareClient } from "./cloudflare/client";
import { createCloudflareClient } from "./cloudflare/client";
import { hasErrorCode, messageOf } from "./cloudflare/errors";
import { executePlan, failureLines } from "./execute";
import type { Execution } from "./execute";
import type { CheckFailure, SupportedRegions } from "./inputs";
import { checkInputs, checkRegions, isPlaceholderKey } from "./inputs";
import { plan, sameSet, toSet } from "./plan";
import type { ConfigReader, Settings } from "./settings";
import { missingTokenError, resolveSettings } from "./settings";
import type { MappingSet } from "./types";
import { UNKNOWN } from "./types";

/** The resource's outputs as stored in state. */
export interface MappingsOutputs {
  zoneId: string;
  mappings: MappingSet;
  adopt: boolean;
  modifiedOn: string | null;
}

interface Session {
  settings: Settings;
  client: CloudflareClient | undefined;
  regions: Map<string, Promise<SupportedRegions>>;
}

/** The error shape the dynamic provider host records as a partially applied resource. */
type PartialFailure = Error & { id: string; properties: Record<string, unknown>; reasons: string[] };

interface RuntimeState {
  config: ConfigReader | undefined;
  session: Session | undefined;
}

/**
 * Per-instance runtime state (config, client, caches) is kept outside the object, in a registry on
 * `globalThis`, which the closure serializer never captures: whatever happens to an instance, its
 * serialized form cannot hold a token or a connection pool.
 */
function runtimeState(provider: object): RuntimeState {
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

export class OriginCloudRegionMappingsProvider implements pulumi.dynamic.ResourceProvider {
  /** Receives the stack config (decrypted); read lazily so a bad value fails the step that needs it. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const state = runtimeState(this);
    state.config = req.config;
    state.session = undefined;
  }

  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    this.currentSession(); // a bad endpoint setting fails preview, before anything else
    const checked = checkInputs(news);
    let failures: CheckFailure[] = checked.failures;
    const zoneId = checked.inputs.zoneId;
    if (failures.length === 0 && zoneId !== UNKNOWN && checked.declared.length > 0) {
      const supported = await this.supportedRegions(zoneId);
      if (supported) failures = checkRegions(checked.declared, supported);
    }
    return { inputs: { ...checked.inputs }, failures };
  }

  async diff(_id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const zoneId = news["zoneId"];
    if (zoneId !== UNKNOWN && zoneId !== olds.zoneId) {
      return { changes: true, replaces: ["zoneId"], deleteBeforeReplace: true };
    }
    const mappings = news["mappings"];
    if (zoneId === UNKNOWN || !isKnownMappingSet(mappings)) return { changes: true };
    return { changes: !sameSet(ownedMappings(olds), mappings) };
  }

  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<MappingsOutputs>> {
    const { zoneId, mappings, adopt } = knownInputs(inputs);
    const client = this.client();
    const live = await client.listMappings(zoneId);
    const taken = live.mappings.filter((m) => m.ip in mappings);
    if (taken.length > 0 && !adopt) {
      const list = taken.map((m) => `${m.ip} (${m.vendor}/${m.region})`).join(", ");
      throw new Error(
        `Zone ${zoneId} already has mappings for ${taken.length} declared IP(s): ${list}. ` +
          "Nothing was written. Set `adopt: true` to take them over, or remove them from the resource.",
      );
    }
    const run = await executePlan(client, zoneId, {}, plan({}, mappings));
    const outs: MappingsOutputs = { zoneId, mappings: run.applied, adopt, modifiedOn: run.modifiedOn ?? live.modifiedOn };
    if (isComplete(run)) return { id: zoneId, outs };
    if (Object.keys(run.applied).length === 0) throw summaryError("create", zoneId, run, Object.keys(mappings).length);
    throw partialFailure(zoneId, outs, inputs["__provider"], run, Object.keys(mappings).length);
  }

  async read(id: string, props: MappingsOutputs): Promise<pulumi.dynamic.ReadResult<MappingsOutputs>> {
    const owned = ownedMappings(props);
    const live = await this.client().listMappings(props.zoneId);
    const current = toSet(live.mappings.filter((m) => m.ip in owned));
    return { id, props: { ...props, mappings: current, modifiedOn: live.modifiedOn } };
  }

  async update(id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult<MappingsOutputs>> {
    const { zoneId, mappings, adopt } = knownInputs(news);
    const current = ownedMappings(olds);
    const run = await executePlan(this.client(), zoneId, current, plan(current, mappings));
    const outs: MappingsOutputs = { zoneId, mappings: run.applied, adopt, modifiedOn: run.modifiedOn ?? olds.modifiedOn ?? null };
    if (isComplete(run)) return { outs };
    throw partialFailure(id, outs, news["__provider"], run, Object.keys(mappings).length);
  }

  async delete(_id: string, props: MappingsOutputs): Promise<void> {
    const owned = ownedMappings(props);
    const run = await executePlan(this.client(), props.zoneId, owned, plan(owned, {}));
    if (!isComplete(run)) throw summaryError("delete", props.zoneId, run, Object.keys(owned).length);
  }

  private currentSession(): Session {
    const state = runtimeState(this);
    state.session ??= { settings: resolveSettings(state.config, process.env), client: undefined, regions: new Map() };
    return state.session;
  }

  private client(): CloudflareClient {
    const session = this.currentSession();
    if (!session.client) {
      const { token, baseUrl } = session.settings;
      if (token === undefined) throw missingTokenError();
      session.client = createCloudflareClient({
        baseUrl,
        token,
        onRetry: (r) => console.log(`Retrying ${r.action} in ${r.delayMs} ms (attempt ${r.attempt} failed: ${r.reason})`),
      });
    }
    return session.client;
  }

  /**
   * The zone's supported regions, fetched once per zone per process. Without a token the check is
   * skipped (preview still validates everything else); an auth failure is reported, since every
   * later step would fail the same way; other failures skip the check and the API judges each item.
   */
  private async supportedRegions(zoneId: string): Promise<SupportedRegions | undefined> {
    const session = this.currentSession();
    if (session.settings.token === undefined) return undefined;
    let pending = session.regions.get(zoneId);
    if (!pending) {
      pending = this.client().supportedRegions(zoneId);
      session.regions.set(zoneId, pending);
    }
    try {
      return await pending;
    } catch (error) {
      session.regions.delete(zoneId);
      if (hasErrorCode(error, "CF_AUTH")) throw error;
      console.log(`Skipping the supported-regions check for zone ${zoneId}: ${messageOf(error)}`);
      return undefined;
    }
  }
}

function isMappingSet(value: unknown): value is MappingSet {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A mapping set every IP of which is known: not the unknown sentinel, no placeholder key. */
function isKnownMappingSet(value: unknown): value is MappingSet {
  return isMappingSet(value) && !Object.keys(value).some(isPlaceholderKey);
}

/** The mappings recorded in state; tolerant of state written before any mapping was applied. */
function ownedMappings(outs: Partial<MappingsOutputs> | undefined): MappingSet {
  return isMappingSet(outs?.mappings) ? outs.mappings : {};
}

/** create and update only ever run with known values; anything else is a bug worth a clear message. */
function knownInputs(inputs: Record<string, unknown>): { zoneId: string; mappings: MappingSet; adopt: boolean } {
  const { zoneId, mappings, adopt } = inputs;
  if (typeof zoneId !== "string" || zoneId === UNKNOWN || !isKnownMappingSet(mappings)) {
    throw new Error("OriginCloudRegionMappings received inputs that were not checked (zoneId or mappings missing or unknown)");
  }
  return { zoneId, mappings, adopt: adopt === true };
}

function isComplete(run: Execution): boolean {
  return run.failures.length === 0 && run.error === undefined;
}

function headline(action: string, zoneId: string, run: Execution, total: number): string {
  const failed = run.failures.length;
  const what = failed > 0 ? `${failed} of ${total} mapping(s) failed` : "the request failed";
  return `Failed to ${action} origin cloud-region mappings in zone ${zoneId}: ${what}`;
}

function summaryError(action: string, zoneId: string, run: Execution, total: number): Error {
  return new Error([headline(action, zoneId, run, total), ...failureLines(run).map((l) => `  ${l}`)].join("\n"), {
    cause: run.error,
  });
}

/**
 * The dynamic provider's partial-failure error: the host records `id` and exactly `properties` in
 * state and shows `reasons`. `__provider` must be included here, the host does not add it on this path,
 * and without it `refresh` and `destroy` of the resource could not run.
 */
function partialFailure(id: string, outs: MappingsOutputs, provider: unknown, run: Execution, total: number): PartialFailure {
  const reasons = failureLines(run);
  const message = [headline("apply", outs.zoneId, run, total), ...reasons.map((l) => `  ${l}`)].join("\n");
  return Object.assign(new Error(message), { id, properties: { ...outs, __provider: provider }, reasons });
}
