// Rate limiting: Ratelimit headers, 429/971 with Retry-After, one window per token.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import { V1, call, assertError, withEmu, manualClock } from "./support";

describe("emulator HTTP: rate limiting", () => {
  it("sends Ratelimit headers and answers 429/971 with Retry-After once the window's quota is spent", async () => {
    const c = manualClock();
    await withEmu({ clock: c.clock, rateLimit: { limit: 3, windowSeconds: 10 } }, async (emu) => {
      const seen: Array<string | null> = [];
      for (let i = 0; i < 3; i++) {
        const reply = await call(emu, "GET", V1);
        assert.equal(reply.status, 200);
        seen.push(reply.headers.get("ratelimit"));
        assert.equal(reply.headers.get("ratelimit-policy"), '"default";q=3;w=10');
      }
      assert.deepEqual(seen, ['"default";r=2;t=10', '"default";r=1;t=10', '"default";r=0;t=10']);
      c.advance(4000);
      const limited = await call(emu, "GET", V1);
      assertError(limited, 429, 971);
      assert.equal(limited.body.errors[0]?.message, "Please wait and consider throttling your request speed");
      assert.equal(limited.headers.get("retry-after"), "6");
      assert.equal((await call(emu, "GET", V1, { token: "another-token" })).status, 403, "other credentials have their own counter");
      c.advance(6000);
      assert.equal((await call(emu, "GET", V1)).status, 200, "a new window starts");
    });
  });

  it("counts per token", async () => {
    const emu = await startEmulator({ rateLimit: { limit: 1, windowSeconds: 60 } });
    try {
      assert.equal((await call(emu, "GET", V1, { token: "token-a" })).status, 200);
      assert.equal((await call(emu, "GET", V1, { token: "token-a" })).status, 429);
      assert.equal((await call(emu, "GET", V1, { token: "token-b" })).status, 200);
    } finally {
      await emu.close();
    }
  });
});
