// Prints the origin cloud-region mappings a zone holds, grouped by vendor and region.
// Used by scripts/example.sh after `pulumi up` / `pulumi destroy`.
//
//   SHOW_MAPPINGS_TOKEN=<token> node -r ts-node/register/transpile-only scripts/show-mappings.ts <baseUrl> <zoneId>
//
// The token is read from the environment (never from the command line, never printed). It sends one
// GET to <baseUrl>/zones/<zoneId>/cache/origin_cloud_regions (the v1 list endpoint; with a
// "no route" answer it falls back to the v2 list endpoint).

interface Entry {
  ip: string;
  vendor: string;
  region: string;
}

interface Envelope {
  success?: boolean;
  errors?: Array<{ code?: number; message?: string }>;
  result?: unknown;
  result_info?: { total_pages?: number };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function toEntry(item: unknown): Entry | undefined {
  if (!isObject(item)) return undefined;
  const ip = item["origin-ip"] ?? item["origin_ip"];
  const { vendor, region } = item;
  if (typeof ip !== "string" || typeof vendor !== "string" || typeof region !== "string") return undefined;
  return { ip, vendor, region };
}

async function get(url: string, token: string): Promise<{ status: number; body: Envelope }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
  const text = await response.text();
  let body: Envelope;
  try {
    body = JSON.parse(text) as Envelope;
  } catch {
    throw new Error(`GET ${url} answered HTTP ${response.status} with a body that is not JSON`);
  }
  return { status: response.status, body };
}

function noRoute(body: Envelope): boolean {
  return (body.errors ?? []).some((e) => e.code === 7000 || e.code === 7003);
}

function describeErrors(body: Envelope): string {
  return (body.errors ?? []).map((e) => `${e.code ?? "?"}: ${e.message ?? "?"}`).join("; ") || "no error details";
}

/** Reads every mapping: the current v2 family first, the older v1 family when v2 answers "no route". */
async function listMappings(baseUrl: string, zoneId: string, token: string): Promise<{ family: string; entries: Entry[] }> {
  const entries: Entry[] = [];
  for (let page = 1; ; page++) {
    const v2 = await get(`${baseUrl}/zones/${zoneId}/origin/cloud_regions?per_page=100&page=${page}`, token);
    if (page === 1 && noRoute(v2.body)) break;
    if (v2.status !== 200 || v2.body.success !== true || !Array.isArray(v2.body.result)) {
      throw new Error(`listing mappings failed: HTTP ${v2.status} (${describeErrors(v2.body)})`);
    }
    entries.push(...v2.body.result.map(toEntry).filter((e): e is Entry => e !== undefined));
    if (page >= (v2.body.result_info?.total_pages ?? 1)) return { family: "v2", entries };
  }
  const v1 = await get(`${baseUrl}/zones/${zoneId}/cache/origin_cloud_regions`, token);
  if (v1.status === 200 && v1.body.success === true && isObject(v1.body.result)) {
    const value = v1.body.result["value"];
    const items = Array.isArray(value) ? value : [];
    return { family: "v1", entries: items.map(toEntry).filter((e): e is Entry => e !== undefined) };
  }
  throw new Error(`listing mappings failed: HTTP ${v1.status} (${describeErrors(v1.body)})`);
}

/** Formats IPs into lines of at most `width` characters, each indented by `indent`. */
function wrap(ips: string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ip of ips) {
    const next = line === "" ? ip : `${line}, ${ip}`;
    if (indent.length + next.length > width && line !== "") {
      lines.push(`${indent}${line},`);
      line = ip;
    } else {
      line = next;
    }
  }
  if (line !== "") lines.push(`${indent}${line}`);
  return lines;
}

async function main(): Promise<void> {
  const [baseUrl, zoneId] = process.argv.slice(2);
  const token = process.env["SHOW_MAPPINGS_TOKEN"] ?? "";
  if (!baseUrl || !zoneId || token === "") {
    throw new Error("usage: SHOW_MAPPINGS_TOKEN=<token> show-mappings.ts <baseUrl> <zoneId>");
  }
  const { family, entries } = await listMappings(baseUrl.replace(/\/+$/, ""), zoneId, token);
  console.log(`Zone ${zoneId} holds ${entries.length} origin cloud-region mapping(s) (read with the ${family} list endpoint).`);
  if (entries.length === 0) return;

  const byVendor = new Map<string, Map<string, string[]>>();
  for (const e of entries) {
    const regions = byVendor.get(e.vendor) ?? new Map<string, string[]>();
    byVendor.set(e.vendor, regions);
    regions.set(e.region, [...(regions.get(e.region) ?? []), e.ip]);
  }
  const summary = [...byVendor.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([vendor, regions]) => `${vendor} ${[...regions.values()].reduce((n, ips) => n + ips.length, 0)}`);
  console.log(`Per vendor: ${summary.join(", ")}`);
  for (const [vendor, regions] of [...byVendor.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const count = [...regions.values()].reduce((n, ips) => n + ips.length, 0);
    console.log(`\n${vendor}: ${count} mapping(s) in ${regions.size} region(s)`);
    const width = Math.max(...[...regions.keys()].map((r) => r.length));
    for (const [region, ips] of [...regions.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const head = `  ${region.padEnd(width)} ${String(ips.length).padStart(3)}  `;
      const lines = wrap(ips, " ".repeat(head.length), 110);
      console.log(`${head}${(lines[0] ?? "").trimStart()}`);
      for (const line of lines.slice(1)) console.log(line);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`show-mappings: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
