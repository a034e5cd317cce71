// HTTP plumbing: body reading, request log, latency, faults, auth, rate limiting and writing (or
// dropping) the answer. Endpoint behaviour lives in v1.ts and v2.ts; both families go through this
// one pipeline, so auth, limits, faults, persistence and the log behave the same for each.
//
// Order for each request, chosen so every test knob is predictable:
//   record → Host check (403 unless loopback) → Content-Length check (413 above the cap) → check the
//   credentials (headers only) → read the body (kept only when the credentials passed) → latency →
//   scripted/rate fault → route ("no route" needs no credentials) → auth answer → rate-limit counter →
//   handler → persist → answer.
// The Host and Content-Length refusals come first and consume no fault: nothing of such a request is
// read. Credentials are checked before the body is read, so an unauthenticated client cannot make the
// emulator buffer (or log) its body; their answer still comes after faults, so a test can fail "the
// next request" without caring about its headers. Latency comes before faults so that a faulted
// answer is as slow as a normal one.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { authenticate, type AuthConfig, type AuthVerdict } from "./auth";
import { CODES, failure, noRoute, rateLimited, serverError, type Reply } from "./envelope";
import type { FaultInjector } from "./faults";
import type { RateLimiter, RateLimitState } from "./ratelimit";
import type { EmulatorState } from "./state";
import type { Handler, ParsedBody, Router } from "./family";
import { routeV1 } from "./v1";
import { routeV2 } from "./v2";
import { hasBody, parseBody, readBody } from "./request-body";
import { faultEndpoint, refuseBeforeReading } from "./request-gate";
import { appendBounded, type RecordedRequest, type RequestLogLimits } from "./request-log";

export type { RecordedRequest, RequestLogLimits } from "./request-log";

export interface ServerDeps {
  state: EmulatorState;
  faults: FaultInjector;
  limiter: RateLimiter;
  auth: AuthConfig;
  /** Called after any request that changed the store (persistence). */
  afterChange: () => void;
  /** Called once per request when its outcome is known (CLI logging). */
  onRequest?: ((r: RecordedRequest) => void) | undefined;
  /** Bounds of the request log: the newest `maxEntries` are kept, bodies up to `maxBodyBytes` each. */
  requestLog: RequestLogLimits;
}

const API_PREFIX = "/client/v4";
// Their paths do not overlap, so at most one family matches a request.
const ROUTERS: readonly Router[] = [routeV1, routeV2];

/** The first family that knows `method path`; a switched-off family knows nothing. */
function route(state: EmulatorState, method: string, path: string, query: string): Handler | null {
  for (const router of ROUTERS) {
    const handler = router(state, method, path, query);
    if (handler !== null) return handler;
  }
  return null;
}

function splitUrl(url: string): { path: string; query: string; prefixed: boolean } {
  const q = url.indexOf("?");
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q + 1);
  const prefixed = rawPath === API_PREFIX || rawPath.startsWith(`${API_PREFIX}/`);
  return { path: prefixed ? rawPath.slice(API_PREFIX.length) : rawPath, query, prefixed };
}

export class EmulatorServer {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly sleepers = new Set<() => void>();
  private closed = false;

