// Public API of the emulator (`<pkg>/emulator`): a local, faithful stand-in for Cloudflare's origin
// cloud regions API, both the deprecated v1 family (`/cache/origin_cloud_regions`) and v2
// (`/origin/cloud_regions`) over one store, for unit and end-to-end tests. Everything is per
// instance, so several emulators can run in one process.

import { checkBearerToken, checkLegacyAuth, type AuthConfig } from "./auth";
import { isLoopbackName } from "./host";
import { FaultInjector, type FaultRates, type ScriptedFault } from "./faults";
import { canonicalizeIp } from "./ip";
import { loadSnapshot, saveSnapshot } from "./persist";
import { DEFAULT_RATE_LIMIT, RateLimiter } from "./ratelimit";
import { checkScopedTokens, type ScopedToken } from "./scoped-tokens";
import { EmulatorServer, type RecordedRequest } from "./server";
import { API_FAMILIES, EmulatorState, ZONE_ID, checkFamily, checkLatency, type ApiFamily, type FamilySwitch } from "./state";

export type { Fault, FaultRates, FiveXxCode, ScriptedFault } from "./faults";
export type { RecordedRequest } from "./server";
export type { ScopedToken } from "./scoped-tokens";
export type { ApiFamily, FamilySwitch } from "./state";
export { SYNTHETIC_SUPPORTED_REGIONS } from "./regions";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default "127.0.0.1". Anything but loopback (127.0.0.0/8, ::1, localhost) is refused. */
  host?: string;
  /** Accepted Bearer token; when omitted, any syntactically valid bearer token is accepted. */
  apiToken?: string;
  readOnlyToken?: string;
  /**
   * Tokens that each reach only their zones, as the tokens of several accounts do: a request for
   * another zone gets 403 / 10000. The request log names the token a request carried (`tokenName`).
   * With scoped tokens and no `apiToken`, no other token is accepted.
   */
  scopedTokens?: ScopedToken[];
  /**
   * The legacy `X-Auth-Email` + `X-Auth-Key` pair accepted besides Bearer tokens (off when omitted).
   * The email compares case-insensitively; the key must be letters and digits, as a Global API key.
   */
  legacyAuth?: { email: string; key: string };
  /** JSON persistence: loaded at start when present, rewritten atomically after every applied change. */
  dataFile?: string;
  clock?: () => Date;
  /** Default 1200 requests per 300 s per credential. */
  rateLimit?: { limit: number; windowSeconds: number };
  /** When given, only these zone ids exist; others get the 7003/7000 answer. */
  zones?: string[];
  /** Addition: code for a wrong credential, 10000 (default) or 9109 (reference §9 item 8). */
  wrongTokenCode?: 10000 | 9109;
  /** Addition: called once per request when its outcome is known (the CLI logs with it). */
  onRequest?: (request: RecordedRequest) => void;
  /**
   * Per-family switch (reference §9 item 7), both "enabled" by default. "no-route" answers every path
   * of that family like an unknown route: v1 off simulates the time after its 2026-10-01 removal.
   */
  families?: { v1?: FamilySwitch; v2?: FamilySwitch };
  /** Every request waits this long (ms, >= 0, default 0) after its body is read; close() cuts it short. */
  latencyMs?: number;
  /**
   * Bounds of `requests`: only the newest `maxEntries` are kept (default 100,000), and a body is kept
   * only up to `maxBodyBytes` (default 256 KiB; larger ones are logged with `bodyOmitted: "too-large"`).
   * Bodies of requests whose credentials failed are never read nor kept (`bodyOmitted: "unauthenticated"`).
   */
  requestLog?: { maxEntries?: number; maxBodyBytes?: number };
}

/** Library defaults: far above what a test sends, yet bounded. The CLI passes smaller ones. */
export const DEFAULT_REQUEST_LOG = { maxEntries: 100_000, maxBodyBytes: 256 * 1024 } as const;

function checkLogLimit(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`requestLog.${name} must be an integer >= 0, got ${String(value)}`);
  return n;
}

export interface EmulatorMapping {
  ip: string;
  vendor: string;
  region: string;
  modifiedOn: string;
}

export interface EmulatorFaults {
  enqueue(...faults: ScriptedFault[]): void;
  setRates(rates: FaultRates | null): void;
  /** Empties the queue and turns rates off. */
  clear(): void;
  pending(): number;
}

export interface Emulator {
  /** e.g. "http://127.0.0.1:<port>/client/v4" (an IPv6 host is bracketed). */
  url: string;
  port: number;
  /** Closes the server and every open keep-alive socket promptly. */
  close(): Promise<void>;
  /** Requests received, in order: the newest `requestLog.maxEntries` of them. */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  /** Requests whose method is not GET. */
  writeRequests(): RecordedRequest[];
  /** Mappings of a zone, sorted by IP (IPv4 first, then numerically). */
  mappings(zoneId: string): EmulatorMapping[];
  /** Direct write that bypasses HTTP, auth, faults, region validation and the 3,500 ceiling. */
  putMapping(zoneId: string, mapping: { ip: string; vendor: string; region: string }): void;
  deleteMapping(zoneId: string, ip: string): boolean;
  faults: EmulatorFaults;
  /** Replaces the region list used both for validation and for supported_regions. */
  setSupportedRegions(vendors: Record<string, string[]>): void;
  /** Batch (and single) items with these pairs fail although supported_regions lists them. Replaces the previous set. */
  rejectRegions(pairs: Array<{ vendor: string; region: string; message?: string }>): void;
  setTieredCache(on: boolean): void;
  setObtainedCodes(on: boolean): void;
  setFamily(family: ApiFamily, value: FamilySwitch): void;
  /** Changes the per-request latency for requests whose body finishes arriving from now on. */
  setLatency(ms: number): void;
  /**
   * Replaces the accepted Bearer token (`apiToken`) for requests whose headers arrive from now on: a
   * rotation, after which the old token is refused (403 / 10000). `undefined` accepts any well-formed one.
   */
  setApiToken(token: string | undefined): void;
}

