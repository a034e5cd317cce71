/**
 * Prints how many HTTP requests each lifecycle step sends for N mappings, measured against the
 * emulator (`npm run bench`). Numbers, not assertions: the tests assert the ones the contract fixes.
 */
import type { MappingsOutputs } from "../../provider";
import type { Vendor } from "../../provider/types";
import { configuredProvider, startTestEmulator, zoneId } from "../support/emulator";

const VENDOR_REGIONS: Array<[Vendor, string]> = [
  ["aws", "us-east-1"],
  ["gcp", "us-central1"],
  ["azure", "westeurope"],
  ["oci", "us-ashburn-1"],
];

function mappings(n: number) {
  return Array.from({ length: n }, (_, i) => {
    const [vendor, region] = VENDOR_REGIONS[i % 4] as [Vendor, string];
    return { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, vendor, region };
  });
}

async function main(): Promise<void> {
  const emulator = await startTestEmulator();
  const provider = await configuredProvider(emulator);
  const count = (method: string) => emulator.requests.filter((r) => r.method === method).length;
  const summary = () => `GET ${count("GET")}, PATCH ${count("PATCH")}, DELETE ${count("DELETE")}`;
  console.log("N      | check                    | create                    | update (+1, -1, ~1)      | delete");
  try {
    for (const [k, n] of [1, 100, 101, 250, 3500].entries()) {
      const zone = zoneId(0xbe00 + k);
      emulator.clearRequests();
      const checked = await provider.check({}, { zoneId: zone, mappings: mappings(n) });
      const check = summary();
      emulator.clearRequests();
      const started = process.hrtime.bigint();
      const created = await provider.create({ ...checked.inputs, __provider: "bench" });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const create = summary();
      const next = mappings(n);
      next.push({ ip: "192.0.2.1", vendor: "aws", region: "us-east-1" });
      if (n > 1) {
        next.splice(0, 1);
        (next[0] as { region: string }).region = next[0]?.vendor === "gcp" ? "us-east1" : (next[0]?.region as string);
      }
      const rechecked = await provider.check({}, { zoneId: zone, mappings: next });
      emulator.clearRequests();
      const updated = await provider.update(created.id, created.outs as MappingsOutputs, { ...rechecked.inputs, __provider: "bench" });
      const update = summary();
      emulator.clearRequests();
      await provider.delete(created.id, updated.outs as MappingsOutputs);
      const del = summary();
      console.log(`${String(n).padEnd(6)} | ${check.padEnd(24)} | ${create.padEnd(25)} | ${update.padEnd(24)} | ${del}   (create ${ms.toFixed(0)} ms)`);
    }
  } finally {
    await emulator.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
