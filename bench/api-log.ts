/**
 * The emulator's view of one benchmark step: the requests it answered, and for how long the API was
 * busy with them. The emulator records no times, so each answer is stamped here through its
 * `onRequest` hook; the first request arrived about one added latency before its answer.
 */
import type { Emulator, RecordedRequest } from "../emulator";

export interface StepRequests {
  total: number;
  /** "1 GET, 35 PUT"; refused answers (4xx/5xx, dropped) counted apart. */
  summary: string;
  /** From the first request's arrival to the last answer; undefined without requests. */
  spanMs: number | undefined;
  /** The same for the writes (batch upserts and deletes) alone; undefined without writes. */
  writeSpanMs?: number | undefined;
}

export class ApiLog {
  private answeredAt: number[] = [];
  private writesAnsweredAt: number[] = [];

  constructor(private readonly latencyMs: number) {}

  /** Pass as `startEmulator({ onRequest })`. */
  readonly onRequest = (request: RecordedRequest): void => {
    const now = performance.now();
    this.answeredAt.push(now);
    if (request.method !== "GET") this.writesAnsweredAt.push(now);
  };

  clear(emulator: Emulator): void {
    emulator.clearRequests();
    this.answeredAt = [];
    this.writesAnsweredAt = [];
  }

  step(emulator: Emulator): StepRequests {
    const requests = emulator.requests;
    const counts = new Map<string, number>();
    let refused = 0;
    for (const r of requests) {
      if (r.status === null || r.status >= 400) refused++;
      else counts.set(r.method, (counts.get(r.method) ?? 0) + 1);
    }
    // Reads first, then writes, as the provider sends them.
    const order = ["GET", "PATCH", "PUT", "DELETE"];
    const rank = (method: string) => (order.includes(method) ? order.indexOf(method) : order.length);
    const parts = [...counts.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]))
      .map(([method, n]) => `${n.toLocaleString("en-US")} ${method}`);
    if (refused > 0) parts.push(`${refused} refused`);
    return {
      total: requests.length,
      summary: parts.join(", ") || "none",
      spanMs: this.span(this.answeredAt),
      writeSpanMs: this.span(this.writesAnsweredAt),
    };
  }

  private span(answeredAt: readonly number[]): number | undefined {
    const first = answeredAt[0];
    const last = answeredAt[answeredAt.length - 1];
    return first === undefined || last === undefined ? undefined : last - first + this.latencyMs;
  }
}
