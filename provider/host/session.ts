/**
 * A provider instance's session: its settings (stack config, then the environment), one Cloudflare
 * client and supported-regions cache per token its resources carry (several accounts in one
 * program), and where its lines go. Kept outside the provider object, in a registry on `globalThis`
 * that the closure serializer never captures: whatever happens to an instance, its serialized form
 * cannot hold a token or a connection pool.
 */
import type { CallContext, ClientOptions, CloudflareClient } from "../cloudflare/client";
import { createCloudflareClient } from "../cloudflare/client";
import { tokenKey } from "../cloudflare/token-key";
import type { SupportedRegions } from "../core/inputs";
import type { Reporter } from "../report/reporter";
import { consoleReporter } from "../report/reporter";
import { familyFallback, quotaWaiting, retrying } from "../report/step-lines";
import type { Credential } from "./credentials";
import { engineGoneSignal } from "./engine-watch";
import type { ConfigReader, Settings } from "./settings";
import { missingTokenError, resolveSettings } from "./settings";

/** A step's call context, with what its closing report needs. */
export interface StepContext extends CallContext {
  started: number;
  requests: number;
}

/** What one provider instance keeps between calls. */
export interface Session {
  settings: Settings;
  reporter: Reporter;
  timing: ClientTiming;
  /** Per token, keyed by a digest of it (see tokenKey), never by the token. */
  accounts: Map<string, Account>;
  /**
   * Resources (see {@link resourceKey}) read in this process and not checked since. A refresh runs
   * no check: the diff the engine then asks for compares the refreshed state with the inputs it had,
   * to display the refresh, and is no plan for a reviewer (read has told what it found).
   */
  refreshed: Set<string>;
}

/** The key of a resource in {@link Session.refreshed}: its name and zone. */
export function resourceKey(name: string | undefined, zoneId: unknown): string {
  return `${name ?? ""} ${String(zoneId)}`;
}

/** What is kept per token: its client (and through it, its request window) and what preview read with it. */
export interface Account {
  client: CloudflareClient;
  /** Supported regions by zone: a zone's list is what this token may see. */
  regions: Map<string, Promise<SupportedRegions>>;
}

/** What one step works with: the session, and the credential of the resource it serves. */
export interface Access {
  session: Session;
  credential: Credential;
}

/** How the client waits and draws jitter: the real clock by default, injected by tests. */
export type ClientTiming = Pick<ClientOptions, "sleep" | "random">;

interface RuntimeState {
  config: ConfigReader | undefined;
  reporter: Reporter | undefined;
  timing: ClientTiming;
  session: Session | undefined;
}

function runtimeState(provider: object): RuntimeState {
  const registries = globalThis as unknown as Record<symbol, WeakMap<object, RuntimeState> | undefined>;
  const key = Symbol.for("pulumi-cloudflare-origin-cloud-regions/runtime-state");
  const registry = (registries[key] ??= new WeakMap());
  let state = registry.get(provider);
  if (!state) {
    state = { config: undefined, reporter: undefined, timing: {}, session: undefined };
    registry.set(provider, state);
  }
  return state;
}

/** Records the stack config (decrypted) the host passed; settings are read from it on next use. */
export function configureSession(provider: object, config: ConfigReader | undefined): void {
  const state = runtimeState(provider);
  state.config = config;
  state.session = undefined;
}

/** Sends what the provider reports to `reporter` instead of the console (tests, tools). */
export function reportTo(provider: object, reporter: Reporter): void {
  const state = runtimeState(provider);
  state.reporter = reporter;
  if (state.session) state.session.reporter = reporter;
}

/** Makes the provider's client wait and draw jitter through `timing` (tests that must not sleep). */
export function timeClientWith(provider: object, timing: ClientTiming): void {
  const state = runtimeState(provider);
  state.timing = timing;
  state.session = undefined;
}

/** The session's settings as resolved so far, if any (for error hints). */
export function currentSettings(provider: object): Settings | undefined {
  return runtimeState(provider).session?.settings;
}

/** The provider's session; settings are resolved on first use, so a bad value fails the step that needs it. */
export function sessionOf(provider: object): Session {
  const state = runtimeState(provider);
  state.session ??= {
    settings: resolveSettings(state.config, process.env),
    reporter: state.reporter ?? consoleReporter(),
    timing: state.timing,
    accounts: new Map(),
    refreshed: new Set(),
  };
  return state.session;
}

/**
 * The account of the step's token, its client built on first use; fails naming every way to set a
 * token when the resource has none of its own and the stack has none either.
 */
export function accountOf(access: Access): Account {
  const { session, credential } = access;
  if (credential.token === undefined) throw missingTokenError(session.settings.keys);
  const key = tokenKey(credential.token);
  let account = session.accounts.get(key);
  if (account === undefined) {
    const { baseUrl, baseUrlSource, apiFamily, apiFamilySource } = session.settings;
    const client = createCloudflareClient({
      ...session.timing,
      baseUrl,
      baseUrlSource,
      token: credential.token,
      apiFamily,
      apiFamilySource,
      onRetry: (r) => session.reporter.info(retrying(r)),
      onFamilyFallback: (zoneId) => session.reporter.info(familyFallback(zoneId)),
      onQuotaWait: (notice) => session.reporter.info(quotaWaiting(notice)),
    });
    account = { client, regions: new Map() };
    session.accounts.set(key, account);
  }
  return account;
}

/** The client of the step's token. */
export function clientOf(access: Access): CloudflareClient {
  return accountOf(access).client;
}

/** Each step's retry deadline, the signal that stops it when the engine is gone, and its request count. */
export function stepContext(session: Session): StepContext {
  const started = Date.now();
  const step: StepContext = { deadline: started + session.settings.retryBudgetMs, signal: engineGoneSignal(), started, requests: 0 };
  step.onRequest = () => void step.requests++;
  return step;
}
