/**
 * The dynamic provider behind `OriginCloudRegionMappings`. Each lifecycle step and the HTTP calls it
 * makes, on the zone's endpoint family (v2 `/zones/{zone_id}/origin/cloud_regions`, or v1
 * `/zones/{zone_id}/cache/origin_cloud_regions`; see cloudflare/family-choice.ts):
 *
 *   check   GET .../supported_regions (once per zone per process, only with a token); creating: a
 *           look-up of the declared IPs (client.inspect) to mark those the zone already maps;
 *           exclusive and creating: the list, to show what up would remove
 *   diff    none when no IP is added; added IPs: the same look-up; exclusive: the list, to show and
 *           count the undeclared mappings up would remove
 *   create  GET the list (v2: 100 per page), then one batch upsert (v2 PUT, v1 PATCH) per 100 mappings
 *           that the zone does not already hold as declared
 *   read    GET the list
 *   update  DELETE .../batch per 100 removed IPs, then one batch upsert per 100 new or changed mappings
 *           (exclusive: the list first, and every undeclared mapping is removed)
 *   delete  DELETE .../batch per 100 owned IPs (a GET only when some IP was refused)
 *
 * This object is serialized into the state as a closure and rebuilt inside the provider host, so
 * it holds nothing at construction time: credentials arrive through `configure` (or the
 * environment) and the HTTP client is built on first use. `@pulumi/pulumi` is imported for types only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { CallContext, CloudflareClient, ZoneView } from "./cloudflare/client";
import { createCloudflareClient } from "./cloudflare/client";
import { hasErrorCode, messageOf } from "./cloudflare/errors";
import { appliedCounts, changeSummary, stepReport, subject } from "./change-summary";
import type { ZoneFindings } from "./change-summary";
import { engineGoneSignal } from "./engine-watch";
import { removalSummary, undeclared } from "./exclusive";
import { FAMILY_PATHS } from "./cloudflare/family-choice";
import { executePlan } from "./execute";
import type { ExecuteOptions } from "./execute";
import { count, deleteFailure, plural, withHint, zoneFullMessage } from "./messages";
import type { CheckFailure, SupportedRegions } from "./inputs";
import { checkInputs, checkRegions } from "./inputs";
import { plan, sameSet, toSet } from "./plan";
import type { Plan } from "./plan";
import type { Session } from "./runtime-state";
import { runtimeState } from "./runtime-state";
import { missingTokenError, resolveSettings } from "./settings";
import type { MappingsOutputs } from "./state-shape";
import { IMPL_VERSION, isKnownMappingSet, isMappingSet, knownInputs, loadMappings, named, outputs, ownedMappings, storeMappings } from "./state-shape";
import { boundedFailures, conflictMessage, isComplete, partialFailure, presentable, stepFailure } from "./step-errors";
import type { Mapping, MappingSet } from "./types";
import { UNKNOWN, ZONE_MAPPING_LIMIT } from "./types";
import type { ZoneCount } from "./zone-check";
import { additions, countOf, overLimit, takeover } from "./zone-check";

export type { MappingsOutputs } from "./state-shape";
export { IMPL_VERSION } from "./state-shape";

/** A step's call context, with what its closing report needs. */
interface StepContext extends CallContext {
  started: number;
  requests: number;
}

/** A step longer than this tells its progress, at most this often. */
const PROGRESS_EVERY_MS = 5_000;

