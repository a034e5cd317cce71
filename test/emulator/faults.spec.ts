// emulator/faults without sockets: seeded fault rates and scripted faults.
import assert from "node:assert/strict";
import { FaultInjector, type Fault } from "../../emulator/faults";

describe("emulator/faults (pure)", () => {
  function sequence(seed: number, n: number): Array<string | undefined> {
    const f = new FaultInjector();
    f.setRates({ rate429: 0.2, rate5xx: 0.2, rateReset: 0.1, seed });
    return Array.from({ length: n }, () => f.take("GET", "/x")?.kind);
  }

  it("draws the same faults for the same seed", () => {
    assert.deepEqual(sequence(7, 50), sequence(7, 50));
    assert.notDeepEqual(sequence(7, 50), sequence(8, 50));
    const kinds = new Set(sequence(7, 200));
    for (const k of ["429", "5xx", "reset", undefined]) assert.ok(kinds.has(k), String(k));
  });

  it("lets a request through after maxConsecutive faults", () => {
    const f = new FaultInjector();
    f.setRates({ rate5xx: 1, maxConsecutive: 2 });
    const kinds = Array.from({ length: 6 }, () => f.take("GET", "/x")?.kind);
    assert.deepEqual(kinds, ["5xx", "5xx", undefined, "5xx", "5xx", undefined]);
  });

  it("consumes the first scripted fault whose method and path match", () => {
    const f = new FaultInjector();
    f.enqueue({ kind: "5xx", method: "patch", path: /\/batch$/g }, { kind: "429", retryAfter: 3 });
    assert.deepEqual(f.take("GET", "/a/batch"), { kind: "429", retryAfter: 3 });
    assert.equal(f.take("GET", "/a/batch"), undefined);
    const fault: Fault | undefined = f.take("PATCH", "/a/batch");
    assert.deepEqual(fault, { kind: "5xx" });
    assert.equal(f.pending(), 0);
    assert.throws(() => f.enqueue({ kind: "delay", ms: -1 }), RangeError);
    assert.throws(() => f.setRates({ rate429: 0.6, rate5xx: 0.6 }), RangeError);
  });
});
