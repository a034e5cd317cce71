/**
 * The Cloudflare client's contract: how it is built, what each call is told, and the operations the
 * provider needs, in domain types (see client.ts for the implementation).
 */
import type { Dispatcher } from "undici";
import type { SupportedRegions } from "../core/inputs";
import type { HeldMapping, Mapping } from "../core/types";
import type { FamilySetting } from "./family-choice";
import type { BatchOutcome, FamilyName, MappingList } from "./wire";
import type { RetryPolicy } from "./retry";
import type { RequestWindow } from "./request-window";
import type { QuotaNotice } from "./quota-pacer";

export type { QuotaNotice } from "./quota-pacer";

/** How to reach Cloudflare. The token is held only by the client, never logged or put in errors. */
export interface ClientOptions {
  /** Base URL ending in `/client/v4`. */
  baseUrl: string;
  /** Where `baseUrl` came from (config key or environment variable), named in messages; default `cloudflare:baseUrl`. */
  baseUrlSource?: string;
  /** API token sent as `Authorization: Bearer`. */
  token: string;
  /** Connection pool to use; by default the client owns a keep-alive `Agent` and closes it in `close()`. */
  dispatcher?: Dispatcher;
  /** Overrides of the retry policy. */
  retry?: Partial<RetryPolicy>;
  /** Waits between retries (tests record the delays instead of sleeping). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
  /** Told about every retry; carries no header or token. */
  onRetry?: (info: RetryInfo) => void;
  /** Endpoint family: `auto` (default: v2 first, v1 when v2 answers "no route"), or one family only. */
  apiFamily?: FamilySetting;
  /** Where `apiFamily` came from (config key or environment variable), named in messages. */
  apiFamilySource?: string;
  /** Told once per zone when `auto` falls back to v1. */
  onFamilyFallback?: (zoneId: string) => void;
  /**
   * The request window every call waits for, with the pacer of Cloudflare's reported quota that it
   * carries; by default the one the whole process keeps for this token.
   */
  window?: RequestWindow;
  /**
   * Told once per long hold (10 s or more) while Cloudflare reports the token's quota nearly spent;
   * carries figures only.
   */
  onQuotaWait?: (notice: QuotaNotice) => void;
}

/**
 * What one lifecycle step tells each call: when its retry budget ends, and a signal that stops new
 * attempts (the engine that asked for the step is gone).
 */
export interface CallContext {
  /** Epoch milliseconds after which no retry starts. */
  deadline?: number;
  signal?: AbortSignal;
  /** Told once per HTTP request sent (retries included), for the step's closing report. */
  onRequest?: () => void;
}

/** What a retry hook is told. */
export interface RetryInfo {
  action: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** The operations the provider needs, in domain types. */
export interface CloudflareClient {
  listMappings(zoneId: string, ctx?: CallContext): Promise<MappingList>;
  supportedRegions(zoneId: string, ctx?: CallContext): Promise<SupportedRegions>;
  /** Upserts at most 100 mappings; items the API refuses come back in `failed`. */
  upsertBatch(zoneId: string, items: readonly Mapping[], ctx?: CallContext): Promise<BatchOutcome>;
  /** Deletes at most 100 IPs; IPs the API refuses (or does not know) come back in `failed`. */
  deleteBatch(zoneId: string, ips: readonly string[], ctx?: CallContext): Promise<BatchOutcome>;
  /**
   * How many mappings the zone holds, and its mappings for `ips`, in the fewest requests: the list
   * when it is one request (v1) or when many IPs are asked for; else one small page for the count
   * and one read per IP (v2).
   */
  inspect(zoneId: string, ips: readonly string[], ctx?: CallContext): Promise<ZoneView>;
  /** The endpoint family the zone's calls go to, once known. */
  familyFor(zoneId: string): FamilyName | undefined;
  close(): Promise<void>;
}

/** What {@link CloudflareClient.inspect} learns about a zone. */
export interface ZoneView {
  count: number;
  held: HeldMapping[];
}
