/**
 * The dynamic-provider host is a child of the Pulumi engine. When the engine dies (a CI runner's
 * timeout, an OOM kill, SIGKILL of the CLI alone) the host keeps running: left alone it would finish
 * writing every batch of its step for an engine that can no longer record any of them, then idle.
 * This notices the engine is gone and aborts a signal every step passes to its calls, so no batch
 * starts after that; inside the host it then exits.
 *
 * The host's parent is usually not the engine: Pulumi starts the plugin through a shell shim
 * (`pulumi-resource-pulumi-nodejs`) that does not `exec` node, so when the engine dies the shim is
 * re-parented and the host's own parent never changes. So three signs, checked every 250 ms: the
 * host's parent changed, or the shim's parent did (read from /proc, where there is one), or, once a
 * second, the engine's gRPC address (the host's argument, `127.0.0.1:<port>`) refuses connections.
 */
import { readFileSync } from "node:fs";
import { connect } from "node:net";

const POLL_MS = 250;
/** How often the engine's address is probed (one TCP connect, closed at once). */
const PROBE_MS = 1_000;
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

/** The engine's address, the host's `host:port` argument; undefined outside the provider host. */
export function engineAddress(argv: readonly string[] = process.argv): { host: string; port: number } | undefined {
  if (!argv.some((arg) => /[\\/]cmd[\\/]dynamic-provider([\\/]|$)/.test(arg))) return undefined;
  const arg = argv.find((a) => /^(\[[0-9a-f:]+\]|[\w.-]+):\d{1,5}$/i.test(a));
  if (arg === undefined) return undefined;
  const at = arg.lastIndexOf(":");
  return { host: arg.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(arg.slice(at + 1)) };
}

/** The parent of process `pid` from /proc; undefined where there is no /proc or the process is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

/**
 * The engine's pid when this process's parent is Pulumi's shell shim (whose parent is the engine);
 * else undefined. Only then is the grandparent the engine: otherwise it is whatever started the
 * engine, which may come and go while the engine lives.
 */
function engineBehindShim(parent: number): number | undefined {
  try {
    if (!readFileSync(`/proc/${parent}/cmdline`, "utf8").includes("pulumi-resource-pulumi-nodejs")) return undefined;
  } catch {
    return undefined;
  }
  return parentOf(parent);
}

/** Calls `gone` when a connection to the address is refused (nothing listens there any more). */
function probe(address: { host: string; port: number }, gone: () => void, settled: () => void): void {
  const socket = connect({ host: address.host, port: address.port });
  socket.setTimeout(PROBE_MS);
  const done = () => {
    socket.destroy();
    settled();
  };
  socket.once("connect", done);
  socket.once("timeout", done);
  socket.once("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "ECONNREFUSED") gone();
    done();
  });
  socket.unref();
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
    const engine = engineBehindShim(parent);
    const address = engineAddress();
    let probing = false;
    let lastProbe = 0;
    // Declared before the closures that use it: the closure serializer cannot capture a variable in
    // its temporal dead zone.
    let timer: ReturnType<typeof setInterval> | undefined = undefined;
    const gone = () => {
      if (controller.signal.aborted) return;
      clearInterval(timer);
      controller.abort(new Error("the Pulumi engine that started this provider has gone away"));
      if (inProviderHost()) setTimeout(() => process.exit(1), EXIT_GRACE_MS).unref();
    };
    timer = setInterval(() => {
      if (process.ppid !== parent) return gone();
      if (engine !== undefined && parentOf(parent) !== engine) return gone();
      if (address === undefined || probing || Date.now() - lastProbe < PROBE_MS) return;
      probing = true;
      lastProbe = Date.now();
      probe(address, gone, () => (probing = false));
    }, POLL_MS);
    // Never keeps a process alive on its own.
    timer.unref();
    watch = { controller, timer };
    registry[key] = watch;
  }
  return watch.controller.signal;
}