export class OriginCloudRegionMappingsProvider implements pulumi.dynamic.ResourceProvider {
  /** Receives the stack config (decrypted); read lazily so a bad value fails the step that needs it. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    const state = runtimeState(this);
    state.config = req.config;
    state.session = undefined;
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return this.presenting(async () => {
      this.currentSession(); // a bad setting fails preview, before anything else
      const checked = checkInputs(news);
      if (checked.warning !== undefined) console.log(`Warning: ${subject(news["__label"], checked.inputs.zoneId === UNKNOWN ? "(not known yet)" : checked.inputs.zoneId)}: ${checked.warning}`);
      let failures: CheckFailure[] = checked.failures;
      const zoneId = checked.inputs.zoneId;
      if (failures.length === 0 && zoneId !== UNKNOWN && checked.declared.length > 0) {
        const supported = await this.supportedRegions(zoneId);
        if (supported) failures = checkRegions(checked.declared, supported);
      }
      // On failure the inputs go back as given: the engine reports the failures, whereas an unknown
      // placeholder in their place would make `up --skip-preview` fail on "unexpected unknown value".
      if (failures.length > 0) return { inputs: news, failures: boundedFailures(failures) };
      const { mappings, exclusive, adopt } = checked.inputs;
      // A new resource has no diff step: its summary is told here (olds are empty only for a create).
      if (Object.keys(olds).length === 0 && zoneId !== UNKNOWN) {
        const found = exclusive === false && isMappingSet(mappings) ? await this.zoneFindings(zoneId, {}, mappings, adopt === true) : undefined;
        this.tellChanges(subject(news["__label"], zoneId), {}, mappings, found);
      }
      // Creating (or moving to) a zone exclusively: diff is not called for a create, so this is where
      // preview shows what up would remove.
      if (exclusive === true && zoneId !== UNKNOWN && olds["zoneId"] !== zoneId && isKnownMappingSet(mappings)) {
        await this.showUndeclared(zoneId, mappings, {});
      }
      const stored = isMappingSet(mappings) ? storeMappings(mappings) : mappings;
      return { inputs: { ...checked.inputs, mappings: stored, implVersion: IMPL_VERSION, ...named(news) }, failures: [] };
    });
  }

  async diff(_id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return this.presenting(async () => {
      const zoneId = news["zoneId"];
      if (zoneId !== UNKNOWN && zoneId !== olds.zoneId) {
        return { changes: true, replaces: ["zoneId"], deleteBeforeReplace: true };
      }
      const mappings = loadMappings(news["mappings"]) ?? news["mappings"];
      const exclusive = news["exclusive"];
      if (typeof zoneId !== "string" || zoneId === UNKNOWN) return { changes: true };
      const about = subject(news["__label"], olds.zoneId);
      const owned = ownedMappings(olds);
      if (!isKnownMappingSet(mappings) || exclusive === UNKNOWN) {
        this.tellChanges(about, owned, mappings);
        return { changes: true };
      }
      const mappingsChanged = !sameSet(owned, mappings);
      if (mappingsChanged) {
        // New IPs the zone maps elsewhere are refused by up (unless adopt): preview marks them.
        const found = exclusive === true ? undefined : await this.zoneFindings(zoneId, owned, mappings, news["adopt"] === true);
        this.tellChanges(about, owned, mappings, found);
      }
      else if (olds.implVersion !== IMPL_VERSION) console.log(`${about}: no mapping changes; the provider code stored in the state is updated`);
      const changed = mappingsChanged || olds.implVersion !== IMPL_VERSION || (exclusive === true) !== (olds.exclusive === true);
      // Exclusive: mappings nobody declared are changes too (the one case where preview lists the zone).
      if (exclusive === true && (await this.showUndeclared(zoneId, mappings, owned)) > 0) return { changes: true };
      return { changes: changed };
    });
  }

  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<MappingsOutputs>> {
    return this.presenting(async () => {
      const { zoneId, mappings, adopt, exclusive } = knownInputs(inputs);
      const client = this.client();
      const ctx = this.stepContext();
      const live = await client.listMappings(zoneId, ctx);
      // Mappings already as declared are taken over without a write (a re-run after an interrupted
      // create converges); one held differently is someone else's and needs `adopt`, unless the
      // resource owns the whole zone (exclusive), which then also removes what it does not declare.
      const { identical, conflicts } = takeover(live.mappings, mappings);
      if (conflicts.length > 0 && !adopt && !exclusive) throw new Error(conflictMessage(zoneId, conflicts));
      const held = toSet(exclusive ? live.mappings : live.mappings.filter((m) => m.ip in mappings));
      const work = plan(held, mappings);
      this.checkRoom(zoneId, countOf(live.mappings), 0, work);
      tellTakenOver(zoneId, identical.length);
      const about = subject(inputs["__label"], zoneId);
      const run = await executePlan(client, zoneId, held, work, this.executeOptions(about, ctx));
      this.tellDone(about, held, run.applied, ctx);
      const outs = { ...outputs(zoneId, run.applied, { adopt, exclusive }, run.modifiedOn ?? live.modifiedOn, client.familyFor(zoneId)), ...named(inputs) };
      if (isComplete(run)) return { id: zoneId, outs };
      if (Object.keys(run.applied).length === 0) throw new Error(stepFailure("create", zoneId, run));
      throw partialFailure(zoneId, outs, inputs["__provider"], run);
    });
  }

  async read(id: string, props: MappingsOutputs): Promise<pulumi.dynamic.ReadResult<MappingsOutputs>> {
    return this.presenting(async () => {
      const owned = ownedMappings(props);
      const client = this.client();
      const live = await client.listMappings(props.zoneId, this.stepContext());
      // Exclusive: every mapping of the zone is this resource's, so one nobody declared is drift.
      const current = toSet(props.exclusive === true ? live.mappings : live.mappings.filter((m) => m.ip in owned));
      return { id, props: { ...props, mappings: storeMappings(current), modifiedOn: live.modifiedOn, apiFamily: client.familyFor(props.zoneId) ?? null } };
    });
  }

  async update(id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult<MappingsOutputs>> {
    return this.presenting(async () => {
      const { zoneId, mappings, adopt, exclusive } = knownInputs(news);
      const owned = ownedMappings(olds);
      const client = this.client();
      const ctx = this.stepContext();
      let base = owned;
      let work = plan(owned, mappings);
      const added = additions(owned, mappings);
      if (exclusive) {
        // The whole zone is this resource's: start from what it holds, remove what is not declared.
        const live = await client.listMappings(zoneId, ctx);
        base = toSet(live.mappings);
        work = plan(base, mappings);
        const zone = countOf(live.mappings);
        this.checkRoom(zoneId, zone, zone.count, work);
      } else if (Object.keys(added).length > 0) {
        // New IPs may already be mapped by someone else, and the zone may have no room for them:
        // both are found out before anything is written.
        const { zone, identical, conflicts } = await this.lookUp(zoneId, added, ctx);
        if (conflicts.length > 0 && !adopt) throw new Error(conflictMessage(zoneId, conflicts));
        // The IPs this resource owns are taken as present (the state says so); of the new ones, the read tells.
        const heldNew = new Set(zone.held.map((m) => m.ip));
        this.checkRoom(zoneId, { count: zone.count, has: (ip) => ip in owned || heldNew.has(ip) }, Object.keys(owned).length, work);
        if (identical.length > 0) {
          tellTakenOver(zoneId, identical.length);
          base = { ...owned, ...toSet(identical) };
          work = plan(base, mappings);
        }
      }
      const about = subject(news["__label"], zoneId);
      const run = await executePlan(client, zoneId, base, work, this.executeOptions(about, ctx));
      this.tellDone(about, base, run.applied, ctx);
      const family = client.familyFor(zoneId) ?? olds.apiFamily ?? null;
      const outs = { ...outputs(zoneId, run.applied, { adopt, exclusive }, run.modifiedOn ?? olds.modifiedOn ?? null, family), ...named(news) };
      if (isComplete(run)) return { outs };
      throw partialFailure(id, outs, news["__provider"], run);
    });
  }

  async delete(_id: string, props: MappingsOutputs): Promise<void> {
    return this.presenting(async () => {
      const owned = ownedMappings(props);
      const ctx = this.stepContext();
      const about = subject((props as { __label?: unknown }).__label, props.zoneId);
      const run = await executePlan(this.client(), props.zoneId, owned, plan(owned, {}), this.executeOptions(about, ctx));
      this.tellDone(about, owned, run.applied, ctx);
      if (!isComplete(run)) throw new Error(deleteFailure(props.zoneId, run, Object.keys(owned).length));
    });
  }

  /** Prints the preview summary of a change: counts, then one line per IP, bounded. */
  private tellChanges(about: string, owned: MappingSet, desired: unknown, found?: ZoneFindings): void {
    if (isMappingSet(desired)) {
      const summary = changeSummary(about, owned, desired, found);
      if (summary !== undefined) console.log(summary);
    } else {
      console.log(`${about}: the mappings are not known until deploy (they come from resources not created yet)`);
    }
  }

