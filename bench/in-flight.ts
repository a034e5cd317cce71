/**
 * Counts the provider's HTTP requests that are waiting for an answer, through undici's diagnostics
 * channels (the provider's client is undici). The bench prints the peak next to each step time, so
 * a table shows whether the concurrency setting was in effect, rather than leaving it to be guessed
 * from the timings.
 */
import * as diagnostics from "node:diagnostics_channel";

export class InFlightCounter {
  private readonly open = new Set<object>();
  private highest = 0;
  private readonly onCreate = (message: unknown) => {
    this.open.add(requestOf(message));
    this.highest = Math.max(this.highest, this.open.size);
  };
  // A request stops waiting once its response headers arrive, or when it fails.
  private readonly onDone = (message: unknown) => {
    this.open.delete(requestOf(message));
  };

  constructor() {
    diagnostics.subscribe("undici:request:create", this.onCreate);
    diagnostics.subscribe("undici:request:headers", this.onDone);
    diagnostics.subscribe("undici:request:error", this.onDone);
  }

  /** The highest number of requests waiting at once since the last reset. */
  get peak(): number {
    return this.highest;
  }

  reset(): void {
    this.open.clear();
    this.highest = 0;
  }

  dispose(): void {
    diagnostics.unsubscribe("undici:request:create", this.onCreate);
    diagnostics.unsubscribe("undici:request:headers", this.onDone);
    diagnostics.unsubscribe("undici:request:error", this.onDone);
  }
}

function requestOf(message: unknown): object {
  return (message as { request: object }).request;
}
