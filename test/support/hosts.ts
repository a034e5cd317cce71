// The two hosts of the one lifecycle, behind one interface, for the scenarios both must pass
// (test/plugin/shared-scenarios.spec.ts): the dynamic provider as its host calls it (`__label`
// names the resource), and the provider plugin's Provider as the engine calls it (the URN does,
// and the token arrives a secret).
import type { Emulator } from "../../emulator";
import type { MappingsOutputs } from "../../provider";
import { configureSession } from "../../provider/host/session";
import { configReader } from "../../provider/plugin/configure";
import { stepUrns } from "../../provider/plugin/engine-log";
import { pluginProvider } from "../../provider/plugin/provider";
import { PACKAGE, PLUGIN_SETTINGS, RESOURCE_TOKEN } from "../../provider/plugin/schema";
import { TEST_TOKEN, configuredProvider } from "./emulator";
import { collectReports } from "./reports";

type Props = Record<string, unknown>;

/** One resource's steps on one host; `lines` collects what the host reported. */
export interface HostDriver {
  lines: string[];
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes?: boolean | undefined; replaces?: string[] | undefined }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ props: Props; inputs: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

export interface Host {
  name: string;
  /** A driver for the resource `name`, configured with the emulator and the test token. */
  start(emulator: Emulator, name: string): Promise<HostDriver>;
}

const dynamicHost: Host = {
  name: "the dynamic resource",
  async start(emulator, name) {
    const p = await configuredProvider(emulator);
    const label = (props: Props) => ({ ...props, __label: name });
    return {
      lines: collectReports(p),
      check: async (olds, news) => {
        const r = await p.check(olds, label(news));
        return { inputs: r.inputs as Props, failures: [...(r.failures ?? [])] };
      },
      diff: (id, olds, news) => p.diff(id, olds as unknown as MappingsOutputs, news),
      create: async (inputs) => {
        const r = await p.create({ ...inputs, __provider: "stored-provider-text" });
        return { id: r.id, outs: r.outs as unknown as Props };
      },
      read: async (id, props) => {
        const r = await p.read(id, props as unknown as MappingsOutputs);
        return { props: r.props as unknown as Props, inputs: r.inputs as unknown as Props };
      },
      update: async (id, olds, news) => {
        const r = await p.update(id, olds as unknown as MappingsOutputs, news);
        return { outs: r.outs as unknown as Props };
      },
      delete: (id, props) => p.delete(id, props as unknown as MappingsOutputs),
    };
  },
};

const pluginHost: Host = {
  name: "the provider plugin",
  async start(emulator, name) {
    const key = {};
    configureSession(
      key,
      configReader(
        [
          [`${PACKAGE}:apiToken`, TEST_TOKEN],
          [`${PACKAGE}:baseUrl`, emulator.url],
        ],
        PLUGIN_SETTINGS,
      ),
    );
    const lines = collectReports(key);
    const p = pluginProvider("0.0.0", key, stepUrns());
    const urn = `urn:pulumi:test::proj::${RESOURCE_TOKEN}::${name}`;
    return {
      lines,
      check: async (olds, news) => {
        const r = await p.check!(urn, olds, news);
        return { inputs: r.inputs as Props, failures: [...(r.failures ?? [])] };
      },
      diff: (id, olds, news) => p.diff!(id, urn, olds, news),
      create: async (inputs) => {
        const r = await p.create!(urn, inputs);
        return { id: r.id, outs: r.outs as Props };
      },
      read: async (id, props) => {
        const r = await p.read!(id, urn, props);
        return { props: r.props as Props, inputs: r.inputs as Props };
      },
      update: async (id, olds, news) => ({ outs: (await p.update!(id, urn, olds, news)).outs as Props }),
      delete: (id, props) => p.delete!(id, urn, props),
    };
  },
};

export const HOSTS: readonly Host[] = [dynamicHost, pluginHost];
