// Hardening: loopback-only Host headers (DNS rebinding), oversized bodies refused from Content-Length,
// credentials checked before a body is read, and a bounded request log.
import assert from "node:assert/strict";
import { request } from "node:http";
import type { Emulator } from "../../emulator";
import { isLoopbackHostHeader } from "../../emulator/host";
import { ZONE, TOKEN, V1, V2, call, ok, assertError, withEmu, item, v2item, type Envelope } from "./support";

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Envelope<unknown>;
}

/** A request through node:http, which (unlike fetch) lets a test set Host and send a partial body. */
function raw(emu: Emulator, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Envelope<unknown> }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    // With a Content-Length larger than what was written, the request stays open: the answer must not wait for it.
    if (headers["content-length"] === undefined || body?.length === Number(headers["content-length"])) req.end();
  });
}

describe("emulator: hardening", () => {
  it("answers only loopback Host headers; any other gets 403/1199 before a fault or a body is consumed", async () => {
    await withEmu({}, async (emu) => {
      for (const host of ["localhost", "LOCALHOST:8787", "127.0.0.1", `127.0.0.1:${emu.port}`, "127.9.8.7:1", "[::1]", "[::1]:443"]) {
        assert.equal((await raw(emu, "GET", V1, { host })).status, 200, host);
      }
      emu.faults.enqueue({ kind: "5xx" });
      const body = JSON.stringify([item("192.0.2.1")]);
      for (const host of ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.", "::1", "[::2]", "10.0.0.1", "127.1"]) {
        const reply = await raw(emu, "PATCH", `${V1}/batch`, { host, "content-type": "application/json" }, body);
        assert.equal(reply.status, 403, JSON.stringify(host));
        assert.deepEqual(
          reply.body.errors.map((e) => e.code),
          [1199],
          host,
        );
        assert.equal(reply.body.result, null);
      }
      assert.equal(emu.faults.pending(), 1, "no fault consumed");
      assert.deepEqual(emu.mappings(ZONE), []);
      assert.ok(emu.requests.filter((r) => r.status === 403).every((r) => r.body === undefined));
    });
    // node:http fills in an empty Host itself, so these are checked directly.
    for (const host of [undefined, "", ":80", "[::1", "localhost:port"]) assert.equal(isLoopbackHostHeader(host), false, String(host));
  });

  it("refuses a body announced above 1 MiB by Content-Length with 413 before reading it", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "5xx" });
      // Only 2 bytes are sent; the answer comes without the other 2 MB.
      const reply = await raw(
        emu,
        "PUT",
        `${V2}/batch`,
        { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) },
        "[]",
      );
      assert.equal(reply.status, 413);
      assert.equal(reply.headers["connection"], "close");
      assert.deepEqual(
        reply.body.errors.map((e) => e.code),
        [1190],
      );
      assert.equal(emu.faults.pending(), 1, "no fault consumed");
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("192.0.2.1")] }), 500, 1140);
    });
  });

  it("reads no body of a request whose credentials fail, yet faults still come first", async () => {
    await withEmu({}, async (emu) => {
      const body = [item("192.0.2.1")];
      assertError(await call(emu, "PATCH", `${V1}/batch`, { token: "wrong", body }), 403, 10000);
      assertError(await call(emu, "PATCH", `${V1}/batch`, { token: null, body }), 400, 9106);
      ok(await call(emu, "PATCH", `${V1}/batch`, { body }));
      assert.deepEqual(
        emu.requests.map((r) => [r.authorized, r.body, r.bodyOmitted]),
        [
          [false, undefined, "unauthenticated"],
          [false, undefined, "unauthenticated"],
          [true, body, undefined],
        ],
      );
      emu.faults.enqueue({ kind: "5xx" });
      assertError(await call(emu, "GET", V1, { token: "wrong" }), 500, 1195);
    });
  });

  it("keeps the newest requestLog.maxEntries requests, and bodies up to maxBodyBytes (larger ones still apply)", async () => {
    await withEmu({ requestLog: { maxEntries: 3, maxBodyBytes: 80 } }, async (emu) => {
      for (let i = 1; i <= 4; i++) ok(await call(emu, "GET", `${V1}?n=${i}`));
      assert.deepEqual(
        emu.requests.map((r) => r.query),
        ["n=2", "n=3", "n=4"],
      );
      const small = [item("192.0.2.1")];
      const large = [item("192.0.2.2"), item("192.0.2.3"), item("192.0.2.4")];
      ok(await call(emu, "PATCH", `${V1}/batch`, { body: small }));
      ok(await call(emu, "PATCH", `${V1}/batch`, { body: large }));
      const [, first, second] = emu.requests;
      assert.deepEqual([first?.body, first?.bodyOmitted], [small, undefined]);
      assert.deepEqual([second?.body, second?.bodyOmitted], [undefined, "too-large"]);
      assert.equal(emu.mappings(ZONE).length, 4, "the large batch was applied");
    });
    await assert.rejects(
      withEmu({ requestLog: { maxEntries: -1 } }, async () => {}),
      /maxEntries must be an integer >= 0/,
    );
  });
});