/** Refuses to expose an API that accepts any token to the network. */
function assertLoopback(host: string): void {
  if (isLoopbackName(host)) return;
  throw new Error(`emulator refuses to listen on non-loopback host ${JSON.stringify(host)}; use 127.0.0.1, ::1 or localhost`);
}

function requireZone(state: EmulatorState, zoneId: string): void {
  if (!state.zoneExists(zoneId)) throw new Error(`zone ${JSON.stringify(zoneId)} does not exist in this emulator`);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  assertLoopback(host);
  for (const zone of options.zones ?? []) {
    if (!ZONE_ID.test(zone)) throw new Error(`zone id ${JSON.stringify(zone)} is not 32 lowercase hex characters`);
  }
  for (const family of API_FAMILIES) {
    const value = options.families?.[family];
    if (value !== undefined) checkFamily(family, value);
  }
  if (options.legacyAuth !== undefined) checkLegacyAuth(options.legacyAuth);
  checkScopedTokens(options.scopedTokens ?? []);
  const latencyMs = checkLatency(options.latencyMs ?? 0);
  const requestLog = {
    maxEntries: checkLogLimit("maxEntries", options.requestLog?.maxEntries, DEFAULT_REQUEST_LOG.maxEntries),
    maxBodyBytes: checkLogLimit("maxBodyBytes", options.requestLog?.maxBodyBytes, DEFAULT_REQUEST_LOG.maxBodyBytes),
  };
  const clock = options.clock ?? (() => new Date());
  const state = new EmulatorState(clock, options.zones === undefined ? null : new Set(options.zones));
  state.families = { v1: options.families?.v1 ?? "enabled", v2: options.families?.v2 ?? "enabled" };
  state.latencyMs = latencyMs;
  const dataFile = options.dataFile;
  if (dataFile !== undefined) {
    const snapshot = loadSnapshot(dataFile);
    if (snapshot !== undefined) state.store.restore(snapshot);
  }
  const persist = (): void => {
    if (dataFile !== undefined) saveSnapshot(dataFile, state.store.snapshot());
  };
  const injector = new FaultInjector();
  // Read by the server on every request, so that setApiToken takes effect at once.
  const auth: AuthConfig = {
    apiToken: options.apiToken,
    readOnlyToken: options.readOnlyToken,
    legacyAuth: options.legacyAuth,
    wrongTokenCode: options.wrongTokenCode,
    scopedTokens: options.scopedTokens?.map((t) => ({ ...t, zones: [...t.zones] })),
  };
  const server = new EmulatorServer({
    state,
    faults: injector,
    limiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock),
    auth,
    afterChange: persist,
    onRequest: options.onRequest,
    requestLog,
  });
  const address = await server.listen(options.port ?? 0, host);
  const urlHost = address.address.includes(":") ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}/client/v4`,
    port: address.port,
    close: () => server.close(),
    get requests() {
      return server.requests;
    },
    clearRequests: () => {
      server.requests.length = 0;
    },
    writeRequests: () => server.requests.filter((r) => r.method !== "GET"),
    mappings: (zoneId) => state.store.list(zoneId).map((m) => ({ ip: m.ip, vendor: m.vendor, region: m.region, modifiedOn: m.modifiedOn })),
    putMapping: (zoneId, mapping) => {
      requireZone(state, zoneId);
      const ip = canonicalizeIp(mapping.ip);
      if (ip === null) throw new Error(`invalid IP address ${JSON.stringify(mapping.ip)}`);
      const before = state.store.revision;
      state.store.upsert(zoneId, { ip, vendor: mapping.vendor, region: mapping.region }, true);
      if (state.store.revision !== before) persist();
    },
    deleteMapping: (zoneId, ip) => {
      const deleted = state.store.delete(zoneId, ip) !== undefined;
      if (deleted) persist();
      return deleted;
    },
    faults: {
      enqueue: (...faults) => injector.enqueue(...faults),
      setRates: (rates) => injector.setRates(rates),
      clear: () => injector.clear(),
      pending: () => injector.pending(),
    },
    setSupportedRegions: (vendors) => state.setSupportedRegions(vendors),
    rejectRegions: (pairs) => state.rejectRegions(pairs),
    setTieredCache: (on) => {
      state.tieredCache = on;
    },
    setObtainedCodes: (on) => {
      state.obtainedCodes = on;
    },
    setFamily: (family, value) => {
      checkFamily(family, value);
      state.families[family] = value;
    },
    setLatency: (ms) => {
      state.latencyMs = checkLatency(ms);
    },
    setApiToken: (token) => {
      if (token !== undefined) checkBearerToken(token);
      auth.apiToken = token;
    },
  };
}
