/**
 * A value an adapter (`fromAws`, `fromGcp`, `fromAzure`, `fromOci`) cannot turn into mappings: not a
 * resource it knows, or a property it cannot read. The message says what it got and what it accepts.
 * Thrown in the user's program, either when the adapter is called or when the resource's outputs
 * resolve, so the program fails before anything is sent to Cloudflare.
 */
export class AdapterInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AdapterInputError";
  }
}

/** Pure: a short, quoted description of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") {
    const keys = Object.keys(value).filter((k) => !k.startsWith("__"));
    if (keys.length === 0) return "an object with no properties";
    const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", ..." : "");
    return `an object with properties ${shown}`;
  }
  return `${typeof value} ${String(value)}`;
}
