/**
 * The dynamic provider behind `OriginCloudRegionMappings`, as Pulumi stores it in every stack's
 * state. Pulumi serializes this object with its methods' source text and runs that stored copy for
 * `pulumi refresh` and `pulumi destroy`, so it is kept to a stub: each method hands its call to
 * the one module it requires, `./entry` (captured as `require("<package>/dist/provider/host/entry.js")`
 * when the package is installed), and the installed version of the package does the work. It holds
 * nothing at construction time and imports `@pulumi/pulumi` for types only.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { MappingsOutputs } from "../core/state-shape";
import { invoke } from "./entry";

export class OriginCloudRegionMappingsProvider implements pulumi.dynamic.ResourceProvider {
  /** Receives the stack config (decrypted); read lazily so a bad value fails the step that needs it. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    await invoke(this, "configure", [req]);
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    return (await invoke(this, "check", [olds, news])) as pulumi.dynamic.CheckResult;
  }

  async diff(id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
    return (await invoke(this, "diff", [id, olds, news])) as pulumi.dynamic.DiffResult;
  }

  async create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult<MappingsOutputs>> {
    return (await invoke(this, "create", [inputs])) as pulumi.dynamic.CreateResult<MappingsOutputs>;
  }

  async read(id: string, props: MappingsOutputs): Promise<pulumi.dynamic.ReadResult<MappingsOutputs>> {
    return (await invoke(this, "read", [id, props])) as pulumi.dynamic.ReadResult<MappingsOutputs>;
  }

  async update(id: string, olds: MappingsOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult<MappingsOutputs>> {
    return (await invoke(this, "update", [id, olds, news])) as pulumi.dynamic.UpdateResult<MappingsOutputs>;
  }

  async delete(id: string, props: MappingsOutputs): Promise<void> {
    await invoke(this, "delete", [id, props]);
  }
}
