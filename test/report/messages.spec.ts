import assert from "node:assert/strict";
import { AuthError, ApiError } from "../../provider/cloudflare/errors";
import type { Execution } from "../../provider/core/execution";
import { bounded, deleteFailure, partialReasons, problemLines, withHint, zoneFullMessage } from "../../provider/report/messages";

/** A run of `planned` changes of which `failed` items were refused one by one. */
function run(planned: number, failed: number): Execution {
  return {
    applied: {},
    failures: Array.from({ length: failed }, (_, i) => ({
      action: "upsert" as const,
      ip: `198.18.${i >> 8}.${i & 255}`,
      vendor: "aws",
      region: "us-east-1",
      message: "region not supported",
    })),
    errors: [],
    planned,
    done: planned - failed,
    batches: Math.ceil(planned / 100),
    modifiedOn: null,
  };
}

describe("messages", () => {
  it("bounded keeps 20 lines and counts the rest", () => {
    const lines = Array.from({ length: 3500 }, (_, i) => `line ${i}`);
    const out = bounded(lines);
    assert.equal(out.length, 21);
    assert.equal(out[20], "… and 3,480 more");
    assert.deepEqual(bounded(lines.slice(0, 20)), lines.slice(0, 20));
  });

  it("a partial failure starts with the count applied, then at most 20 item lines, at any size", () => {
    const reasons = partialReasons("applied", run(3500, 2000));
    assert.equal(reasons[0], "1,500 of 3,500 changes applied; 2,000 failed:");
    assert.equal(reasons.length, 22);
    assert.equal(reasons[21], "… and 1,980 more");
    assert.ok(reasons.join("\n").length < 4000);
  });

  it("a failed destroy says how many went and what to run next", () => {
    const text = deleteFailure("023e105f4ecef8ad9ca31a8372d0c353", run(3500, 1500), 3500, { tokenSource: "cloudflare:apiToken" });
    assert.match(
      text,
      /^Deleting the mappings of zone 023e105f4ecef8ad9ca31a8372d0c353 went through only in part: 2,000 of 3,500 mappings deleted; 1,500 failed:/,
    );
    assert.match(text, /Run `pulumi destroy` again to finish, or `pulumi up --refresh` to keep the resource/);
    assert.ok(text.split("\n").length <= 23);
  });

  it("an item's reason from the server is shown cleaned and cut, one line per item", () => {
    const refused = run(1, 1);
    (refused.failures[0] as { message: string }).message = "bad\n\x1b[31mregion\x1b[0m " + "z".repeat(5000);
    (refused.failures[0] as { ip: string }).ip = "198.18.0.0\r\n";
    const [line] = problemLines(refused);
    assert.match(line ?? "", /^198\.18\.0\.0 \(aws\/us-east-1\): upsert failed: bad region z+…$/);
    assert.ok((line ?? "").length < 400);
  });

  it("the zone-full message says what the zone holds, what is this resource's, what it needs and what to free", () => {
    assert.equal(
      zoneFullMessage("023e105f4ecef8ad9ca31a8372d0c353", 3000, 0, 600, 3600, 3500),
      "Zone 023e105f4ecef8ad9ca31a8372d0c353 has no room for 600 new mappings: it holds 3,000 (0 of them this resource's), " +
        "and this step would leave 3,600, over Cloudflare's limit of 3,500 per zone. Free at least 100 " +
        "(remove mappings this resource does not manage, or declare fewer); nothing was written.",
    );
  });

  it("authentication failures say to check the token, its permissions and where it came from, never its value", () => {
    const e = new AuthError("list mappings", 403, [{ code: 10000, message: "Authentication error" }]);
    const text = withHint(e, { tokenSource: "the CLOUDFLARE_API_TOKEN environment variable" });
    assert.equal(
      text,
      "Failed to list mappings (403): [10000] Authentication error. Check the API token (from the CLOUDFLARE_API_TOKEN environment variable) " +
        "and that it has the Cache Settings Write and Zone Read permissions for this zone.",
    );
    assert.equal(
      withHint(new ApiError("list mappings", 400, [{ code: 1000, message: "x" }]), { tokenSource: undefined }),
      "Failed to list mappings (400): [1000] x",
    );
  });
});
