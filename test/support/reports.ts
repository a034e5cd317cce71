/**
 * What a provider reported, collected instead of printed: tests assert on it, and the test run
 * stays quiet.
 */
import { reportTo } from "../../provider/host/session";
import { collectingReporter } from "../../provider/report/reporter";

const collected = new WeakMap<object, string[]>();

/** Every message `provider` reports from now on is kept (and not printed); returns them. */
export function collectReports(provider: object): string[] {
  let messages = collected.get(provider);
  if (messages === undefined) {
    const reporter = collectingReporter();
    reportTo(provider, reporter);
    messages = reporter.messages;
    collected.set(provider, messages);
  }
  return messages;
}

/** Runs `work` and returns what `provider` reported meanwhile. */
export async function reportedDuring<T>(provider: object, work: () => Promise<T>): Promise<{ value: T; logs: string[] }> {
  const messages = collectReports(provider);
  const from = messages.length;
  const value = await work();
  return { value, logs: messages.slice(from) };
}
