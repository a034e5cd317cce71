import { Agent, request } from "undici";
import type { Dispatcher } from "undici";
import type { CallContext, ClientOptions, CloudflareClient } from "./client-types";
import { ZodError } from "zod";
import type { HeldMapping } from "../core/types";
import { BATCH_LIMIT, ZONE_MAPPING_LIMIT } from "../core/types";
import { unwrap } from "./envelope";
import type { CloudflareError } from "./errors";
import { ApiError, ConnectionError, EnvelopeError, StepAbortedError, hasErrorCode, statusOf } from "./errors";
import { FamilyChooser } from "./family-choice";
import { readQuota } from "./rate-headers";
import type { QuotaReading } from "./rate-headers";
import { processWindow } from "./request-window";
import { tokenKey } from "./token-key";
import { MAX_RESPONSE_BYTES, readBody } from "./response-body";
import { DEFAULT_RETRY_POLICY, isRetryableStatus, isRetryableTransportError, retryDelayMs, sleep, withinBudget } from "./retry";
import type { RetryPolicy } from "./retry";
import type { ApiFamily, Call, MappingList } from "./wire";
import { isLastPage, latest } from "./wire";
import { v1 } from "./wire-v1";
import { v2 } from "./wire-v2";

export type { CallContext, ClientOptions, CloudflareClient, QuotaNotice, RetryInfo, ZoneView } from "./client-types";

/** Up to this many IPs, single reads cost fewer requests than listing a large zone (100 per page). */
const FEW_IPS = 5;

const plural = (n: number) => `${n} mapping${n === 1 ? "" : "s"}`;

/**
 * Builds a client. Every call goes through one `send()` path that owns the envelope, typed errors
 * and retries.
 *
 * Retrying writes is safe here by design: a batch upsert is keyed by IP and sets an absolute value,
 * and a batch delete is keyed by IP, so sending the same batch twice leaves the zone as sending it
 * once does (a repeated delete reports the IPs as not found, which the provider counts as deleted).
 * That is why PATCH and DELETE are in the retryable set, including after a dropped connection whose
 * request may already have been applied.
 */
