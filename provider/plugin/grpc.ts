/**
 * The gRPC library `@pulumi/pulumi` itself loads: the plugin's server is built from it (configure.ts
 * wraps what it registers), so the plugin uses that very module, not a copy of its own.
 */
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";

export function pulumiGrpc(): typeof grpc {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as typeof grpc;
}
