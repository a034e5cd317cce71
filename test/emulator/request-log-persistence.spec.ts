// The request log, direct state control, the dataFile, loopback-only hosts, and starting and closing instances.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { ZONE, OTHER_ZONE, TOKEN, V1, call, ok, withEmu, item, type Entry, type Setting } from "./support";

describe("emulator: request log, persistence, lifecycle", () => {
  it("records every request in order with path, query, body, status and auth", async () => {
    await withEmu({}, async (emu) => {
      await call(emu, "GET", `${V1}?x=1`);
      await call(emu, "PATCH", `${V1}/batch`, { body: [item("2001:db8::1")] });
      await call(emu, "DELETE", `${V1}/${encodeURIComponent("2001:db8::1")}`);
      await call(emu, "GET", V1, { token: "wrong" });
      const arrivals = emu.requests.map((r) => r.receivedAt);
      assert.deepEqual(
        [...arrivals].sort((a, b) => a - b),
        arrivals,
        "arrival times in log order",
      );
      assert.deepEqual(
        emu.requests.map(({ receivedAt: _at, ...rest }) => rest),
        [
          { method: "GET", path: V1, query: "x=1", body: undefined, status: 200, authorized: true },
          { method: "PATCH", path: `${V1}/batch`, query: "", body: [item("2001:db8::1")], status: 200, authorized: true },
          { method: "DELETE", path: `${V1}/2001%3Adb8%3A%3A1`, query: "", body: undefined, status: 200, authorized: true },
          { method: "GET", path: V1, query: "", body: undefined, status: 403, authorized: false },
        ],
      );
      assert.deepEqual(
        emu.writeRequests().map((r) => r.method),
        ["PATCH", "DELETE"],
      );
      emu.clearRequests();
      assert.deepEqual(emu.requests, []);
    });
  });

  it("direct state control: putMapping canonicalizes, deleteMapping reports", async () => {
    await withEmu({}, async (emu) => {
      emu.putMapping(ZONE, { ip: "2001:0DB8::0001", vendor: "aws", region: "not-validated" });
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => [m.ip, m.region]),
        [["2001:db8::1", "not-validated"]],
      );
      assert.throws(() => emu.putMapping(ZONE, item("127.1")), /invalid IP/);
      assert.equal(emu.deleteMapping(ZONE, "2001:db8:0::1"), true);
      assert.equal(emu.deleteMapping(ZONE, "2001:db8::1"), false);
    });
  });

  it("persists to dataFile atomically and loads it on the next start", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-spec-"));
    const file = join(dir, "state.json");
    try {
      await withEmu({ dataFile: file }, async (emu) => {
        ok(await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1"), item("2001:db8::1", "gcp", "us-central1")] }));
        emu.putMapping(OTHER_ZONE, item("10.0.0.1", "oci", "us-ashburn-1"));
      });
      assert.ok(existsSync(file));
      assert.deepEqual(readdirSync(dir), ["state.json"], "no temporary file left behind");
      const saved = JSON.parse(readFileSync(file, "utf8")) as { version: number; zones: Record<string, unknown> };
      assert.equal(saved.version, 1);
      assert.deepEqual(Object.keys(saved.zones).sort(), [OTHER_ZONE, ZONE].sort());

      await withEmu({ dataFile: file }, async (emu) => {
        const list = ok(await call<Setting<Entry[]>>(emu, "GET", V1));
        assert.deepEqual(
          list.value.map((e) => e["origin-ip"]),
          ["192.0.2.1", "2001:db8::1"],
        );
        assert.equal(emu.mappings(OTHER_ZONE).length, 1);
        ok(await call(emu, "DELETE", `${V1}/batch`, { body: ["192.0.2.1", "2001:db8::1"] }));
      });
      const after = JSON.parse(readFileSync(file, "utf8")) as { zones: Record<string, unknown> };
      assert.deepEqual(Object.keys(after.zones), [OTHER_ZONE]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start on a corrupt dataFile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-spec-"));
    try {
      const file = join(dir, "state.json");
      writeFileSync(file, "{ not json");
      await assert.rejects(startEmulator({ dataFile: file }), /not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses non-loopback hosts", async () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com"]) {
      await assert.rejects(startEmulator({ host }), /non-loopback/, host);
    }
    const emu = await startEmulator({ host: "localhost" });
    try {
      assert.match(emu.url, /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\/client\/v4$/);
    } finally {
      await emu.close();
    }
  });

  it("exposes url and port, and close() ends keep-alive and delayed connections promptly", async () => {
    const emu = await startEmulator({ apiToken: TOKEN });
    assert.equal(emu.url, `http://127.0.0.1:${emu.port}/client/v4`);
    ok(await call(emu, "GET", V1));
    emu.faults.enqueue({ kind: "delay", ms: 10_000 });
    const pending = call(emu, "GET", V1).then(
      () => "answered",
      () => "dropped",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await emu.close();
    assert.ok(Date.now() - started < 1000, "close() is prompt");
    assert.equal(await pending, "dropped");
  });

  it("runs several independent instances at once", async () => {
    const [a, b] = await Promise.all([startEmulator({ apiToken: TOKEN }), startEmulator({ apiToken: TOKEN })]);
    try {
      a.putMapping(ZONE, item("192.0.2.1"));
      a.setFamily("v1", "no-route");
      assert.deepEqual(b.mappings(ZONE), []);
      ok(await call(b, "GET", V1));
      assert.equal(b.requests.length, 1);
      assert.equal(a.requests.length, 0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
