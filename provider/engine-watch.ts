/**
 * The dynamic-provider host is a child of the Pulumi engine. When the engine dies (a CI runner's
 * timeout, an OOM kill, SIGKILL of the CLI alone) the host keeps running: left alone it would finish
 * writing every batch of its step for an engine that can no longer record any of them, then idle.
 * This notices the engine is gone (the host's parent process changed: it was re-parented) and
 * aborts a signal every step passes to its calls, so no batch starts after that; inside the host it
 * then exits.
 */
const POLL_MS = 250;
/** Time for requests already on the wire to get their answer before the host exits. */
const EXIT_GRACE_MS = 3_000;

interface Watch {
  controller: AbortController;
  timer: ReturnType<typeof setInterval> | undefined;
}

/** True in the process Pulumi starts to host dynamic providers (not in tests or a user's program). */
function inProviderHost(): boolean {
  return process.argv.some((arg) => /[\\/]cmd[\\/]dynamic-provider([\\/]|$)/.test(arg));
}

/**
 * A signal aborted once the engine that started this process is gone. One per process, kept on
 * `globalThis` because the provider is rebuilt from its serialized text and must not start one
 * watcher per copy.
 */
export function engineGoneSignal(): AbortSignal {
  const registry = globalThis as unknown as Record<symbol, Watch | undefined>;
  const key = Symbol.for("pulumi-cloudflare-origin-cloud-regions/engine-watch");
  let watch = registry[key];
  if (watch === undefined) {
    const controller = new AbortController();
    const parent = process.ppid;
    const timer = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(timer);
      controller.abort(new Error("the Pulumi engine that started this provider has gone away"));
      if (inProviderHost()) setTimeout(() => process.exit(1), EXIT_GRACE_MS).unref();
    }, POLL_MS);
    // Never keeps a process alive on its own.
    timer.unref();
    watch = { controller, timer };
    registry[key] = watch;
  }
  return watch.controller.signal;
}
