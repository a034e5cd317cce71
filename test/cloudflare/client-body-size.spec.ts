// The client reads an answer's body up to 8 MiB and no further, against a small local server: a
// larger Content-Length fails at once, a larger body without one fails once 8 MiB have passed, and
// neither error carries any of the body's text.
import assert from "node:assert/strict";
import { loopbackServerForSuite } from "../support/loopback-server";
import type http from "node:http";
import { createCloudflareClient } from "../../provider/cloudflare/client";
import { RequestWindow } from "../../provider/cloudflare/request-window";
import { MAX_RESPONSE_BYTES } from "../../provider/cloudflare/response-body";
import { hasErrorCode, messageOf } from "../../provider/cloudflare/errors";
import { TEST_TOKEN, zoneId } from "../support/emulator";

const ZONE = zoneId(0x7201);
const PATH = `/client/v4/zones/${ZONE}/origin/cloud_regions/supported_regions`;
/** Text in every oversized body: it must never reach a message. */
const MARKER = "SECRET-BODY-TEXT";

type Answer = (res: http.ServerResponse) => void;

/** A JSON envelope of supported regions padded with spaces to exactly `bytes` bytes. */
function envelopeOf(bytes: number): string {
  const json = JSON.stringify({ success: true, errors: [], messages: [], result: { vendors: { aws: [{ name: "us-east-1" }] } } });
  return json + " ".repeat(bytes - json.length);
}

/** Writes `total` bytes of the marker in 64 KiB chunks, without a Content-Length (chunked). */
function stream(res: http.ServerResponse, status: number, total: number): void {
  res.writeHead(status, { "content-type": "application/json" });
  const chunk = Buffer.from(MARKER.repeat(Math.ceil(65536 / MARKER.length)).slice(0, 65536));
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on("error", () => undefined);
  pump();
}

describe("Cloudflare client: the bound on an answer's body", () => {
  let answer: Answer = () => undefined;
  const server = loopbackServerForSuite((req, res) => {
    req.resume();
    answer(res);
  });
  const client = (baseUrlSource?: string) =>
    createCloudflareClient({
      baseUrl: server.url,
      ...(baseUrlSource === undefined ? {} : { baseUrlSource }),
      token: TEST_TOKEN,
      apiFamily: "v2",
      window: new RequestWindow(),
      retry: { maxAttempts: 2 },
      sleep: async () => undefined,
    });

  async function failure(baseUrlSource?: string): Promise<unknown> {
    const c = client(baseUrlSource);
    try {
      await c.supportedRegions(ZONE);
    } catch (error) {
      return error;
    } finally {
      await c.close();
    }
    assert.fail("the call succeeded");
  }

  it("reads a body of exactly 8 MiB", async () => {
    answer = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(envelopeOf(MAX_RESPONSE_BYTES));
    };
    const c = client();
    assert.deepEqual(await c.supportedRegions(ZONE), { aws: ["us-east-1"] });
    await c.close();
  });

  it("refuses a Content-Length over 8 MiB before reading the body, naming the call, its endpoint and the size", async () => {
    answer = (res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(MAX_RESPONSE_BYTES + 1) });
      res.write(MARKER);
    };
    const error = await failure();
    assert.ok(hasErrorCode(error, "CF_RESPONSE_TOO_LARGE"));
    assert.equal(
      messageOf(error),
      `Failed to fetch supported regions (GET ${PATH.replace("/client/v4", "")}, 200): the answer's body is 8,388,609 bytes ` +
        "(its Content-Length), over the 8 MiB this client reads; it was not read. No Cloudflare API answer is that large: check " +
        "that cloudflare:baseUrl points to the Cloudflare API, or to a proxy that passes its answers through unchanged.",
    );
    assert.equal((error as { bytes?: number }).bytes, MAX_RESPONSE_BYTES + 1);
    assert.equal(server.served, 1, "not retried: a 200 that large is no passing trouble");
  });

  it("names the setting the base URL came from (the plugin's key, an environment variable)", async () => {
    answer = (res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(MAX_RESPONSE_BYTES + 1) });
      res.write(MARKER);
    };
    for (const source of ["cloudflare-origin-cloud-regions:baseUrl", "CLOUDFLARE_BASE_URL"]) {
      const text = messageOf(await failure(source));
      assert.match(text, new RegExp(`check that ${source} points to the Cloudflare API`));
      assert.ok(!text.includes("cloudflare:baseUrl"));
    }
  });

  it("stops reading a body without Content-Length once it passes 8 MiB", async () => {
    answer = (res) => stream(res, 200, 64 * 1024 * 1024);
    const error = await failure();
    assert.ok(hasErrorCode(error, "CF_RESPONSE_TOO_LARGE"));
    const bytes = (error as { bytes: number }).bytes;
    assert.ok(bytes > MAX_RESPONSE_BYTES && bytes <= MAX_RESPONSE_BYTES + 65536, `stopped at ${bytes} bytes`);
    assert.match(messageOf(error), /the answer's body is at least [\d,]+ bytes, over the 8 MiB this client reads; it was not read/);
    assert.ok(!messageOf(error).includes(MARKER));
    assert.ok(!JSON.stringify(error).includes(MARKER));
  });

  it("a 503 with an oversized body is retried like any 503, and fails with the size error", async () => {
    answer = (res) => stream(res, 503, 9 * 1024 * 1024);
    const error = await failure();
    assert.ok(hasErrorCode(error, "CF_RESPONSE_TOO_LARGE"));
    assert.match(messageOf(error), /\(GET \/zones\/0+7201\/origin\/cloud_regions\/supported_regions, 503\)/);
    assert.equal(server.served, 2);
  });
});
