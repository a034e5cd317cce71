/**
 * Where the plugin's lines go. The engine hides what a resource plugin writes to stdout, so each
 * line goes to the engine's Log service instead, under the resource of the step that tells it
 * (Pulumi shows it in the resource's diagnostics).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";
import type { Reporter } from "../report/reporter";
import { pulumiGrpc } from "./grpc";

/** The URN of the resource each step serves, for the lines it reports. */
export function stepUrns(): AsyncLocalStorage<string> {
  return new AsyncLocalStorage<string>();
}

/**
 * A reporter that logs to the engine at `engineAddress` (the plugin's first argument), at info level,
 * under the URN of the step running; without an engine address (a test), to the console.
 */
export function engineReporter(engineAddress: string | undefined, urns: AsyncLocalStorage<string>): Reporter {
  if (engineAddress === undefined || engineAddress === "") return { info: (message) => console.log(message) };
  const engine = new engrpc.EngineClient(engineAddress, pulumiGrpc().credentials.createInsecure());
  // One at a time, in order: a step's lines arrive as it told them.
  let last: Promise<void> = Promise.resolve();
  return {
    info: (message) => {
      const req = new engproto.LogRequest();
      req.setSeverity(engproto.LogSeverity.INFO);
      req.setMessage(message);
      req.setUrn(urns.getStore() ?? "");
      req.setStreamid(0);
      last = last.then(() => new Promise<void>((resolve) => engine.log(req, () => resolve())));
    },
  };
}
