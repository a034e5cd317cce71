/**
 * A provider instance's session: its settings (stack config, then the environment), its Cloudflare
 * client, the supported-regions cache and where its lines go. Kept outside the provider object, in
 * a registry on `globalThis` that the closure serializer never captures: whatever happens to an
 * instance, its serialized form cannot hold a token or a connection pool.
 */
import type { CallContext, ClientOptions, CloudflareClient } from "../cloudflare/client";
import { createCloudflareClient } from "../cloudflare/client";
import type { SupportedRegions } from "../core/inputs";
import type { Reporter } from "../report/reporter";
import { consoleReporter } from "../report/reporter";
import { familyFallback, quotaWaiting, retrying } from "../report/step-lines";
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
  client: CloudflareClient | undefined;
  regions: Map<string, Promise<SupportedRegions>>;
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
    client: undefined,
    regions: new Map(),
  };
  return state.session;
}

/** The session's client, built on first use; fails naming both ways to set a token when there is none. */
export function clientOf(session: Session): CloudflareClient {
  if (!session.client) {
    const { token, baseUrl, apiFamily, apiFamilySource } = session.settings;
    if (token === undefined) throw missingTokenError();
    session.client = createCloudflareClient({
      ...session.timing,
      baseUrl,
      token,
      apiFamily,
      apiFamilySource,
      onRetry: (r) => session.reporter.info(retrying(r)),
      onFamilyFallback: (zoneId) => session.reporter.info(familyFallback(zoneId)),
      onQuotaWait: (notice) => session.reporter.info(quotaWaiting(notice)),
    });
  }
  return session.client;
}

/** Each step's retry deadline, the signal that stops it when the engine is gone, and its request count. */
export function stepContext(session: Session): StepContext {
  const started = Date.now();
  const step: StepContext = { deadline: started + session.settings.retryBudgetMs, signal: engineGoneSignal(), started, requests: 0 };
  step.onRequest = () => void step.requests++;
  return step;
}
