import assert from "node:assert/strict";
import { engineAddress } from "../../provider/host/engine-watch";

describe("engine watch", () => {
  it("reads the engine's address from the provider host's arguments, and only there", () => {
    const host = ["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:36983"];
    assert.deepEqual(engineAddress(host), { host: "127.0.0.1", port: 36983 });
    assert.deepEqual(engineAddress([...host.slice(0, 2), "[::1]:4000"]), { host: "::1", port: 4000 });
    assert.equal(engineAddress(["node", "/p/index.ts", "127.0.0.1:36983"]), undefined, "a program or a test is not the host");
    assert.equal(engineAddress(host.slice(0, 2)), undefined);
  });
});
