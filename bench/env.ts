/**
 * Benchmark knobs from the environment, so a run can be made smaller (or larger) on a shared machine
 * without editing code. A malformed value stops the run: a benchmark that silently fell back to the
 * defaults would report numbers for a configuration nobody asked for.
 */

/** A comma-separated list of non-negative integers (`1,100,1000`; `_` and `,` inside numbers not allowed). */
export function envList(name: string, fallback: readonly number[], options: { allowZero?: boolean; allowEmpty?: boolean } = {}): number[] {
  const raw = process.env[name];
  if (raw === undefined) return [...fallback];
  if (raw.trim() === "") {
    if (options.allowEmpty) return [];
    throw new Error(`${name} is empty; give a comma-separated list of integers`);
  }
  return raw.split(",").map((part) => {
    const text = part.trim();
    const n = /^[0-9]{1,7}$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(n) || (n === 0 && !options.allowZero))
      throw new Error(`${name}: ${JSON.stringify(text)} is not a ${options.allowZero ? "non-negative" : "positive"} integer`);
    return n;
  });
}

export function envPositiveInteger(name: string, fallback: number): number {
  return envInteger(name, fallback, 1);
}

export function envInteger(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const n = /^[0-9]{1,7}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (Number.isNaN(n) || n < min) throw new Error(`${name}: ${JSON.stringify(raw)} is not an integer >= ${min}`);
  return n;
}

/**
 * `1`/`true`/`yes` or `0`/`false`/`no`. With several names (a knob and its older aliases), the first
 * one set wins.
 */
export function envFlag(names: string | readonly string[], fallback: boolean): boolean {
  const name = (typeof names === "string" ? [names] : names).find((n) => process.env[n] !== undefined);
  if (name === undefined) return fallback;
  const raw = process.env[name] ?? "";
  const text = raw.trim().toLowerCase();
  if (["1", "true", "yes"].includes(text)) return true;
  if (["0", "false", "no"].includes(text)) return false;
  throw new Error(`${name}: ${JSON.stringify(raw)} is not 1/0, true/false or yes/no`);
}
