/**
 * Where the lines a person reads go. The provider host writes them to the console, where Pulumi
 * shows them as the stack's diagnostics; tests collect them and assert on what was reported.
 */
export interface Reporter {
  /** One message (it may span several lines). */
  info(message: string): void;
}

/** The provider host's reporter: the console, which Pulumi shows under the stack. */
export function consoleReporter(): Reporter {
  return { info: (message) => console.log(message) };
}

/** A reporter that keeps every message, for tests and tools that read what was reported. */
export function collectingReporter(): Reporter & { messages: string[] } {
  const messages: string[] = [];
  return { messages, info: (message) => void messages.push(message) };
}
