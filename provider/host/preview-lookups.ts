/**
 * What preview reads from Cloudflare to tell a reviewer what `up` will meet: the zone's supported
 * regions, what the zone holds for the IPs a change adds, and (exclusive) the mappings nobody
 * declares. Without a token nothing is read and preview checks the rest. An authentication or
 * "no route" failure is thrown, since every later step would fail the same way; any other failed
 * read is reported and skipped, and `up` checks again before it writes.
 */
import type { CallContext, ZoneView } from "../cloudflare/client";
import { hasErrorCode } from "../cloudflare/errors";
import type { SupportedRegions } from "../core/inputs";
import { isPlaceholderKey } from "../core/mapping-list";
import { additions, decideUpdate, takeover, undeclared } from "../core/ownership";
import type { Refusal, ZoneSeen } from "../core/ownership";
import type { HeldSet, MappingSet } from "../core/types";
import type { ZoneFindings } from "../report/change-summary";
import { removalSummary } from "../report/removal-summary";
import { regionsUnchecked, zoneUnread } from "../report/step-lines";
import type { Access } from "./session";
import { accountOf, clientOf, stepContext } from "./session";

/** True for failures every later step would meet too: worth failing preview on. */
function failsEveryStep(error: unknown): boolean {
  return hasErrorCode(error, "CF_AUTH") || hasErrorCode(error, "CF_UNAVAILABLE");
}

/**
 * Reads what the zone holds for IPs the resource is adding (single reads for a few, the list for
 * many) and judges them, the same way in preview and in update.
 */
export async function lookUp(
  access: Access,
  zoneId: string,
  added: MappingSet,
  ctx: CallContext,
): Promise<{ zone: ZoneView } & ReturnType<typeof takeover>> {
  const zone = await clientOf(access).inspect(zoneId, Object.keys(added), ctx);
  return { zone, ...takeover(zone.held, added) };
}

/** What preview learns from the zone about a change's additions, and the refusal `up` would give. */
export interface Judgement {
  found?: ZoneFindings;
  refusal?: Refusal;
}

/**
 * Preview of a change that adds IPs: which of them the zone already maps, elsewhere or as declared,
 * and whether `up` would refuse the change (IPs someone else maps without `adopt`, or no room in
 * the zone), decided by the same rule `up` uses. IPs not known yet cannot be judged: they are left out.
 */
export async function judgeAdditions(
  access: Access,
  zoneId: string,
  owned: HeldSet,
  desired: MappingSet,
  adopt: boolean,
): Promise<Judgement> {
  if (access.credential.token === undefined) return {};
  const known = knownEntries(desired);
  const added = additions(owned, known);
  if (Object.keys(added).length === 0) return {};
  try {
    const { zone, identical, conflicts } = await lookUp(access, zoneId, added, stepContext(access.session));
    const seen: ZoneSeen = { kind: "lookup", added, count: zone.count, held: zone.held };
    const { refusal } = decideUpdate(owned, known, seen, { adopt, exclusive: false });
    return { found: { conflicts, identical: identical.map((m) => m.ip), adopt }, ...(refusal ? { refusal } : {}) };
  } catch (error) {
    if (failsEveryStep(error)) throw error;
    access.session.reporter.info(zoneUnread(zoneId, error));
    return {};
  }
}

/** The entries whose IP is known (placeholder keys dropped). */
function knownEntries(set: MappingSet): MappingSet {
  return Object.fromEntries(Object.entries(set).filter(([ip]) => !isPlaceholderKey(ip))) as MappingSet;
}

/**
 * Exclusive preview: lists the zone and reports the mappings up would remove that the resource
 * neither declares nor records (those already show in the diff); returns how many.
 */
export async function showUndeclared(access: Access, zoneId: string, declared: MappingSet, owned: HeldSet): Promise<number> {
  if (access.credential.token === undefined) return 0;
  const live = await clientOf(access).listMappings(zoneId, stepContext(access.session));
  const extra = undeclared(live.mappings, declared, owned);
  if (extra.length > 0) access.session.reporter.info(removalSummary(zoneId, extra));
  return extra.length;
}

/** The zone's supported regions, fetched once per zone per token and session; undefined when not checked. */
export async function supportedRegions(access: Access, zoneId: string): Promise<SupportedRegions | undefined> {
  if (access.credential.token === undefined) return undefined;
  // Per token: a token of another account must not be told the regions this one read (nor skip its own refusal).
  const { client, regions } = accountOf(access);
  let pending = regions.get(zoneId);
  if (!pending) {
    // The step's deadline and the engine-gone signal bound this read like every other one.
    pending = client.supportedRegions(zoneId, stepContext(access.session));
    regions.set(zoneId, pending);
  }
  try {
    return await pending;
  } catch (error) {
    regions.delete(zoneId);
    if (failsEveryStep(error)) throw error;
    access.session.reporter.info(regionsUnchecked(zoneId, error));
    return undefined;
  }
}