  constructor(private readonly deps: ServerDeps) {
    this.server = createServer((req, res) => {
      const method = (req.method ?? "GET").toUpperCase();
      const { path, query, prefixed } = splitUrl(req.url ?? "/");
      const rec: RecordedRequest = { method, path, query, body: undefined, status: null, authorized: false, receivedAt: Date.now() };
      this.record(rec);
      this.handle(req, res, rec, prefixed).catch((err: unknown) => {
        // A bug or a failed persistence write must still produce an envelope, not a hung request.
        process.stderr.write(`emulator: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
        if (!res.headersSent && !res.destroyed) this.send(res, rec, serverError(500, "internal_error"), this.deps.limiter.peek(null));
      });
    });
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => {
        this.server.off("error", reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops listening and drops every open (keep-alive or delayed) connection right away. */
  close(): Promise<void> {
    this.closed = true;
    for (const wake of this.sleepers) wake();
    return new Promise((resolve) => {
      if (!this.server.listening) {
        resolve();
        return;
      }
      this.server.close(() => resolve());
      this.server.closeAllConnections();
      for (const socket of this.sockets) socket.destroy();
    });
  }

  /** Appends to the log, dropping the oldest entries beyond the cap. */
  private record(rec: RecordedRequest): void {
    appendBounded(this.requests, rec, this.deps.requestLog.maxEntries);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, prefixed: boolean): Promise<void> {
    const { method, path } = rec;
    const refusal = refuseBeforeReading(req);
    if (refusal !== null) return this.send(res, rec, refusal, this.deps.limiter.peek(null));
    const verdict = authenticate(req.headers, this.deps.auth, method !== "GET" && method !== "HEAD", path);
    rec.authorized = verdict.ok;
    if (verdict.tokenName !== undefined) rec.tokenName = verdict.tokenName;
    const read = await readBody(req, verdict.ok);
    if (!verdict.ok && hasBody(req)) rec.bodyOmitted = "unauthenticated";
    if (read.kind === "aborted") return this.drop(req, rec);
    const latency = this.deps.state.latencyMs;
    if (latency > 0) {
      await this.sleep(latency);
      if (this.closed) return this.drop(req, rec);
    }
    if (read.kind === "too-large") {
      this.send(
        res,
        rec,
        failure(413, { code: CODES.invalidBody, message: "Request body is too large" }),
        this.deps.limiter.peek(verdict.key),
      );
      return;
    }
    const body = parseBody(read.text);
    if (body.kind === "json") {
      if (Buffer.byteLength(read.text) <= this.deps.requestLog.maxBodyBytes) rec.body = body.value;
      else rec.bodyOmitted = "too-large";
    }

    const fault = this.deps.faults.take(method, path);
    if (fault !== undefined) rec.fault = fault.kind;
    switch (fault?.kind) {
      case "reset":
        return this.drop(req, rec);
      case "429": {
        const seconds = fault.retryAfter ?? 1;
        return this.send(res, rec, rateLimited(seconds), { allowed: false, remaining: 0, resetSeconds: Math.max(1, Math.ceil(seconds)) });
      }
      case "5xx": {
        const reply = serverError(fault.status ?? 500, fault.code ?? "internal_error", faultEndpoint(method, path));
        return this.send(res, rec, reply, this.deps.limiter.peek(verdict.key));
      }
      case "no-route":
        return this.send(res, rec, noRoute(path), this.deps.limiter.peek(verdict.key));
      case "delay":
        await this.sleep(fault.ms);
        if (this.closed) return this.drop(req, rec);
        break;
      default:
        break;
    }

    const { reply, limit } = this.execute(method, path, rec.query, prefixed, body, verdict);
    // The change is already applied (and persisted); only the answer is lost, as with a dropped response.
    if (fault?.kind === "reset-after-apply") return this.drop(req, rec);
    this.send(res, rec, reply, limit);
  }

  /** `prefixed` is false when the URL is outside /client/v4, where nothing is routed. */
  private execute(
    method: string,
    path: string,
    query: string,
    prefixed: boolean,
    body: ParsedBody,
    verdict: AuthVerdict,
  ): { reply: Reply; limit: RateLimitState } {
    const { state, limiter } = this.deps;
    const handler = prefixed ? route(state, method, path, query) : null;
    if (handler === null) return { reply: noRoute(path), limit: limiter.peek(verdict.key) };
    if (!verdict.ok) return { reply: failure(verdict.status, ...verdict.errors), limit: limiter.peek(verdict.key) };
    const limit = limiter.hit(verdict.key);
    if (!limit.allowed) return { reply: rateLimited(limit.resetSeconds), limit };
    const before = state.store.revision;
    const reply = handler(body, verdict.editable);
    if (state.store.revision !== before) this.deps.afterChange();
    return { reply, limit };
  }

  private send(res: ServerResponse, rec: RecordedRequest, reply: Reply, limit: RateLimitState): void {
    const payload = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(payload),
      ...this.deps.limiter.headers(limit),
      ...reply.headers,
    });
    res.end(payload);
    rec.status = reply.status;
    this.deps.onRequest?.(rec);
  }

  /** Kills the connection with a TCP reset and no HTTP answer at all. */
  private drop(req: IncomingMessage, rec: RecordedRequest): void {
    rec.status = null;
    const socket = req.socket;
    if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
    else socket.destroy();
    this.deps.onRequest?.(rec);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}
