/**
 * The lifecycle of one `OriginCloudRegionMappings` resource, independent of the host that calls
 * it: each step reads what it needs, asks the pure core what to do, executes, and maps outputs.
 * Every call carries the token of the resource it serves (see credentials.ts): its own `apiToken` or
 * `apiTokenEnvVar`, else the stack's. The HTTP calls each step makes, on the zone's endpoint family
 * (see cloudflare/family-choice.ts):
 *
 *   check   GET .../supported_regions (once per zone per process, only with a token); creating: a
 *           look-up of the declared IPs to mark those the zone already maps; exclusive and
 *           creating: the list, to show what up would remove
 *   diff    none when no IP is added; added IPs: the same look-up; exclusive: the list
 *   create  GET the list, then one batch upsert per 100 mappings the zone does not hold as declared
 *   read    GET the list
 *   update  exclusive: the list; adding IPs: a look-up of them; then DELETE .../batch per 100
 *           removed IPs and one batch upsert per 100 new or changed mappings
 *   delete  DELETE .../batch per 100 owned IPs (a GET only when some IP was refused)
 */
import { credentialFailures, credentialProps, sameCredentials } from "../core/credentials";
import type { CheckFailure } from "../core/inputs";
import { checkInputs, checkRegions } from "../core/inputs";
import { isComplete } from "../core/execution";
import { decideCreate, decideUpdate, zoneReadForUpdate } from "../core/ownership";
import type { Refusal, StepDecision, ZoneSeen } from "../core/ownership";
import { plan, sameSet, toSet } from "../core/plan";
import type { MappingsOutputs } from "../core/state-shape";
import {
  IMPL_VERSION,
  declaredBy,
  isKnownMappingSet,
  isMappingSet,
  knownInputs,
  loadMappings,
  outputs,
  ownedMappings,
  storeMappings,
} from "../core/state-shape";
import { UNKNOWN } from "../core/types";
import type { HeldSet } from "../core/types";
import { driftSummary } from "../report/drift-summary";
import { changeSummary, subject } from "../report/change-summary";
import { deleteFailure } from "../report/messages";
import { boundedFailures, partialFailure, refusalMessage, stepFailure } from "../report/step-errors";
import { addressWarning, credentialsStored, mappingsPending, notChecked, storedCodeUpdated, takenOver } from "../report/step-lines";
import { credentialFor, stepHint } from "./credentials";
import { judgeAdditions, lookUp, showUndeclared, supportedRegions } from "./preview-lookups";
import type { Judgement } from "./preview-lookups";
import { runPlan } from "./run-plan";
import type { Access, Session } from "./session";
import { clientOf, resourceKey, stepContext } from "./session";

type Props = Record<string, unknown>;

/**
 * What diff answers: whether the step changes anything, and whether it replaces the resource.
 * `changes` absent: the engine compares the old and new inputs itself, and shows only what differs.
 */
export interface DiffAnswer {
  changes?: boolean;
  replaces?: string[];
  deleteBeforeReplace?: boolean;
}

export class Lifecycle {
  /** `session` is read on every step, so a setting changed by `configure` applies to the next one. */
  constructor(private readonly session: () => Session) {}

