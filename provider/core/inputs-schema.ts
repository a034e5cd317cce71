/**
 * The zod schema of the resource's inputs, and the reading of its issues as check failures that name
 * the property the way users write it (`mappings[3].ip`). Pure.
 */
import { z } from "zod";
import { canonicalizeIp } from "./ip";
import type { CheckFailure } from "./inputs";
import { UNKNOWN, VENDORS } from "./types";

export const ZONE_ID = /^[0-9a-f]{32}$/;

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/** Renders a zod issue path the way users write it: `mappings[3].ip`. */
export function propertyPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}

/**
 * Built per call (never at module level) because the provider is serialized as a closure and a
 * captured zod schema does not survive that (pulumi/pulumi#5294).
 */
export function inputsSchema() {
  const typed = (expected: string) => ({
    error: (issue: { input?: unknown }) => `expected ${expected}, got ${describe(issue.input)}`,
  });
  const known = (check: (v: string) => boolean) => (v: string) => v === UNKNOWN || check(v);
  const zoneId = z.string(typed("a zone id string")).refine(
    known((v) => ZONE_ID.test(v.toLowerCase())),
    {
      error: (issue) => `${describe(issue.input)} is not a zone id (32 hexadecimal characters)`,
    },
  );
  const vendor = z.string(typed(`one of ${VENDORS.join(", ")}`)).refine(
    known((v) => (VENDORS as readonly string[]).includes(v.toLowerCase())),
    {
      error: (issue) => `${describe(issue.input)} is not a supported vendor (one of ${VENDORS.join(", ")})`,
    },
  );
  const region = z.string(typed("a region id string")).refine(
    known((v) => /^\S+$/.test(v)),
    {
      error: (issue) => `${describe(issue.input)} is not a region id (non-empty, no spaces)`,
    },
  );
  const ip = z.string(typed("an IP address string")).superRefine((v, ctx) => {
    if (v === UNKNOWN) return;
    const result = canonicalizeIp(v);
    if (!result.ok) ctx.addIssue({ code: "custom", message: result.reason, input: v });
  });
  const mapping = z.union([z.literal(UNKNOWN), z.object({ ip, vendor, region }, typed("an object { ip, vendor, region }"))]);
  // An element may also be a list of mappings (what the adapters return), one level deep.
  const element = z.union([mapping, z.array(mapping, typed("a list of { ip, vendor, region }"))]);
  return z.object({
    zoneId,
    mappings: z.union([z.literal(UNKNOWN), z.array(element, typed("a list of { ip, vendor, region }"))]),
    adopt: z.union([z.boolean(typed("true or false")), z.literal(UNKNOWN)]).optional(),
    exclusive: z.union([z.boolean(typed("true or false")), z.literal(UNKNOWN)]).optional(),
  });
}

interface FlatIssue {
  path: PropertyKey[];
  message: string;
}

export function flattenIssues(issues: ReadonlyArray<z.core.$ZodIssue>, prefix: PropertyKey[] = []): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      // Keep the branch that got furthest (the object branch for an object, the array for an array):
      // "not the unknown sentinel" is never what a user needs to read.
      const branches = issue.errors.map((branch) => flattenIssues(branch, path));
      const useful = branches.filter((b) => b.every((i) => !i.message.includes(UNKNOWN)));
      const pick = (useful.length > 0 ? useful : branches).sort((a, b) => depth(b) - depth(a))[0];
      if (pick && pick.length > 0) out.push(...pick);
      else out.push({ path, message: issue.message });
      continue;
    }
    out.push({ path, message: issue.message });
  }
  return out;
}

function depth(issues: FlatIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

export function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
