// Fault injection over HTTP: 429, 5xx, dropped connections, delays, scripted faults and seeded rates.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { ZONE, TOKEN, V1, V2, call, ok, assertError, withEmu, item, v2item } from "./support";

describe("emulator HTTP: fault injection", () => {
  it("429 fault: code 971 and Retry-After, then normal service", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "429", retryAfter: 7 });
      const limited = await call(emu, "GET", V1);
      assertError(limited, 429, 971);
      assert.equal(limited.headers.get("retry-after"), "7");
      assert.ok(limited.headers.get("ratelimit"));
      emu.faults.enqueue({ kind: "429" });
      assert.equal((await call(emu, "GET", V1)).headers.get("retry-after"), "1", "default Retry-After is 1 s");
      ok(await call(emu, "GET", V1));
      assert.deepEqual(
        emu.requests.map((r) => [r.status, r.fault]),
        [
          [429, "429"],
          [429, "429"],
          [200, undefined],
        ],
      );
    });
  });

  it("5xx faults answer with the documented batch codes (1140, 1141, 1156) and apply nothing", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "5xx" }, { kind: "5xx", status: 503, code: "region_validation_error" });
      const first = await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] });
      assertError(first, 500, 1140);
      assert.match(first.body.errors[0]?.message ?? "", /internal_error/);
      const second = await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] });
      assertError(second, 503, 1156);
      assert.equal(second.body.errors[0]?.message, "Failed to validate region against cloud vendor");
      assert.deepEqual(emu.mappings(ZONE), []);

      emu.putMapping(ZONE, item("192.0.2.1"));
      emu.faults.enqueue({ kind: "5xx" }, { kind: "5xx" }, { kind: "5xx", code: "region_validation_error" }, { kind: "5xx" });
      assertError(await call(emu, "DELETE", `${V1}/batch`, { body: ["192.0.2.1"] }), 500, 1141);
      assertError(await call(emu, "DELETE", `${V2}/batch`, { body: ["192.0.2.1"] }), 500, 1141);
      assertError(await call(emu, "PUT", `${V2}/batch`, { body: [v2item("192.0.2.2")] }), 500, 1156);
      // Outside the batch endpoints the examples give no code: emulator choice 1195.
      assertError(await call(emu, "GET", V1), 500, 1195);
      assert.equal(emu.mappings(ZONE).length, 1);
    });
  });

  it("reset drops the connection before applying; reset-after-apply applies, then drops", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "reset" });
      await assert.rejects(call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.1")] }), TypeError);
      assert.deepEqual(emu.mappings(ZONE), []);

      emu.faults.enqueue({ kind: "reset-after-apply" });
      await assert.rejects(call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.2")] }), TypeError);
      assert.deepEqual(
        emu.mappings(ZONE).map((m) => m.ip),
        ["192.0.2.2"],
        "the change was applied although the client saw a socket error",
      );
      assert.deepEqual(
        emu.requests.map((r) => [r.status, r.fault]),
        [
          [null, "reset"],
          [null, "reset-after-apply"],
        ],
      );
      ok(await call(emu, "GET", V1));
    });
  });

  it("delay answers normally after waiting; no-route answers 7003/7000", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "delay", ms: 250 }, { kind: "no-route" });
      const started = Date.now();
      ok(await call(emu, "GET", V1));
      assert.ok(Date.now() - started >= 240, "delayed");
      assertError(await call(emu, "GET", V1), 400, 7003, 7000);
    });
  });

  it("a scripted fault waits for a request matching its method and path", async () => {
    await withEmu({}, async (emu) => {
      emu.faults.enqueue({ kind: "5xx", method: "PATCH", path: /\/batch$/ });
      ok(await call(emu, "GET", V1));
      ok(await call(emu, "PATCH", V1, { body: item("192.0.2.1") }));
      assert.equal(emu.faults.pending(), 1);
      assert.equal((await call(emu, "PATCH", `${V1}/batch`, { body: [item("192.0.2.2")] })).status, 500);
      assert.equal(emu.faults.pending(), 0);
      emu.faults.enqueue({ kind: "reset" }, { kind: "reset" });
      emu.faults.clear();
      assert.equal(emu.faults.pending(), 0);
      ok(await call(emu, "GET", V1));
    });
  });

  it("rates with a seed give the same outcome sequence; maxConsecutive guarantees progress", async () => {
    async function outcomes(seed: number): Promise<Array<number | "dropped">> {
      const emu = await startEmulator({ apiToken: TOKEN });
      try {
        emu.faults.setRates({ rate429: 0.25, rate5xx: 0.25, rateReset: 0.15, seed, retryAfter: 2 });
        const seen: Array<number | "dropped"> = [];
        for (let i = 0; i < 30; i++) {
          seen.push(
            await call(emu, "GET", V1).then(
              (r) => r.status,
              () => "dropped" as const,
            ),
          );
        }
        return seen;
      } finally {
        await emu.close();
      }
    }
    const a = await outcomes(42);
    assert.deepEqual(await outcomes(42), a);
    for (const expected of [200, 429, 500, "dropped"]) assert.ok(a.includes(expected as number | "dropped"), String(expected));

    await withEmu({}, async (emu) => {
      emu.faults.setRates({ rate5xx: 1, maxConsecutive: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(emu, "GET", V1)).status);
      assert.deepEqual(statuses, [500, 200, 500, 200]);
      emu.faults.setRates(null);
      ok(await call(emu, "GET", V1));
    });
  });
});