  /**
   * Preview of a change that adds IPs: which of them the zone already maps, elsewhere (up refuses
   * those without adopt) or as declared (taken over), judged as update judges them. Without a token
   * nothing can be read; a failed read is told and skipped, except one every later step would fail
   * on too.
   */
  private async zoneFindings(zoneId: string, owned: MappingSet, desired: MappingSet, adopt: boolean): Promise<ZoneFindings | undefined> {
    if (this.currentSession().settings.token === undefined) return undefined;
    const added = additions(owned, desired);
    if (Object.keys(added).length === 0) return undefined;
    try {
      const { identical, conflicts } = await this.lookUp(zoneId, added, this.stepContext());
      return { conflicts, identical: identical.map((m) => m.ip), adopt };
    } catch (error) {
      if (hasErrorCode(error, "CF_AUTH") || hasErrorCode(error, "CF_UNAVAILABLE")) throw error;
      console.log(`${subject(undefined, zoneId)}: could not read the zone to mark IPs it already maps (${messageOf(error)}); up checks again before writing`);
      return undefined;
    }
  }

  /**
   * Reads what the zone holds for IPs the resource is adding (single reads for a few, the list for
   * many) and judges them, the same way in preview and in update.
   */
  private async lookUp(zoneId: string, added: MappingSet, ctx: CallContext): Promise<{ zone: ZoneView } & ReturnType<typeof takeover>> {
    const zone = await this.client().inspect(zoneId, Object.keys(added), ctx);
    return { zone, ...takeover(zone.held, added) };
  }

