import assert from "node:assert/strict";
import { quotaWaiting } from "../../provider/report/step-lines";

describe("step lines", () => {
  it("a hold for the token's quota says how long, what Cloudflare reported, and why waiting beats going on", () => {
    assert.equal(
      quotaWaiting({ waitMs: 94_200, remaining: 117, quota: 1200 }),
      "Waiting 95 s before the next Cloudflare request: Cloudflare reports 117 of 1,200 requests left for this API token " +
        "until its quota resets in 95 s, and going over would block every use of the token (other stacks, tools, the dashboard) " +
        "for 5 minutes",
    );
  });

  it("without a policy header, it gives what is left alone", () => {
    assert.match(
      quotaWaiting({ waitMs: 10_000, remaining: 1, quota: undefined }),
      /^Waiting 10 s .*: Cloudflare reports 1 request left for this API token until/,
    );
  });
});
