// The family choice on its own, with fake operations: which family each call goes to, when the
// choice is settled, and what the user reads when nothing serves the zone.
import assert from "node:assert/strict";
import { ConnectionError, FeatureUnavailableError, ApiError, messageOf } from "../../provider/cloudflare/errors";
import { FamilyChooser } from "../../provider/cloudflare/family-choice";
import type { FamilySetting } from "../../provider/cloudflare/family-choice";
import { v1 } from "../../provider/cloudflare/wire-v1";
import { v2 } from "../../provider/cloudflare/wire-v2";
import type { ApiFamily, FamilyName } from "../../provider/cloudflare/wire";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const noRoute = () =>
  new FeatureUnavailableError("list mappings", 400, [
    { code: 7003, message: "Could not route" },
    { code: 7000, message: "No route for that URI" },
  ]);

/** A fake account: which families answer "no route", and a log of the calls made. */
function account(gone: FamilyName[]) {
  const calls: FamilyName[] = [];
  const op = async (family: ApiFamily) => {
    calls.push(family.name);
    if (gone.includes(family.name)) throw noRoute();
    return family.name;
  };
  return { calls, op };
}

function chooser(setting: FamilySetting = "auto", fallbacks: string[] = []) {
  return new FamilyChooser(
    setting,
    { v1, v2 },
    (zone) => fallbacks.push(zone),
    setting === "auto" ? undefined : "ORIGIN_CLOUD_REGIONS_API_FAMILY",
  );
}

describe("FamilyChooser", () => {
  it("auto: v2 first; a served v2 settles the zone", async () => {
    const { calls, op } = account([]);
    const c = chooser();
    assert.equal(c.decided(ZONE), false);
    assert.equal(await c.run(ZONE, op), "v2");
    assert.equal(await c.run(ZONE, op), "v2");
    assert.deepEqual(calls, ["v2", "v2"]);
    assert.equal(c.familyFor(ZONE), "v2");
    assert.equal(c.familyFor("f".repeat(32)), undefined, "per zone");
  });

  it("auto: v2 'no route' redoes the operation on v1 and keeps v1, telling once", async () => {
    const { calls, op } = account(["v2"]);
    const fallbacks: string[] = [];
    const c = chooser("auto", fallbacks);
    assert.equal(await c.run(ZONE, op), "v1");
    assert.equal(await c.run(ZONE, op), "v1");
    assert.deepEqual(calls, ["v2", "v1", "v1"]);
    assert.deepEqual(fallbacks, [ZONE]);
    assert.equal(c.familyFor(ZONE), "v1");
  });

  it("auto: both 'no route' is one clear error naming the zone, and settles nothing", async () => {
    const { calls, op } = account(["v1", "v2"]);
    const c = chooser();
    await assert.rejects(c.run(ZONE, op), (e: unknown) => {
      assert.equal((e as { code?: string }).code, "CF_UNAVAILABLE");
      assert.equal(
        messageOf(e),
        `Origin cloud regions are not available for zone ${ZONE} on this account: both endpoint families answered no route. ` +
          "Check the zone id and that the API token can reach this zone; nothing was written.",
      );
      return true;
    });
    assert.deepEqual(calls, ["v2", "v1"]);
    assert.equal(c.decided(ZONE), false);
  });

  it("auto: an HTTP error from v2 proves the route exists; a transport error proves nothing", async () => {
    const c = chooser();
    await assert.rejects(
      c.run(ZONE, async () =>
        Promise.reject(new ConnectionError("list mappings", Object.assign(new Error("reset"), { code: "ECONNRESET" }))),
      ),
    );
    assert.equal(c.decided(ZONE), false);
    await assert.rejects(
      c.run(ZONE, async () => Promise.reject(new ApiError("list mappings", 403, [{ code: 10000, message: "Authentication error" }]))),
    );
    assert.equal(c.familyFor(ZONE), "v2");
  });

  it("auto: operations started together on an undecided zone wait for the first to settle it", async () => {
    const { calls, op } = account(["v2"]);
    const c = chooser();
    const results = await Promise.all([c.run(ZONE, op), c.run(ZONE, op), c.run(ZONE, op)]);
    assert.deepEqual(results, ["v1", "v1", "v1"]);
    assert.deepEqual(calls, ["v2", "v1", "v1", "v1"], "v2 probed once");
  });

  it("pinned: calls only that family, never falls back, and says how to change the setting", async () => {
    for (const family of ["v1", "v2"] as const) {
      const { calls, op } = account([family]);
      const c = chooser(family);
      assert.equal(c.familyFor(ZONE), family);
      await assert.rejects(c.run(ZONE, op), (e: unknown) => {
        assert.match(
          messageOf(e),
          new RegExp(`The ${family} endpoint family .* answered no route for zone ${ZONE}, and ORIGIN_CLOUD_REGIONS_API_FAMILY pins it`),
        );
        assert.match(messageOf(e), /set ORIGIN_CLOUD_REGIONS_API_FAMILY to auto/);
        return true;
      });
      assert.deepEqual(calls, [family]);
    }
  });
});
