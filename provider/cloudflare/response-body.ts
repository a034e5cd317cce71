/**
 * Reads an answer's body, up to a bound. The largest answer this API gives is far below it: a v2
 * list page holds at most 100 mappings (about 15 KB), a v1 list all of a zone's 3,500 (about 400 KB),
 * the supported regions a few KB. A body past the bound is not Cloudflare's answer to this client (a
 * misrouted base URL, a proxy's page, a server gone wrong): it is not read whole, not parsed, and none
 * of it is shown.
 */
import type { Dispatcher } from "undici";
import { CloudflareError } from "./errors";

/**
 * 8 MiB: over ten times the largest answer the API documents (a v1 list of 3,500 mappings), yet small
 * enough that reading and parsing it cannot exhaust the provider host's memory.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

const sizeText = (bytes: number) => `${bytes.toLocaleString("en-US")} bytes`;
const mib = (bytes: number) => (bytes % 1048576 === 0 ? `${bytes / 1048576} MiB` : sizeText(bytes));

/** An answer's body was larger than {@link MAX_RESPONSE_BYTES}; it was not read whole. Never carries body text. */
export class ResponseTooLargeError extends CloudflareError {
  readonly status: number;
  readonly action: string;
  /** The size the server declared (Content-Length), or how much had arrived when reading stopped. */
  readonly bytes: number;
  readonly limit: number;
  constructor(
    action: string,
    endpoint: string,
    status: number,
    bytes: number,
    declared: boolean,
    limit: number,
    /** The setting that chose the base URL (config key or environment variable). */
    baseUrlSource: string,
  ) {
    const size = declared ? `${sizeText(bytes)} (its Content-Length)` : `at least ${sizeText(bytes)}`;
    super(
      "CF_RESPONSE_TOO_LARGE",
      `Failed to ${action} (${endpoint}, ${status}): the answer's body is ${size}, over the ${mib(limit)} ` +
        "this client reads; it was not read. No Cloudflare API answer is that large: " +
        `check that ${baseUrlSource} points to the Cloudflare API, or to a proxy that passes its answers through unchanged.`,
    );
    this.name = "ResponseTooLargeError";
    this.status = status;
    this.action = action;
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** Where a call went, for messages: method and path (never the host or a header). */
export interface Endpoint {
  method: string;
  path: string;
}

/**
 * The body as text, or a {@link ResponseTooLargeError} once it passes `limit` bytes: at once when
 * Content-Length says so, else while it arrives. The rest is never read (the connection is dropped).
 */
export async function readBody(
  action: string,
  endpoint: Endpoint,
  response: Dispatcher.ResponseData,
  limit: number,
  baseUrlSource: string,
): Promise<string> {
  const where = `${endpoint.method} ${endpoint.path}`;
  const declared = Number(headerValue(response.headers["content-length"]) ?? Number.NaN);
  if (Number.isSafeInteger(declared) && declared > limit) {
    response.body.destroy();
    throw new ResponseTooLargeError(action, where, response.statusCode, declared, true, limit, baseUrlSource);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      response.body.destroy();
      throw new ResponseTooLargeError(action, where, response.statusCode, size, false, limit, baseUrlSource);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
