// Stacks of the fixture project (test/e2e/fixture) and the scenario data the end-to-end suites
// configure them with: mapping lists, zone ids, and the IPs a CLI output mentions.

import * as fs from "node:fs";
import * as path from "node:path";
import type { CliResult, PulumiCli, RunOptions } from "./e2e-cli";

export interface MappingSpec {
  ip: string;
  vendor: "aws" | "azure" | "gcp" | "oci";
  region: string;
}

export interface StackScenario {
  zoneId: string;
  mappings: MappingSpec[];
  /** Route the IPs through another resource, so they are unknown until it is created. */
  unknownIps?: boolean;
  adopt?: boolean;
  exclusive?: boolean;
  /** A second resource, "origins-twin", for the same zone with `exclusive: true` (an error). */
  twinExclusive?: boolean;
}

/** A stack of the fixture project. Every command names the stack explicitly. */
export class TestStack {
  constructor(
    readonly cli: PulumiCli,
    readonly name: string,
  ) {}

  /** The stack's config file in the fixture folder (removed by the suite at the end). */
  get configFile(): string {
    return path.join(this.cli.projectDir, `Pulumi.${this.name}.yaml`);
  }

  async init(scenario: StackScenario, emulatorUrl: string, token: string): Promise<void> {
    await this.cli.run(["stack", "init", this.name]);
    // From stdin, so the token is on no command line.
    await this.cli.run(["config", "set", "--stack", this.name, "--secret", "cloudflare:apiToken"], { input: token });
    await this.configure(scenario, ["--plaintext", `cloudflare:baseUrl=${emulatorUrl}`]);
  }

  /** Where a large mapping list is handed to the program (a command line cannot carry thousands). */
  get mappingsFile(): string {
    return path.join(this.cli.root, `${this.name}.mappings.json`);
  }

  /** Writes the scenario into the stack config (project namespace); large lists go through a file. */
  async configure(scenario: StackScenario, extra: string[] = []): Promise<void> {
    const large = scenario.mappings.length > 200;
    if (large) fs.writeFileSync(this.mappingsFile, JSON.stringify(scenario.mappings));
    await this.cli.run([
      "config",
      "set-all",
      "--stack",
      this.name,
      ...extra,
      "--plaintext",
      `zoneId=${scenario.zoneId}`,
      "--plaintext",
      `mappings=${large ? "[]" : JSON.stringify(scenario.mappings)}`,
      "--plaintext",
      `mappingsFile=${large ? this.mappingsFile : ""}`,
      "--plaintext",
      `unknownIps=${scenario.unknownIps === true}`,
      "--plaintext",
      `adopt=${scenario.adopt === true}`,
      "--plaintext",
      `exclusive=${scenario.exclusive === true}`,
      "--plaintext",
      `twinExclusive=${scenario.twinExclusive === true}`,
    ]);
  }

  preview(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["preview", "--stack", this.name, ...extra], options);
  }

  /** `pulumi <command> --stack <name> --yes --skip-preview <extra>` started in its own process group. */
  start(command: "up" | "destroy", extra: string[] = []): ReturnType<PulumiCli["start"]> {
    return this.cli.start([command, "--stack", this.name, "--yes", "--skip-preview", ...extra]);
  }

  up(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["up", "--stack", this.name, "--yes", "--skip-preview", ...extra], options);
  }

  refresh(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["refresh", "--stack", this.name, "--yes", "--skip-preview", ...extra], options);
  }

  destroy(extra: string[] = [], options: RunOptions = {}): Promise<CliResult> {
    return this.cli.run(["destroy", "--stack", this.name, "--yes", "--skip-preview", ...extra], options);
  }

  /** `pulumi stack export` (secrets stay encrypted) as parsed JSON. */
  async export(): Promise<StackExport> {
    const result = await this.cli.run(["stack", "export", "--stack", this.name]);
    return JSON.parse(result.stdout) as StackExport;
  }

  async remove(): Promise<void> {
    await this.cli.run(["stack", "rm", "--stack", this.name, "--yes", "--force"], { allowFailure: true });
    fs.rmSync(this.configFile, { force: true });
  }
}

export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
}

export interface StackExport {
  deployment: { resources?: ExportedResource[] };
}

export const MAPPINGS_TYPE = "pulumi-nodejs:dynamic/cloudflare:OriginCloudRegionMappings";

/** The OriginCloudRegionMappings resource of an exported stack, if any. */
export function mappingsResource(state: StackExport): ExportedResource | undefined {
  return state.deployment.resources?.find((r) => r.type === MAPPINGS_TYPE);
}

// ---- Scenario data -------------------------------------------------------------------------------

/** Regions the emulator supports (its synthetic list), a few per vendor. */
export const REGIONS: Record<MappingSpec["vendor"], string[]> = {
  aws: ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"],
  gcp: ["us-central1", "europe-west1", "asia-southeast1"],
  azure: ["eastus", "westeurope", "japaneast"],
  oci: ["us-ashburn-1", "eu-frankfurt-1", "ap-tokyo-1"],
};
const VENDOR_ORDER: Array<MappingSpec["vendor"]> = ["aws", "gcp", "azure", "oci"];

/**
 * `count` distinct mappings (every fifth one IPv6), spread over the four vendors: IPv4 from the
 * benchmarking range 198.18.0.0/15 (131,072 addresses, so large scenarios never repeat one), IPv6
 * from the documentation range. `offset` shifts the address plan so that scenarios can tell their
 * IPs apart.
 */
export function makeMappings(count: number, offset = 0): MappingSpec[] {
  const result: MappingSpec[] = [];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const ip =
      i % 5 === 4
        ? `2001:db8:${(0x100 + (n >> 16)).toString(16)}::${(n & 0xffff || 1).toString(16)}`
        : `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
    const vendor = VENDOR_ORDER[i % VENDOR_ORDER.length] ?? "aws";
    const regions = REGIONS[vendor];
    result.push({ ip, vendor, region: regions[Math.floor(i / VENDOR_ORDER.length) % regions.length] ?? "" });
  }
  return result;
}

/** Every IPv4 or IPv6 address of the documentation and benchmarking ranges that occurs in a text. */
export function ipsIn(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:192\.0\.2|198\.51\.100|203\.0\.113|198\.1[89]\.\d{1,3})\.\d{1,3}\b/g)) found.add(m[0]);
  for (const m of text.matchAll(/\b2001:db8:[0-9a-f:]*[0-9a-f]\b/gi)) found.add(m[0].toLowerCase());
  return found;
}

/** A distinct, well-formed zone id per scenario. */
export function zoneIdFor(label: string, salt: string): string {
  let h = 0x811c9dc5;
  const out: string[] = [];
  const text = `${salt}:${label}`;
  for (let round = 0; out.join("").length < 32; round++) {
    for (const ch of `${text}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out.push(h.toString(16).padStart(8, "0"));
  }
  return out.join("").slice(0, 32);
}
