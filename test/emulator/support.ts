// Shared by the emulator specs (test/emulator/*.spec.ts): the zone, token and clock they use, the wire
// shapes they read, and a small fetch helper. The pure specs (ip, store, faults) run without sockets;
// every HTTP spec starts its own emulator on port 0 and closes it.
import assert from "node:assert/strict";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

export const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
export const OTHER_ZONE = "0123456789abcdef0123456789abcdef";
export const TOKEN = "test-token_0123456789";
export const T0 = Date.parse("2026-03-01T12:00:00.000Z");

export interface ApiError {
  code: number;
  message: string;
  error_chain?: ApiError[];
}
export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}
export interface Envelope<R> {
  success: boolean;
  errors: ApiError[];
  messages: unknown[];
  result: R | null;
  result_info?: ResultInfo;
}
export interface Entry {
  "origin-ip": string;
  vendor: string;
  region: string;
  modified_on?: string;
}
export interface Setting<V> {
  id: string;
  editable: boolean;
  value: V;
  modified_on: string | null;
}
export interface BatchValue {
  succeeded: Array<{ "origin-ip": string; vendor?: string; region?: string }>;
  failed: Array<{ "origin-ip": string; error: string }>;
}
export interface V2Entry {
  origin_ip: string;
  vendor: string;
  region: string;
  modified_on?: string;
}
export interface V2Batch {
  succeeded: Array<{ origin_ip: string; vendor?: string; region?: string }>;
  failed: Array<{ origin_ip: string; error: string }>;
}
export interface Regions {
  obtained_codes: boolean;
  vendors: Record<string, Array<{ name: string; upper_tier_colos: string[] }>>;
}
export interface Reply<R> {
  status: number;
  headers: Headers;
  body: Envelope<R>;
}
export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

export const V1 = `/zones/${ZONE}/cache/origin_cloud_regions`;
export const V2 = `/zones/${ZONE}/origin/cloud_regions`;

export async function call<R = unknown>(emu: Emulator, method: string, path: string, opts: CallOptions = {}): Promise<Reply<R>> {
  const headers: Record<string, string> = { ...opts.headers };
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (token !== null) headers["authorization"] = `Bearer ${token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${emu.url}${path}`, body === undefined ? { method, headers } : { method, headers, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Envelope<R> };
}

/** The result of a successful call; fails the test with the errors otherwise. */
export function ok<R>(reply: Reply<R>): R {
  assert.equal(reply.body.success, true, JSON.stringify(reply.body.errors));
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.body.errors, []);
  assert.ok(reply.body.result !== null);
  return reply.body.result;
}

export function assertError(reply: Reply<unknown>, status: number, ...codes: number[]): void {
  assert.equal(reply.status, status, JSON.stringify(reply.body));
  assert.equal(reply.body.success, false);
  assert.equal(reply.body.result, null);
  assert.deepEqual(reply.body.messages, []);
  assert.deepEqual(
    reply.body.errors.map((e) => e.code),
    codes,
  );
}

export async function withEmu(options: EmulatorOptions, fn: (emu: Emulator) => Promise<void>): Promise<void> {
  const emu = await startEmulator({ apiToken: TOKEN, ...options });
  try {
    await fn(emu);
  } finally {
    await emu.close();
  }
}

export function item(ip: string, vendor = "aws", region = "us-east-1"): { ip: string; vendor: string; region: string } {
  return { ip, vendor, region };
}

export function v2item(ip: string, vendor = "aws", region = "us-east-1"): { origin_ip: string; vendor: string; region: string } {
  return { origin_ip: ip, vendor, region };
}

export function manualClock(start = T0): { clock: () => Date; advance(ms: number): void } {
  let now = start;
  return { clock: () => new Date(now), advance: (ms) => (now += ms) };
}
