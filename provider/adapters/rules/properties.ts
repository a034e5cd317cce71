import { AdapterInputError, describeValue } from "./errors";

/** A resource's properties after Pulumi resolved them: plain values, keyed by property name. */
export type ResolvedProperties = Readonly<Record<string, unknown>>;

/**
 * Pure: a property that holds a string or nothing. `undefined`, `null` and `""` all mean "nothing":
 * providers report a missing public IP or an unset region as an empty string.
 */
export function optionalString(props: ResolvedProperties, key: string): string | undefined {
  const value = props[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new AdapterInputError(`${key} is ${describeValue(value)}; expected a string`);
  return value;
}

/** Pure: a property that holds a list of objects (or nothing), each returned with its path for messages. */
export function optionalObjectList(value: unknown, path: string): Array<{ item: ResolvedProperties; path: string }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AdapterInputError(`${path} is ${describeValue(value)}; expected a list`);
  return value.map((item: unknown, i) => {
    const itemPath = `${path}[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new AdapterInputError(`${itemPath} is ${describeValue(item)}; expected an object`);
    }
    return { item: item as ResolvedProperties, path: itemPath };
  });
}

/** Pure: a property that holds a list of strings (or nothing); empty entries are dropped. */
export function optionalStringList(props: ResolvedProperties, key: string): Array<{ value: string; path: string }> {
  const value = props[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AdapterInputError(`${key} is ${describeValue(value)}; expected a list of strings`);
  const out: Array<{ value: string; path: string }> = [];
  value.forEach((item: unknown, i) => {
    if (item === undefined || item === null || item === "") return;
    if (typeof item !== "string") throw new AdapterInputError(`${key}[${i}] is ${describeValue(item)}; expected a string`);
    out.push({ value: item, path: `${key}[${i}]` });
  });
  return out;
}
