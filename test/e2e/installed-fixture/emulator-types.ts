// Type-checked only (tsc --noEmit): the emulator subpath's types resolve under moduleResolution "node"
// (node10, which ignores package.json "exports"), through the package's typesVersions.
import type { EmulatorOptions } from "pulumi-cloudflare-origin-cloud-regions/emulator";
import type { Vendor } from "pulumi-cloudflare-origin-cloud-regions";

export const options: EmulatorOptions = { port: 0, host: "127.0.0.1" };
export const vendor: Vendor = "oci";
