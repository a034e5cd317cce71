// One of several processes sharing one API token (a stack of a CI run, say): as the provider host
// runs them, it previews, creates N mappings in its own zone, refreshes them and destroys them, each
// step on a fresh provider. Started by shared-token.ts; prints one JSON line (WorkerResult) at the end.
//
//   node -r ts-node/register/transpile-only test/support/shared-token-worker.ts <baseUrl> <zoneId> <mappings> [concurrency]
// The token comes from SHARED_TOKEN_WORKER_TOKEN, never from the command line.
import type { MappingsOutputs } from "../../provider";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import { fakeConfig } from "./emulator";
import { collectReports } from "./reports";

/** What a worker prints. */
export interface WorkerResult {
  zoneId: string;
  ok: boolean;
  /** Wall time of the four steps, in milliseconds, and when they started and ended (epoch ms; start-up aside). */
  ms: number;
  startedAt: number;
  endedAt: number;
  /** What the provider reported about holds for the token's quota. */
  quotaLines: string[];
  /** The failure, when not ok. */
  error?: string;
}

const [baseUrl = "", zoneId = "", count = "0", concurrency] = process.argv.slice(2);
const token = process.env["SHARED_TOKEN_WORKER_TOKEN"] ?? "";

function mappings(n: number): Array<{ ip: string; vendor: string; region: string }> {
  return Array.from({ length: n }, (_, i) => ({ ip: `198.18.${i >> 8}.${i & 255}`, vendor: "aws", region: "us-east-1" }));
}

/** A fresh provider (the engine starts one per command), configured as the host would; its reports are collected. */
async function provider(): Promise<OriginCloudRegionMappingsProvider> {
  const p = new OriginCloudRegionMappingsProvider();
  collectReports(p);
  const config: Record<string, string> = { "cloudflare:apiToken": token, "cloudflare:baseUrl": baseUrl };
  if (concurrency !== undefined) config["originCloudRegions:concurrency"] = concurrency;
  await p.configure({ config: fakeConfig(config) });
  return p;
}

async function main(): Promise<WorkerResult> {
  const started = Date.now();
  const quotaLines: string[] = [];
  /** Runs one step on a fresh provider and keeps what it said about the quota. */
  const step = async <T>(run: (p: OriginCloudRegionMappingsProvider) => Promise<T>): Promise<T> => {
    const p = await provider();
    try {
      return await run(p);
    } finally {
      quotaLines.push(...collectReports(p).filter((l) => l.startsWith("Waiting")));
    }
  };
  try {
    const checked = await step((p) => p.check({}, { zoneId, mappings: mappings(Number(count)) }));
    const created = await step((p) => p.create({ ...checked.inputs, __provider: "shared-token" }));
    const read = await step((p) => p.read(created.id, created.outs as MappingsOutputs));
    await step((p) => p.delete(created.id, (read.props ?? created.outs) as MappingsOutputs));
    return { zoneId, ok: true, ms: Date.now() - started, startedAt: started, endedAt: Date.now(), quotaLines };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { zoneId, ok: false, ms: Date.now() - started, startedAt: started, endedAt: Date.now(), quotaLines, error: message };
  }
}

void main().then((result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
});
