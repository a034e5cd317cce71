// A stricter server in front of the emulator, for what the emulator is lenient about: it does not
// decode `%3A` (a percent-encoded IPv6 in a path draws a 404 without a Cloudflare envelope, as a
// server that does not route the path would), it leaves `total_pages` (or more) out of result_info,
// as older generated clients' servers do, and it adds fields nobody declared to every entry. A
// mapping of a vendor the package does not know is put in the emulator directly (putMapping), so
// that list and single-read answers carry it and deletes remove it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import type { Emulator } from "../../emulator";

export interface StrictServerOptions {
  /** result_info keys left out of every answer; default `total_pages`. */
  omitInfo?: string[];
}

export interface StrictServer {
  /** The base URL to configure: `http://127.0.0.1:<port>/client/v4`. */
  url: string;
  /** Paths answered with a 404 without an envelope, in order. */
  bare404s: string[];
  /** Every request path (raw, as sent) and method, in order. */
  requests: Array<{ method: string; path: string }>;
  /** When true, every single-mapping read (GET of one IP) is answered with a 404 without an envelope. */
  bareSingleReads: boolean;
  /** The body of a 404 without an envelope: HTML by default; a JSON body of another shape is the other case. */
  bareBody: string;
  close(): Promise<void>;
}

const SINGLE_READ = /\/(origin\/cloud_regions|cache\/origin_cloud_regions)\/(?!batch$|supported_regions$)[^/?]+$/;
/** What a 404 without an envelope carries by default. */
export const BARE_HTML = "<html><body><h1>404 Not Found</h1></body></html>";
const DROPPED_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive"]);

/** Adds a field no client declares to an entry-shaped object (v1 `origin-ip` or v2 `origin_ip`). */
function decorate(entry: unknown): unknown {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return entry;
  return "origin_ip" in entry || "origin-ip" in entry ? { ...entry, colour: "ultraviolet", tags: { added: "later" } } : entry;
}

function rewrite(text: string, omitInfo: readonly string[]): string {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text;
  }
  if (typeof body !== "object" || body === null) return text;
  const info = body["result_info"];
  if (typeof info === "object" && info !== null) {
    const kept = { ...(info as Record<string, unknown>) };
    for (const key of omitInfo) delete kept[key];
    body["result_info"] = kept;
  }
  const result = body["result"];
  if (Array.isArray(result)) body["result"] = result.map(decorate);
  else if (typeof result === "object" && result !== null) {
    const r = result as Record<string, unknown>;
    const value = r["value"];
    body["result"] = "value" in r ? { ...r, value: Array.isArray(value) ? value.map(decorate) : decorate(value) } : decorate(r);
  }
  return JSON.stringify(body);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts the stricter server on a free loopback port, forwarding to `emulator`. Close it in `after`. */
export async function startStrictServer(emulator: Emulator, options: StrictServerOptions = {}): Promise<StrictServer> {
  const origin = new URL(emulator.url).origin;
  const omitInfo = options.omitInfo ?? ["total_pages"];
  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = req.url ?? "/";
      const path = raw.split("?")[0] ?? raw;
      strict.requests.push({ method: req.method ?? "GET", path: raw });
      const body = await readBody(req);
      if (/%3a/i.test(path) || (strict.bareSingleReads && req.method === "GET" && SINGLE_READ.test(path))) {
        strict.bare404s.push(raw);
        const json = strict.bareBody.startsWith("{");
        res.writeHead(404, { "content-type": json ? "application/json" : "text/html" }).end(strict.bareBody);
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string" && !DROPPED_HEADERS.has(k) && k !== "host") headers[k] = v;
      const answer = await request(`${origin}${raw}`, { method: req.method as "GET", headers, body: body === "" ? null : body });
      const text = rewrite(await answer.body.text(), omitInfo);
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !DROPPED_HEADERS.has(k)) out[k] = v;
      res.writeHead(answer.statusCode, { ...out, "content-length": String(Buffer.byteLength(text)) }).end(text);
    })().catch((error: unknown) => {
      res.writeHead(502, { "content-type": "text/plain" }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const strict: StrictServer = {
    url: `http://127.0.0.1:${port}/client/v4`,
    bare404s: [],
    requests: [],
    bareSingleReads: false,
    bareBody: BARE_HTML,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return strict;
}
