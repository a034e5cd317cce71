/**
 * The dynamic provider behind `OriginCloudRegionMappings`. Each lifecycle step and the HTTP calls it
 * makes, on the zone's endpoint family (v2 `/zones/{zone_id}/origin/cloud_regions`, or v1
 * `/zones/{zone_id}/cache/origin_cloud_regions`; see cloudflare/family-choice.ts):
 *
 *   check   GET .../supported_regions (once per zone per process, only with a token)
 *   diff    none
 *   create  GET the list (v2: 100 per page), then one batch upsert (v2 PUT, v1 PATCH) per 100 mappings
 *           that the zone does not already hold as declared
 *   read    GET the list
 *   update  DELETE .../batch per 100 removed IPs, then one batch upsert per 100 new or changed mappings
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
import { FAMILY_PATHS } from "./cloudflare/family-choice";
import type { FamilyName } from "./cloudflare/wire";
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
  /** The endpoint family the last successful step used; absent in state written before families existed. */
  apiFamily?: FamilyName | null;
  /** The provider code's behaviour version that wrote this state (see {@link IMPL_VERSION}). */
  implVersion?: number;
}

/**
 * Bumped whenever read or delete behave differently. `pulumi refresh` and `pulumi destroy` run the
 * provider code stored in the state, not the installed one; a bump makes the next `pulumi up` an
 * update, which stores the new code, even when no mapping changes. 2: endpoint families (v2 first).
 */
export const IMPL_VERSION = 2;

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
    return { inputs: { ...checked.inputs, implVersion: IMPL_VERSION }, failures };
  }

  async diff(_id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    const zoneId = news["zoneId"];
    if (zoneId !== UNKNOWN && zoneId !== olds.zoneId) {
      return { changes: true, replaces: ["zoneId"], deleteBeforeReplace: true };
    }
    const mappings = news["mappings"];
    if (zoneId === UNKNOWN || !isKnownMappingSet(mappings)) return { changes: true };
    return { changes: olds.implVersion !== IMPL_VERSION || !sameSet(ownedMappings(olds), mappings) };
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
    // Adopted mappings that already hold the declared target are not written again.
    const held = toSet(taken);
    const run = await executePlan(client, zoneId, held, plan(held, mappings));
    const outs = outputs(zoneId, run.applied, adopt, run.modifiedOn ?? live.modifiedOn, client.familyFor(zoneId));
    if (isComplete(run)) return { id: zoneId, outs };
    if (Object.keys(run.applied).length === 0) throw summaryError("create", zoneId, run, Object.keys(mappings).length);
    throw partialFailure(zoneId, outs, inputs["__provider"], run, Object.keys(mappings).length);
  }

  async read(id: string, props: MappingsOutputs): Promise<pulumi.dynamic.ReadResult<MappingsOutputs>> {
    const owned = ownedMappings(props);
    const client = this.client();
    const live = await client.listMappings(props.zoneId);
    const current = toSet(live.mappings.filter((m) => m.ip in owned));
    return { id, props: { ...props, mappings: current, modifiedOn: live.modifiedOn, apiFamily: client.familyFor(props.zoneId) ?? null } };
  }

  async update(id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult<MappingsOutputs>> {
    const { zoneId, mappings, adopt } = knownInputs(news);
    const current = ownedMappings(olds);
    const client = this.client();
    const run = await executePlan(client, zoneId, current, plan(current, mappings));
    const family = client.familyFor(zoneId) ?? olds.apiFamily ?? null;
    const outs = outputs(zoneId, run.applied, adopt, run.modifiedOn ?? olds.modifiedOn ?? null, family);
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
      const { token, baseUrl, apiFamily, apiFamilySource } = session.settings;
      if (token === undefined) throw missingTokenError();
      session.client = createCloudflareClient({
        baseUrl,
        token,
        apiFamily,
        apiFamilySource,
        onRetry: (r) => console.log(`Retrying ${r.action} in ${r.delayMs} ms (attempt ${r.attempt} failed: ${r.reason})`),
        onFamilyFallback: (zoneId) =>
          console.log(
            `Zone ${zoneId}: ${FAMILY_PATHS.v2} answered no route; using the older endpoint family ` +
              `${FAMILY_PATHS.v1} (v1) for this zone`,
          ),
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
      // Every later step would fail the same way: say so now, at preview.
      if (hasErrorCode(error, "CF_AUTH") || hasErrorCode(error, "CF_UNAVAILABLE")) throw error;
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

function outputs(zoneId: string, mappings: MappingSet, adopt: boolean, modifiedOn: string | null, apiFamily: FamilyName | null | undefined): MappingsOutputs {
  return { zoneId, mappings, adopt, modifiedOn, apiFamily: apiFamily ?? null, implVersion: IMPL_VERSION };
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