  async check(olds: Props, news: Props, name: string | undefined): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    const session = this.session(); // a bad setting fails preview, before anything else
    const checked = checkInputs(news);
    session.refreshed.delete(resourceKey(name, olds["zoneId"] ?? checked.inputs.zoneId));
    const zoneId = checked.inputs.zoneId;
    if (checked.warning !== undefined)
      session.reporter.info(addressWarning(name, zoneId === UNKNOWN ? undefined : zoneId, checked.warning));
    // Credential mistakes fail before any request: nothing is sent with a token that is not the one meant.
    let failures = [...credentialFailures(news, name, process.env), ...checked.failures];
    // On failure the inputs go back as given: the engine reports the failures, whereas an unknown
    // placeholder in their place would make `up --skip-preview` fail on "unexpected unknown value".
    if (failures.length > 0) return { inputs: news, failures: boundedFailures(failures) };
    const access = this.access(news, name);
    if (zoneId !== UNKNOWN && checked.declared.length > 0) {
      if (access.credential.token === undefined) session.reporter.info(notChecked(subject(name, zoneId), session.settings.keys?.apiToken));
      const supported = await supportedRegions(access, zoneId);
      if (supported) failures = checkRegions(checked.declared, supported);
    }
    if (failures.length > 0) return { inputs: news, failures: boundedFailures(failures) };
    const { mappings, exclusive, adopt } = checked.inputs;
    // A new resource has no diff step: its summary is told here (olds are empty only for a create).
    if (Object.keys(olds).length === 0 && zoneId !== UNKNOWN) {
      const judged =
        exclusive === false && isMappingSet(mappings) ? await judgeAdditions(access, zoneId, {}, mappings, adopt === true) : {};
      this.refuse(zoneId, judged.refusal);
      this.tellChanges(subject(name, zoneId), {}, mappings, judged);
    }
    // Creating (or moving to) a zone exclusively: diff is not called for a create, so preview shows here what up would remove.
    if (exclusive === true && zoneId !== UNKNOWN && olds["zoneId"] !== zoneId && isKnownMappingSet(mappings)) {
      await showUndeclared(access, zoneId, mappings, {});
    }
    const stored = isMappingSet(mappings) ? storeMappings(mappings) : mappings;
    return { inputs: { ...checked.inputs, mappings: stored, implVersion: IMPL_VERSION, ...credentialProps(news) }, failures: [] };
  }

  /**
   * Answers "unknown" (no `changes`) wherever the engine's own comparison of old and new inputs is
   * exact: the engine then shows only the IPs that change in `preview --diff`, where an explicit
   * answer makes it print every mapping. It is exact when the state records what its inputs declare;
   * not after a partial failure (`incomplete`) or in state written before that was kept (older
   * `implVersion`), where the answer is explicit. A refresh keeps inputs and outputs agreeing (read).
   */
  async diff(olds: MappingsOutputs, news: Props, name: string | undefined): Promise<DiffAnswer> {
    const zoneId = news["zoneId"];
    if (zoneId !== UNKNOWN && zoneId !== olds.zoneId) return { changes: true, replaces: ["zoneId"], deleteBeforeReplace: true };
    if (typeof zoneId !== "string" || zoneId === UNKNOWN) return { changes: true };
    const access = this.access(news, name);
    const session = access.session;
    const mappings = loadMappings(news["mappings"]) ?? news["mappings"];
    const exclusive = news["exclusive"];
    const about = subject(name, olds.zoneId);
    const owned = ownedMappings(olds);
    const exact = olds.incomplete !== true && olds.implVersion === IMPL_VERSION;
    const changed: DiffAnswer = exact ? {} : { changes: true };
    // The engine's display of a refresh: whether the zone differs from the inputs, nothing told or judged.
    if (session.refreshed.has(resourceKey(name, olds.zoneId)))
      return { changes: !isMappingSet(mappings) || !sameSet(owned, mappings) || olds.implVersion !== IMPL_VERSION };
    if (!isMappingSet(mappings) || exclusive === UNKNOWN) {
      this.tellChanges(about, owned, mappings);
      return changed;
    }
    // IPs not known yet (placeholder keys) are a change; the known ones are judged all the same.
    const known = isKnownMappingSet(mappings);
    const mappingsChanged = !known || !sameSet(owned, mappings);
    if (mappingsChanged) {
      // New IPs the zone maps elsewhere, or no room: up would refuse, so preview fails the same way.
      const judged = exclusive === true ? {} : await judgeAdditions(access, zoneId, owned, mappings, news["adopt"] === true);
      this.refuse(zoneId, judged.refusal);
      this.tellChanges(about, owned, mappings, judged);
    } else if (olds.implVersion !== IMPL_VERSION) session.reporter.info(storedCodeUpdated(about));
    // Exclusive: mappings nobody declared are changes too (the one case where preview lists the zone).
    if (exclusive === true && known && (await showUndeclared(access, zoneId, mappings, owned)) > 0) return { changes: true };
    // Only the credentials: an update that stores them (refresh and destroy use them) and writes nothing.
    const credentialsChanged = !sameCredentials(olds as unknown as Props, news);
    if (credentialsChanged && !mappingsChanged) session.reporter.info(credentialsStored(about));
    const any = mappingsChanged || credentialsChanged || !exact || (exclusive === true) !== (olds.exclusive === true);
    return any ? changed : { changes: false };
  }

  async create(inputs: Props, name: string | undefined): Promise<{ id: string; outs: MappingsOutputs }> {
    const { zoneId, mappings, adopt, exclusive } = knownInputs(inputs);
    const access = this.access(inputs, name);
    const session = access.session;
    const client = clientOf(access);
    const ctx = stepContext(session);
    const live = await client.listMappings(zoneId, ctx);
    const decision = this.allowed(zoneId, decideCreate(live.mappings, mappings, { adopt, exclusive }));
    const run = await runPlan(session, client, zoneId, decision.base, decision.work, subject(name, zoneId), ctx);
    const modifiedOn = run.modifiedOn ?? live.modifiedOn;
    const outs = outputs(zoneId, run.applied, { adopt, exclusive }, modifiedOn, client.familyFor(zoneId), credentialProps(inputs));
    if (isComplete(run)) return { id: zoneId, outs };
    if (Object.keys(run.applied).length === 0) throw new Error(stepFailure("create", zoneId, run));
    throw partialFailure(zoneId, { ...outs, incomplete: true }, run);
  }

  /**
   * Records what the zone holds of the resource, and returns inputs that declare exactly that, so
   * the next preview compares the program with the zone as it is: a mapping deleted outside Pulumi
   * shows as `+ ip`, restored by the next up.
   */
  async read(id: string, props: MappingsOutputs, name: string | undefined): Promise<{ id: string; props: MappingsOutputs; inputs: Props }> {
    const owned = ownedMappings(props);
    const access = this.access(props as unknown as Props, name);
    const client = clientOf(access);
    const live = await client.listMappings(props.zoneId, stepContext(access.session));
    // Exclusive: every mapping of the zone is this resource's, so one nobody declared is drift.
    const current = toSet(props.exclusive === true ? live.mappings : live.mappings.filter((m) => m.ip in owned));
    const drift = driftSummary(subject(name, props.zoneId), owned, current, props.exclusive === true);
    if (drift !== undefined) access.session.reporter.info(drift);
    access.session.refreshed.add(resourceKey(name, props.zoneId));
    // A read settles a partial failure: the inputs it returns declare exactly what the zone holds.
    const rest: MappingsOutputs = { ...props };
    delete rest.incomplete;
    const outs = {
      ...rest,
      mappings: storeMappings(current),
      modifiedOn: live.modifiedOn,
      apiFamily: client.familyFor(props.zoneId) ?? null,
    };
    return { id, props: outs, inputs: declaredBy(outs) };
  }

  async update(id: string, olds: MappingsOutputs, news: Props, name: string | undefined): Promise<{ outs: MappingsOutputs }> {
    const { zoneId, mappings, adopt, exclusive } = knownInputs(news);
    const owned = ownedMappings(olds);
    const access = this.access(news, name);
    const session = access.session;
    const client = clientOf(access);
    const ctx = stepContext(session);
    const read = zoneReadForUpdate(owned, mappings, exclusive);
    let seen: ZoneSeen = { kind: "none" };
    if (read.kind === "list") seen = { kind: "list", live: (await client.listMappings(zoneId, ctx)).mappings };
    else if (read.kind === "lookup") {
      const { zone } = await lookUp(access, zoneId, read.added, ctx);
      seen = { kind: "lookup", added: read.added, count: zone.count, held: zone.held };
    }
    const decision = this.allowed(zoneId, decideUpdate(owned, mappings, seen, { adopt, exclusive }));
    const run = await runPlan(session, client, zoneId, decision.base, decision.work, subject(name, zoneId), ctx);
    const family = client.familyFor(zoneId) ?? olds.apiFamily ?? null;
    const modifiedOn = run.modifiedOn ?? olds.modifiedOn ?? null;
    const outs = outputs(zoneId, run.applied, { adopt, exclusive }, modifiedOn, family, credentialProps(news));
    if (isComplete(run)) return { outs };
    throw partialFailure(id, { ...outs, incomplete: true }, run);
  }

  async delete(props: MappingsOutputs, name: string | undefined): Promise<void> {
    const owned = ownedMappings(props);
    const access = this.access(props as unknown as Props, name);
    const ctx = stepContext(access.session);
    const about = subject(name, props.zoneId);
    const run = await runPlan(access.session, clientOf(access), props.zoneId, owned, plan(owned, {}), about, ctx);
    if (isComplete(run)) return;
    const hint = stepHint("delete", props as unknown as Props, name, access.session.settings);
    throw new Error(deleteFailure(props.zoneId, run, Object.keys(owned).length, hint));
  }

  /** The step's session and the credential of the resource `props` describe (inputs, or outputs for refresh and destroy). */
  private access(props: Props, name: string | undefined): Access {
    const session = this.session();
    return { session, credential: credentialFor(props, name, session.settings, process.env) };
  }

  /** Fails the step before any write when the decision refuses it; reports mappings taken over. */
  private allowed(zoneId: string, decision: StepDecision): StepDecision {
    this.refuse(zoneId, decision.refusal);
    if (decision.takenOver > 0) this.session().reporter.info(takenOver(zoneId, decision.takenOver));
    return decision;
  }

  /** Fails the step with the refusal `up` gives, in preview as in up; nothing when there is none. */
  private refuse(zoneId: string, refusal: Refusal | undefined): void {
    if (refusal !== undefined) throw new Error(refusalMessage(zoneId, refusal));
  }

  /** Reports the preview summary of a change: counts, then one line per IP, bounded. */
  private tellChanges(about: string, owned: HeldSet, desired: unknown, judged: Judgement = {}): void {
    const reporter = this.session().reporter;
    if (!isMappingSet(desired)) return reporter.info(mappingsPending(about));
    const summary = changeSummary(about, owned, desired, judged.found);
    if (summary !== undefined) reporter.info(summary);
  }
}
