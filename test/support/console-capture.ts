/** Runs `work` and returns what it printed with console.log (a provider's lines for the engine). */
export async function logsOf<T>(work: () => Promise<T>): Promise<{ value: T; logs: string[] }> {
  const logs: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void logs.push(args.map(String).join(" "));
  try {
    return { value: await work(), logs };
  } finally {
    console.log = original;
  }
}
