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
import { additions, takeover, undeclared } from "../core/ownership";
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

/** Preview of a change that adds IPs: which of them the zone already maps, elsewhere or as declared. */
export async function zoneFindings(
  access: Access,
  zoneId: string,
  owned: HeldSet,
  desired: MappingSet,
  adopt: boolean,
): Promise<ZoneFindings | undefined> {
  if (access.credential.token === undefined) return undefined;
  const added = additions(owned, desired);
  if (Object.keys(added).length === 0) return undefined;
  try {
    const { identical, conflicts } = await lookUp(access, zoneId, added, stepContext(access.session));
    return { conflicts, identical: identical.map((m) => m.ip), adopt };
  } catch (error) {
    if (failsEveryStep(error)) throw error;
    access.session.reporter.info(zoneUnread(zoneId, error));
    return undefined;
  }
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
