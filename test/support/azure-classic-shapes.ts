import * as pulumi from "@pulumi/pulumi";

/**
 * Stand-in for @pulumi/azure (classic) 6.40.0 `compute.LinuxVirtualMachine` and
 * `compute.WindowsVirtualMachine`: the same type tokens and the output properties fromAzure reads,
 * declared exactly as in their .d.ts. The package itself is not a devDependency: it pulls in the
 * Azure SDKs (@azure/identity, @azure/functions, ...), and the adapters are duck-typed anyway.
 */
export class ClassicVirtualMachineShape extends pulumi.CustomResource {
  /** `readonly location: pulumi.Output<string>` in @pulumi/azure 6.40.0. */
  declare public readonly location: pulumi.Output<string>;
  /** `readonly publicIpAddress: pulumi.Output<string>`: the primary public address. */
  declare public readonly publicIpAddress: pulumi.Output<string>;
  /** `readonly publicIpAddresses: pulumi.Output<string[]>`: every public address. */
  declare public readonly publicIpAddresses: pulumi.Output<string[]>;

  constructor(name: string, os: "Linux" | "Windows", args: { location: string; resourceGroupName: string }) {
    const token =
      os === "Linux"
        ? "azure:compute/linuxVirtualMachine:LinuxVirtualMachine"
        : "azure:compute/windowsVirtualMachine:WindowsVirtualMachine";
    super(token, name, { ...args, publicIpAddress: undefined, publicIpAddresses: undefined });
  }
}