  /**
   * Exclusive preview: lists the zone and prints the mappings up would remove that the resource
   * neither declares nor records (those already show in the diff); returns how many. Without a
   * token nothing can be read; up finds them then.
   */
  private async showUndeclared(zoneId: string, declared: MappingSet, owned: MappingSet): Promise<number> {
    if (this.currentSession().settings.token === undefined) return 0;
    const live = await this.client().listMappings(zoneId, this.stepContext());
    const extra: Mapping[] = undeclared(live.mappings, declared, owned);
    if (extra.length > 0) console.log(removalSummary(zoneId, extra));
    return extra.length;
  }

  /** Fails the step before any write when the zone cannot hold what it would add. */
  private checkRoom(zoneId: string, zone: ZoneCount, owned: number, work: Plan): void {
    const over = overLimit(zone, work);
    if (over !== undefined) throw new Error(zoneFullMessage(zoneId, zone.count, owned, over.adding, over.after, ZONE_MAPPING_LIMIT));
  }

  /** Each step's retry deadline, the signal that stops it when the engine is gone, and its request count. */
  private stepContext(): StepContext {
    const step: StepContext = { deadline: Date.now() + this.currentSession().settings.retryBudgetMs, signal: engineGoneSignal(), started: Date.now(), requests: 0 };
    step.onRequest = () => void step.requests++;
    return step;
  }

  /** Batches in flight, and a progress line at most every few seconds while a long step runs. */
  private executeOptions(about: string, ctx: StepContext): ExecuteOptions {
    let lastTold = ctx.started;
    return {
      concurrency: this.currentSession().settings.concurrency,
      ctx,
      onBatch: (done, total) => {
        const now = Date.now();
        if (done === total || now - lastTold < PROGRESS_EVERY_MS) return;
        lastTold = now;
        console.log(`${about}: ${count(done)} of ${plural(total, "batch")} done`);
      },
    };
  }

  /** The line that ends a step that wrote something. */
  private tellDone(about: string, before: MappingSet, after: MappingSet, ctx: StepContext): void {
    console.log(stepReport(about, appliedCounts(before, after), ctx.requests, Date.now() - ctx.started));
  }

  /**
   * Runs a lifecycle step and hands any failure to the host as a message a person can act on: the
   * host prints `${error}: ${error.stack}` for some steps, and a stack trace into files the package
   * does not ship helps nobody. A partial failure keeps the fields the host records in state.
   */
  private async presenting<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      const settings = runtimeState(this).session?.settings;
      throw presentable(error, withHint(error, { tokenSource: settings?.tokenSource }));
    }
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

/** One info line when mappings already as declared were taken over without a write. */
function tellTakenOver(zoneId: string, n: number): void {
  if (n > 0) console.log(`Zone ${zoneId}: ${plural(n, "mapping")} already as declared, taken over without writing`);
}
