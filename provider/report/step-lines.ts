/**
 * The one-line notes a lifecycle step reports along the way (the summaries and errors have modules
 * of their own). Pure: each returns the text; the host writes it through its reporter.
 */
import type { QuotaNotice, RetryInfo } from "../cloudflare/client";
import { messageOf } from "../cloudflare/errors";
import { FAMILY_PATHS } from "../cloudflare/family-choice";
import { count, plural } from "./messages";
import { subject } from "./change-summary";

/** Some declared addresses are private or documentation ones (one line per resource). */
export function addressWarning(name: unknown, zoneId: string | undefined, warning: string): string {
  return `Warning: ${subject(name, zoneId ?? "(not known yet)")}: ${warning}`;
}

/** Preview of a set whose IPs come from resources not created yet. */
export function mappingsPending(about: string): string {
  return `${about}: the mappings are not known until deploy (they come from resources not created yet)`;
}

/** An update that only rewrites the stored provider code. */
export function storedCodeUpdated(about: string): string {
  return `${about}: no mapping changes; the provider code stored in the state is updated`;
}

/** An update that only stores the resource's new credentials. */
export function credentialsStored(about: string): string {
  return `${about}: no mapping changes; the new credentials (apiToken or apiTokenEnvVar) are stored for refresh and destroy, nothing is written to Cloudflare`;
}

/** Preview could not read the zone to mark added IPs it already maps. */
export function zoneUnread(zoneId: string, error: unknown): string {
  return (
    `${subject(undefined, zoneId)}: could not read the zone to mark IPs it already maps ` +
    `(${messageOf(error)}); up checks again before writing`
  );
}

/** Preview had no token, so it read nothing from Cloudflare (one line per resource). */
export function notChecked(
  about: string,
  token: { key: string; env: string } = { key: "cloudflare:apiToken", env: "CLOUDFLARE_API_TOKEN" },
): string {
  return (
    `${about}: not checked against Cloudflare (no API token): the zone's supported regions and the mappings ` +
    `it already holds are checked by \`pulumi up\`. Set ${token.key} or ${token.env} to check them in preview`
  );
}

/** Preview skipped the supported-regions check (the API judges each item at up instead). */
export function regionsUnchecked(zoneId: string, error: unknown): string {
  return `Skipping the supported-regions check for zone ${zoneId}: ${messageOf(error)}`;
}

/** Progress of a long step. */
export function batchProgress(about: string, done: number, total: number): string {
  return `${about}: ${count(done)} of ${plural(total, "batch")} done`;
}

/** A request is retried. */
export function retrying(r: RetryInfo): string {
  return `Retrying ${r.action} in ${r.delayMs} ms (attempt ${r.attempt} failed: ${r.reason})`;
}

/**
 * A long hold because Cloudflare reports the token's quota nearly spent (one line per hold). Says why
 * waiting beats going on: the first request over the quota blocks everything using the token.
 */
export function quotaWaiting(n: QuotaNotice): string {
  const seconds = count(Math.ceil(n.waitMs / 1000));
  const left = n.quota === undefined ? plural(n.remaining, "request") : `${count(n.remaining)} of ${plural(n.quota, "request")}`;
  return (
    `Waiting ${seconds} s before the next Cloudflare request: Cloudflare reports ${left} left for this API token ` +
    `until its quota resets in ${seconds} s, and going over would block every use of the token ` +
    "(other stacks, tools, the dashboard) for 5 minutes"
  );
}

/** `auto` fell back to the older endpoint family for a zone. */
export function familyFallback(zoneId: string): string {
  return `Zone ${zoneId}: ${FAMILY_PATHS.v2} answered no route; using the older endpoint family ${FAMILY_PATHS.v1} (v1) for this zone`;
}

/** Mappings already as declared were taken over without a write. */
export function takenOver(zoneId: string, n: number): string {
  return `Zone ${zoneId}: ${plural(n, "mapping")} already as declared, taken over without writing`;
}
