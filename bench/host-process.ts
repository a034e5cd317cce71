/**
 * The real dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`), started as the engine starts
 * it and called over gRPC the way the engine calls it, so that its memory can be studied without the
 * engine around it. @grpc/grpc-js, google-protobuf and the generated stubs come with @pulumi/pulumi:
 * they are the exact code the host itself uses to decode what the engine sends.
 */
import type { ChildProcessByStdio } from "node:child_process";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Readable } from "node:stream";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";

export type Props = Record<string, unknown>;

const struct = (props: Props): Struct => Struct.fromJavaScript(props as Record<string, JavaScriptValue>);

export class HostProcess {
  private constructor(
    private readonly child: ChildProcessByStdio<null, Readable, null>,
    private readonly client: ResourceProviderClient,
  ) {}

  /** Starts the host with `node` from `pathPrefix` (the toolchain's, as the CLI would run it). */
  static async start(pathPrefix: string): Promise<HostProcess> {
    const env = { ...process.env, PATH: `${pathPrefix}${path.delimiter}${process.env["PATH"] ?? ""}` };
    // The host only checks that an engine address is given; it never calls back in these replays.
    const child = spawn("node", [require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), "127.0.0.1:1"], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<string>((resolve, reject) => {
      child.once("error", reject);
      child.stdout.once("data", (chunk: Buffer) => resolve(String(chunk).trim()));
    });
    // Whatever the provider prints after the port line is not part of the measurement.
    child.stdout.resume();
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
    });
    return new HostProcess(child, client);
  }

  /** The kernel's high-water mark of the host's resident memory, MiB. */
  peakMiB(): number {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    return Number(/^VmHWM:\s+([0-9]+) kB$/m.exec(status)?.[1] ?? NaN) / 1024;
  }

  configure(config: Record<string, string>): Promise<unknown> {
    const req = new proto.ConfigureRequest();
    req.setArgs(struct(config));
    return this.unary((cb) => this.client.configure(req, cb));
  }

  /** As the engine sends it: old inputs, the program's new inputs and the old outputs. */
  async check(olds: Props, news: Props, oldOutputs: Props): Promise<Props> {
    const req = new proto.CheckRequest();
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    req.setOldOutputs(struct(oldOutputs));
    const res = await this.unary<proto.CheckResponse>((cb) => this.client.check(req, cb));
    return (res.getInputs()?.toJavaScript() ?? {}) as Props;
  }

  diff(id: string, olds: Props, news: Props, oldInputs: Props): Promise<unknown> {
    const req = new proto.DiffRequest();
    req.setId(id);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    req.setOldInputs(struct(oldInputs));
    return this.unary((cb) => this.client.diff(req, cb));
  }

  async create(props: Props): Promise<Props> {
    const req = new proto.CreateRequest();
    req.setProperties(struct(props));
    const res = await this.unary<proto.CreateResponse>((cb) => this.client.create(req, cb));
    return (res.getProperties()?.toJavaScript() ?? {}) as Props;
  }

  update(id: string, olds: Props, news: Props, oldInputs: Props): Promise<unknown> {
    const req = new proto.UpdateRequest();
    req.setId(id);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    req.setOldInputs(struct(oldInputs));
    return this.unary((cb) => this.client.update(req, cb));
  }

  stop(): void {
    this.client.close();
    this.child.kill("SIGINT");
  }

  private unary<T>(send: (callback: (error: grpc.ServiceError | null, response: T) => void) => unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      send((error, response) => (error ? reject(error) : resolve(response)));
    });
  }
}