export function createCloudflareClient(options: ClientOptions): CloudflareClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const ownDispatcher = options.dispatcher
    ? undefined
    : new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 10_000 }, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const dispatcher = options.dispatcher ?? (ownDispatcher as Dispatcher);
  const wait = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleep(ms, signal));
  const window = options.window ?? processWindow(tokenKey(options.token));
  const quota = window.quota;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const chooser = new FamilyChooser(options.apiFamily ?? "auto", { v1, v2 }, options.onFamilyFallback, options.apiFamilySource);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const baseUrlSource = options.baseUrlSource ?? "cloudflare:baseUrl";
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.token}`,
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": "pulumi-cloudflare-origin-cloud-regions",
  };

  async function attempt<T>(
    action: string,
    call: Call<T>,
    onQuota: (reading: QuotaReading | undefined) => void,
  ): Promise<{ value: T } | { retry: string; retryAfter?: string; error: CloudflareError }> {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${baseUrl}${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? null : JSON.stringify(call.body),
        dispatcher,
      });
    } catch (error) {
      const wrapped = new ConnectionError(action, error);
      if (isRetryableTransportError(error)) return { retry: wrapped.message, error: wrapped };
      throw wrapped;
    }
    const status = response.statusCode;
    const requestId = header(response.headers, "cf-ray");
    onQuota(readQuota(response.headers["ratelimit"], response.headers["ratelimit-policy"]));
    let body: unknown;
    try {
      const text = await readBody(action, call, response, MAX_RESPONSE_BYTES, baseUrlSource);
      body = text === "" ? undefined : JSON.parse(text);
    } catch (error) {
      if (isRetryableTransportError(error)) {
        const wrapped = new ConnectionError(action, error);
        return { retry: wrapped.message, error: wrapped };
      }
      const tooLarge = hasErrorCode(error, "CF_RESPONSE_TOO_LARGE");
      if (isRetryableStatus(status)) {
        const e = tooLarge ? (error as CloudflareError) : new ApiError(action, status, [], requestId);
        return { retry: e.message, error: e };
      }
      if (tooLarge) throw error;
      throw new EnvelopeError(action, status, "the body is not JSON");
    }
    try {
      const { result, resultInfo } = unwrap(action, status, body, requestId);
      return { value: call.parse(result, resultInfo) };
    } catch (error) {
      if (error instanceof ZodError)
        throw new EnvelopeError(action, status, error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const failedStatus = statusOf(error);
      if (failedStatus !== undefined && isRetryableStatus(failedStatus)) {
        const failure = error as CloudflareError;
        const retryAfter = header(response.headers, "retry-after");
        return retryAfter === undefined
          ? { retry: failure.message, error: failure }
          : { retry: failure.message, retryAfter, error: failure };
      }
      throw error;
    }
  }

  async function send<T>(action: string, call: Call<T>, ctx: CallContext = {}): Promise<T> {
    const deadline = ctx.deadline ?? now() + policy.budgetMs;
    // The time as far as this call knows: never before the end of a wait it has done, even on a clock
    // that stands still while it sleeps (tests), so that a hold waited out is over.
    let waitedUntil = 0;
    const clock = () => Math.max(now(), waitedUntil);
    const pause = async (ms: number) => {
      waitedUntil = clock() + ms;
      await wait(ms, ctx.signal);
    };
    for (let n = 1; ; n++) {
      if (ctx.signal?.aborted) throw new StepAbortedError(action);
      // What Cloudflare says is left of the token's quota (spent by its other users too), then this process's own window.
      for (let hold = quota.take(clock()); hold.waitMs > 0; hold = quota.take(clock())) {
        if (hold.notice) options.onQuotaWait?.(hold.notice);
        await pause(hold.waitMs);
      }
      let reading: QuotaReading | undefined;
      let outcome: Awaited<ReturnType<typeof attempt<T>>>;
      try {
        const queued = window.reserve(clock());
        if (queued > 0) await pause(queued);
        ctx.onRequest?.();
        outcome = await attempt(action, call, (r) => (reading = r));
      } finally {
        quota.settle(clock(), reading);
      }
      if ("value" in outcome) return outcome.value;
      const delayMs = retryDelayMs(n, outcome.retryAfter, policy, now(), random());
      // Cloudflare's limit is per token: one 429 holds back every request of the process.
      if (outcome.retryAfter !== undefined) window.pause(clock() + delayMs);
      if (n >= policy.maxAttempts || !withinBudget(now(), delayMs, deadline) || ctx.signal?.aborted) throw outcome.error;
      options.onRetry?.({ action, attempt: n, delayMs, reason: outcome.retry });
      await pause(delayMs);
    }
  }

  function checkBatchSize(count: number, what: string): void {
    if (count > BATCH_LIMIT) throw new RangeError(`a batch ${what} takes at most ${BATCH_LIMIT} items, got ${count}`);
  }

  /**
   * Reads every page, until one says it is the last (see isLastPage: with or without `total_pages`).
   * Entries are keyed by IP, so an entry that moves between pages while they are read (another
   * writer) is counted once. The page bound only stops a server that never ends.
   */
  async function listAll(family: ApiFamily, zoneId: string, ctx?: CallContext): Promise<MappingList> {
    const byIp = new Map<string, HeldMapping>();
    let modifiedOn: string | null = null;
    let read = 0;
    const maxPages = Math.ceil(ZONE_MAPPING_LIMIT / BATCH_LIMIT) * 10;
    for (let page = 1; ; page++) {
      const got = await send(page === 1 ? "list mappings" : `list mappings (page ${page})`, family.listPage(zoneId, page), ctx);
      for (const m of got.mappings) byIp.set(m.ip, m);
      read += got.mappings.length;
      modifiedOn = latest([modifiedOn, got.modifiedOn]);
      if (isLastPage(got, page, read)) break;
      if (page >= maxPages) throw new EnvelopeError("list mappings", 200, `more than ${maxPages} pages`);
    }
    return { mappings: [...byIp.values()], modifiedOn };
  }

  return {
    listMappings: (zoneId, ctx) => chooser.run(zoneId, (family) => listAll(family, zoneId, ctx)),
    supportedRegions: (zoneId, ctx) =>
      chooser.run(zoneId, (family) => send("fetch supported regions", family.supportedRegions(zoneId), ctx)),
    upsertBatch: async (zoneId, items, ctx) => {
      checkBatchSize(items.length, "upsert");
      // An upsert is never the call that discovers the family: a read settles it first, so that the
      // upsert is sent to one family only.
      if (!chooser.decided(zoneId))
        await chooser.run(zoneId, (family) => send("find the endpoint family", family.listPage(zoneId, 1), ctx));
      return chooser.run(zoneId, (family) => send(`upsert ${plural(items.length)}`, family.upsertBatch(zoneId, items), ctx));
    },
    deleteBatch: async (zoneId, ips, ctx) => {
      checkBatchSize(ips.length, "delete");
      // A batch delete is safe to resend (a second send finds the IPs gone), so it may settle the family itself.
      return chooser.run(zoneId, (family) => send(`delete ${plural(ips.length)}`, family.deleteBatch(zoneId, ips), ctx));
    },
    inspect: (zoneId, ips, ctx) =>
      chooser.run(zoneId, async (family) => {
        const byListing = async () => {
          const wanted = new Set(ips);
          const all = await listAll(family, zoneId, ctx);
          return { count: all.mappings.length, held: all.mappings.filter((m) => wanted.has(m.ip)) };
        };
        if (family.name === "v1" || ips.length > FEW_IPS) return byListing();
        const first = await send("count mappings", family.listPage(zoneId, 1, 1), ctx);
        // An empty zone holds none of them: no single reads.
        if (first.mappings.length === 0 && (first.totalCount ?? 0) === 0) return { count: 0, held: [] };
        // An answer that does not say how many the zone holds is no count: the list says.
        if (first.totalCount === undefined) return byListing();
        const held: HeldMapping[] = [];
        for (const ip of ips) {
          try {
            held.push(await send(`read the mapping of ${ip}`, family.getOne(zoneId, ip), ctx));
          } catch (error) {
            // Only Cloudflare's own answer (an envelope) says "no mapping". A 404 without one (a proxy,
            // a server that does not route the path) says nothing about the zone: the list does.
            if (isBare404(error)) return byListing();
            if (!hasErrorCode(error, "CF_NOT_FOUND")) throw error;
          }
        }
        return { count: first.totalCount, held };
      }),
    familyFor: (zoneId) => chooser.familyFor(zoneId),
    close: async () => {
      await ownDispatcher?.close();
    },
  };
}

/**
 * A 404 whose body is not Cloudflare's envelope: not JSON (an EnvelopeError, CF_BAD_RESPONSE: a 404
 * fails before any result is parsed), or JSON of another shape (read as "no route" by envelope.ts: no
 * errors[]). An envelope's 404 is a NotFoundError (CF_NOT_FOUND), or carries its codes.
 */
function isBare404(error: unknown): boolean {
  if (statusOf(error) !== 404) return false;
  if (hasErrorCode(error, "CF_BAD_RESPONSE")) return true;
  const errors = (error as { errors?: unknown } | null)?.errors;
  return hasErrorCode(error, "CF_FEATURE_UNAVAILABLE") && Array.isArray(errors) && errors.length === 0;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
