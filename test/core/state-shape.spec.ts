// How the state stores mapping sets, and the resource's `mappings` output built back from it.
import assert from "node:assert/strict";
import { OriginCloudRegionMappings } from "../../provider";
import { loadMappings, ownedMappings, storeMappings } from "../../provider/core/state-shape";
import type { MappingSet } from "../../provider/core/types";
import { UNKNOWN } from "../../provider/core/types";
import { settle, underMocks } from "../support/pulumi-mocks";

describe("state shape", () => {
  const set: MappingSet = {
    "192.0.2.1": { vendor: "aws", region: "us-east-1" },
    "2001:db8::1": { vendor: "gcp", region: "europe-west1" },
  };

  it("stores one string per mapping and loads it back", () => {
    assert.deepEqual(storeMappings(set), { "192.0.2.1": "aws/us-east-1", "2001:db8::1": "gcp/europe-west1" });
    assert.deepEqual(loadMappings(storeMappings(set)), set);
  });

  it("loads state written before version 3 (objects), and keeps values not known yet", () => {
    assert.deepEqual(loadMappings(set), set);
    const partial = { "192.0.2.1": UNKNOWN, "2001:db8::1": "gcp/europe-west1" };
    assert.deepEqual(loadMappings(partial), { "192.0.2.1": UNKNOWN, "2001:db8::1": { vendor: "gcp", region: "europe-west1" } });
    assert.deepEqual(storeMappings(loadMappings(partial) as MappingSet), partial);
  });

  it("is not a set: the unknown sentinel, a list, nothing", () => {
    assert.equal(loadMappings(UNKNOWN), undefined);
    assert.equal(loadMappings([]), undefined);
    assert.equal(loadMappings(undefined), undefined);
    assert.deepEqual(ownedMappings(undefined), {});
    assert.deepEqual(ownedMappings({ mappings: { "192.0.2.1": "aws/us-east-1" } }), {
      "192.0.2.1": { vendor: "aws", region: "us-east-1" },
    });
  });

  describe("the resource's mappings output", () => {
    underMocks({ origins: { mappings: storeMappings(set) } }, { preview: false });
    it("is the objects, built from the stored strings", async () => {
      const resource = new OriginCloudRegionMappings("origins", { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", mappings: [] });
      assert.deepEqual(await settle(resource.mappings), set);
    });
  });
});
