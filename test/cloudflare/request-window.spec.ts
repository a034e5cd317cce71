import assert from "node:assert/strict";
import { RequestWindow, processWindow, resetProcessWindow } from "../../provider/cloudflare/request-window";
import { tokenKey } from "../../provider/cloudflare/token-key";

describe("RequestWindow", () => {
  it("lets the limit through at once, then spreads the rest a window later", () => {
    const w = new RequestWindow({ requests: 3, windowMs: 1000 });
    assert.deepEqual(
      [0, 0, 0].map(() => w.reserve(5000)),
      [0, 0, 0],
    );
    assert.equal(w.reserve(5000), 1000, "the 4th waits for the 1st to leave the window");
    assert.equal(w.reserve(5500), 500, "reservations are handed out in order");
    assert.equal(w.reserve(7000), 0, "old sends no longer count");
  });

  it("never has more than the limit inside any window, whatever the arrival pattern", () => {
    const limit = { requests: 5, windowMs: 100 };
    const w = new RequestWindow(limit);
    const sends: number[] = [];
    for (let i = 0; i < 200; i++) {
      const now = Math.floor(i * 7.3);
      sends.push(now + w.reserve(now));
    }
    for (const t of sends) assert.ok(sends.filter((s) => s > t - limit.windowMs && s <= t).length <= limit.requests);
  });

  it("a 429's pause holds every later reservation", () => {
    const w = new RequestWindow();
    w.pause(2000);
    assert.equal(w.reserve(500), 1500);
    w.pause(1000); // an earlier end never shortens a pause
    assert.equal(w.reserve(600), 1400);
    assert.equal(w.reserve(2500), 0);
  });

  it("refuses a nonsense limit", () => {
    assert.throws(() => new RequestWindow({ requests: 0, windowMs: 1 }), RangeError);
  });

  it("one window per token and process, shared by every copy of the provider; reset starts new ones", () => {
    const first = processWindow(tokenKey("token-of-account-a"));
    assert.equal(processWindow(tokenKey("token-of-account-a")), first);
    assert.notEqual(processWindow(tokenKey("token-of-account-b")), first, "another token counts on its own");
    resetProcessWindow();
    assert.notEqual(processWindow(tokenKey("token-of-account-a")), first);
  });

  it("keys windows by a digest of the token, never the token", () => {
    const key = tokenKey("token-of-account-a");
    assert.match(key, /^[0-9a-f]{16}$/);
    assert.ok(!key.includes("account"));
    assert.notEqual(tokenKey("token-of-account-b"), key);
  });
});
