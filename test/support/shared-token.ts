/**
 * K separate processes sharing one API token against one emulator (shared-token-worker.ts does the
 * work of each): what the emulator saw (requests, 429s) and what each process said. Used by the
 * shared-token spec and `npm run bench:load`.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { zoneId } from "./emulator";
import { withoutSettings } from "./isolated-env";
import type { WorkerResult } from "./shared-token-worker";

export type { WorkerResult } from "./shared-token-worker";

export interface SharedTokenOptions {
  processes: number;
  /** Mappings each process creates, refreshes and destroys (at most 3,500: one zone each). */
  mappings: number;
  /** `originCloudRegions:concurrency`; the provider's default when left out. */
  concurrency?: number;
  token: string;
  /** Zone numbers start here (see zoneId), one per process. */
  firstZone?: number;
}

export interface SharedTokenRun {
  results: WorkerResult[];
  /** From the first process's first step to the last one's end (their start-up aside). */
  wallMs: number;
  /** Requests the emulator counted against the token (answered 200 or 429, the others' auth answers aside). */
  requests: number;
  rateLimited: number;
}

const WORKER = path.join(__dirname, "shared-token-worker.ts");

function runWorker(url: string, zone: string, options: SharedTokenOptions): Promise<WorkerResult> {
  const args = ["-r", "ts-node/register/transpile-only", WORKER, url, zone, String(options.mappings)];
  if (options.concurrency !== undefined) args.push(String(options.concurrency));
  const child = spawn(process.execPath, args, {
    env: { ...withoutSettings(process.env), SHARED_TOKEN_WORKER_TOKEN: options.token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as WorkerResult);
      } catch {
        reject(new Error(`worker for zone ${zone} exited with ${code} without a result: ${err.trim().slice(-2000)}`));
      }
    });
  });
}

/** Starts the processes together and waits for every one. */
export async function runSharedToken(emulator: Emulator, options: SharedTokenOptions): Promise<SharedTokenRun> {
  emulator.clearRequests();
  const zones = Array.from({ length: options.processes }, (_, k) => zoneId((options.firstZone ?? 0x5100) + k));
  const results = await Promise.all(zones.map((zone) => runWorker(emulator.url, zone, options)));
  const wallMs = Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt));
  const counted = emulator.requests.filter((r) => r.status !== null && (r.status < 400 || r.status === 429));
  return { results, wallMs, requests: counted.length, rateLimited: counted.filter((r) => r.status === 429).length };
}
