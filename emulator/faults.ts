// Fault injection. Two sources, checked in this order for each request:
//  1. a scripted FIFO queue, so a test can say exactly which request fails and how;
//  2. random rates drawn from a seeded PRNG, so "flaky network" runs are reproducible, with an
//     optional cap on consecutive faults so a retrying client always gets through eventually.

export type FiveXxCode = "internal_error" | "region_validation_error";

export type Fault =
  | { kind: "429"; retryAfter?: number }
  | { kind: "5xx"; status?: number; code?: FiveXxCode }
  | { kind: "reset" }
  | { kind: "reset-after-apply" }
  | { kind: "delay"; ms: number }
  | { kind: "no-route" };

export type ScriptedFault = Fault & { method?: string; path?: RegExp };

export interface FaultRates {
  rate429?: number;
  rate5xx?: number;
  rateReset?: number;
  /** Retry-After seconds for rate-drawn 429s (default 1). */
  retryAfter?: number;
  seed?: number;
  /** After this many rate-drawn faults in a row, the next request is let through. */
  maxConsecutive?: number;
}

// Any fixed value keeps unseeded runs deterministic too.
const DEFAULT_SEED = 0x5eed;

/** mulberry32: tiny, fast and good enough to spread faults; not for anything security-related. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkProbability(name: string, value: number | undefined): number {
  const p = value ?? 0;
  if (!Number.isFinite(p) || p < 0 || p > 1) throw new RangeError(`${name} must be between 0 and 1, got ${String(value)}`);
  return p;
}

/** Strips the matcher fields so what is returned is a plain Fault. */
function toFault(scripted: ScriptedFault): Fault {
  switch (scripted.kind) {
    case "429":
      return scripted.retryAfter === undefined ? { kind: "429" } : { kind: "429", retryAfter: scripted.retryAfter };
    case "5xx": {
      const fault: Fault = { kind: "5xx" };
      if (scripted.status !== undefined) fault.status = scripted.status;
      if (scripted.code !== undefined) fault.code = scripted.code;
      return fault;
    }
    case "delay":
      return { kind: "delay", ms: scripted.ms };
    default:
      return { kind: scripted.kind };
  }
}

function validateFault(f: ScriptedFault): void {
  if (f.kind === "delay" && (!Number.isFinite(f.ms) || f.ms < 0)) throw new RangeError("delay fault needs ms >= 0");
  if (f.kind === "5xx" && f.status !== undefined && (!Number.isInteger(f.status) || f.status < 500 || f.status > 599)) {
    throw new RangeError(`5xx fault status must be 500-599, got ${f.status}`);
  }
  if (f.kind === "429" && f.retryAfter !== undefined && (!Number.isFinite(f.retryAfter) || f.retryAfter < 0)) {
    throw new RangeError("429 fault retryAfter must be >= 0 seconds");
  }
}

interface ActiveRates {
  p429: number;
  p5xx: number;
  pReset: number;
  retryAfter: number;
  maxConsecutive: number;
  random: () => number;
  consecutive: number;
}

export class FaultInjector {
  private readonly queue: ScriptedFault[] = [];
  private rates: ActiveRates | null = null;

  enqueue(...faults: ScriptedFault[]): void {
    for (const f of faults) validateFault(f);
    this.queue.push(...faults);
  }

  setRates(r: FaultRates | null): void {
    if (r === null) {
      this.rates = null;
      return;
    }
    const p429 = checkProbability("rate429", r.rate429);
    const p5xx = checkProbability("rate5xx", r.rate5xx);
    const pReset = checkProbability("rateReset", r.rateReset);
    if (p429 + p5xx + pReset > 1) throw new RangeError("fault rates must add up to at most 1");
    const maxConsecutive = r.maxConsecutive ?? Infinity;
    if (!(maxConsecutive >= 0)) throw new RangeError("maxConsecutive must be >= 0");
    this.rates = {
      p429,
      p5xx,
      pReset,
      retryAfter: r.retryAfter ?? 1,
      maxConsecutive,
      random: mulberry32(r.seed ?? DEFAULT_SEED),
      consecutive: 0,
    };
  }

  clear(): void {
    this.queue.length = 0;
    this.rates = null;
  }

  pending(): number {
    return this.queue.length;
  }

  /** The fault this request gets, if any. Consumes the first matching scripted fault. */
  take(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex((f) => {
      if (f.method !== undefined && f.method.toUpperCase() !== method.toUpperCase()) return false;
      if (f.path !== undefined) {
        // A /g or /y regex keeps lastIndex between calls; reset it so matching does not depend on history.
        f.path.lastIndex = 0;
        if (!f.path.test(path)) return false;
      }
      return true;
    });
    if (index >= 0) {
      const [scripted] = this.queue.splice(index, 1);
      if (scripted !== undefined) return toFault(scripted);
    }
    return this.draw();
  }

  private draw(): Fault | undefined {
    const r = this.rates;
    if (r === null) return undefined;
    if (r.consecutive >= r.maxConsecutive) {
      r.consecutive = 0;
      return undefined;
    }
    const x = r.random();
    let fault: Fault | undefined;
    if (x < r.p429) fault = { kind: "429", retryAfter: r.retryAfter };
    else if (x < r.p429 + r.p5xx) fault = { kind: "5xx" };
    else if (x < r.p429 + r.p5xx + r.pReset) fault = { kind: "reset" };
    r.consecutive = fault === undefined ? 0 : r.consecutive + 1;
    return fault;
  }
}
