import * as assert from "node:assert/strict";
// The package root, as users import it.
import { VENDORS, isVendor } from "../../provider";
import type { Vendor } from "../../provider";

describe("isVendor", function () {
  it("accepts exactly the vendors of VENDORS", function () {
    for (const vendor of VENDORS) assert.equal(isVendor(vendor), true, vendor);
    assert.deepEqual([...VENDORS].sort(), ["aws", "azure", "gcp", "oci"]);
  });

  it("refuses other strings, other casings and non-strings", function () {
    for (const value of ["", "ibm", "AWS", " gcp", "gcp ", "aws\n", "Azure"]) assert.equal(isVendor(value), false, JSON.stringify(value));
    for (const value of [undefined, null, 1, true, {}, ["aws"], { vendor: "aws" }]) assert.equal(isVendor(value), false, String(value));
  });

  it("narrows a string read from config to Vendor without a cast", function () {
    // Type-level check (npm run typecheck): assigning to `Vendor` compiles only inside the guard.
    const fromConfig: string = ["oci"][0] ?? "";
    let vendor: Vendor | undefined;
    if (isVendor(fromConfig)) vendor = fromConfig;
    assert.equal(vendor, "oci");
    const fromJson: unknown = JSON.parse('{"vendor":"gcp"}');
    const picked = (fromJson as { vendor?: unknown }).vendor;
    const narrowed: Vendor[] = isVendor(picked) ? [picked] : [];
    assert.deepEqual(narrowed, ["gcp"]);
  });
});
