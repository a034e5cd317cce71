/**
 * The provider's configuration. `@pulumi/pulumi/provider`'s server answers `Configure` without
 * handing the configuration to the `Provider`, so the plugin reads the request on its way in: the
 * server's gRPC implementation is wrapped when it is registered, and the variables it receives
 * (`<package>:<key>`, decrypted) become the session's config (see host/session.ts).
 */
import type { ConfigReader, SettingKeys } from "../host/settings";
import { configureSession } from "../host/session";
import { pulumiGrpc } from "./grpc";

type Handler = (call: { request: ConfigureRequest }, callback: (error: unknown, value?: unknown) => void) => void;

interface ConfigureRequest {
  getVariablesMap(): { toObject(): Array<[string, string]> };
}

interface GrpcServer {
  prototype: { addService(service: unknown, implementation: Record<string, unknown>): void };
}

/** The config reader of one Configure call: keys are `<package>:<key>` (older engines send `<package>:config:<key>`). */
export function configReader(variables: ReadonlyArray<readonly [string, string]>, keys: SettingKeys): ConfigReader {
  const values = new Map<string, string>();
  for (const [k, v] of variables) values.set(k.replace(/^([^:]+):config:/, "$1:"), v);
  return { keys, get: (key) => values.get(key) };
}

/**
 * Makes every `Configure` the engine sends configure the session keyed by `key`. Called once,
 * before the server starts; the gRPC module is the one `@pulumi/pulumi` loads.
 */
export function captureConfigure(key: object, keys: SettingKeys): void {
  const grpc = pulumiGrpc() as unknown as { Server: GrpcServer };
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    const configure = implementation["configure"] as Handler | undefined;
    if (typeof configure === "function") {
      implementation["configure"] = ((call, callback) => {
        configureSession(key, configReader(call.request.getVariablesMap().toObject(), keys));
        configure.call(implementation, call, callback);
      }) satisfies Handler;
    }
    addService.call(this, service, implementation);
  };
}
