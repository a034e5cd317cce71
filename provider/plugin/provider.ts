/**
 * The resource provider plugin's `Provider`: each call unwraps what the engine sends, runs the same
 * lifecycle as the dynamic resource (host/lifecycle.ts), and shapes the answer for the engine. A
 * real provider stores no code in state: `refresh` and `destroy` run the installed plugin.
 */
import type { AsyncLocalStorage } from "node:async_hooks";
import type * as provider from "@pulumi/pulumi/provider";
import type { MappingsOutputs } from "../core/state-shape";
import { withHint } from "../report/messages";
import type { HintStep } from "../report/messages";
import { presentable } from "../report/step-errors";
import { stepHint } from "../host/credentials";
import { Lifecycle } from "../host/lifecycle";
import { currentSettings, sessionOf } from "../host/session";
import { PLUGIN_SETTINGS, RESOURCE_TOKEN, schema } from "./schema";
import { fromWire, nameOf, plainProps, toWire, withSecrets } from "./wire";

type Props = Record<string, unknown>;

/**
 * The plugin's provider; `key` keys its session (see host/session.ts), configured by configure.ts.
 * Each step runs with its URN in `urns`, where the session's reporter finds it (engine-log.ts).
 */
export function pluginProvider(version: string, key: object, urns: AsyncLocalStorage<string>): provider.Provider {
  const lifecycle = new Lifecycle(() => sessionOf(key));
  /** Runs one step; an error becomes a message a person can act on, with the hint of the token the step used. */
  const step = async <T>(name: HintStep, props: Props, urn: string, run: () => Promise<T>): Promise<T> => {
    try {
      checkType(urn);
      return await urns.run(urn, run);
    } catch (error) {
      // The plugin's keys even before Configure: the settings may be what failed.
      const shown = presentable(error, withHint(error, stepHint(name, props, nameOf(urn), currentSettings(key), PLUGIN_SETTINGS)));
      const partial = shown as Error & { properties?: Props };
      if (partial.properties !== undefined) partial.properties = toWire(partial.properties);
      throw shown;
    }
  };
  return {
    version,
    schema: JSON.stringify(schema(version)),
    check: (urn, olds, news) => {
      const o = fromWire(olds) as unknown as Props;
      const n = plainProps(news);
      return step("check", n, urn, async () => {
        const result = await lifecycle.check(o, n, nameOf(urn));
        return result.failures.length > 0 ? { inputs: news as Props, failures: result.failures } : { inputs: withSecrets(result.inputs) };
      });
    },
    diff: (_id, urn, olds, news) => {
      const n = plainProps(news);
      return step("diff", n, urn, () => lifecycle.diff(fromWire(olds), n, nameOf(urn)));
    },
    create: (urn, inputs) => {
      const i = plainProps(inputs);
      return step("create", i, urn, async () => {
        const { id, outs } = await lifecycle.create(i, nameOf(urn));
        return { id, outs: toWire(outs) };
      });
    },
    read: (id, urn, props) => {
      const state = fromWire(props);
      return step("read", state as unknown as Props, urn, async () => {
        const result = await lifecycle.read(id, state, nameOf(urn));
        return { id: result.id, props: toWire(result.props), inputs: withSecrets(result.inputs) };
      });
    },
    update: (id, urn, olds, news) => {
      const n = plainProps(news);
      return step("update", n, urn, async () => {
        const { outs } = await lifecycle.update(id, fromWire(olds), n, nameOf(urn));
        return { outs: toWire(outs) };
      });
    },
    delete: (_id, urn, props) => {
      const state: MappingsOutputs = fromWire(props);
      return step("delete", state as unknown as Props, urn, () => lifecycle.delete(state, nameOf(urn)));
    },
  };
}

/** The plugin serves one resource type; anything else is a program written for another package. */
function checkType(urn: string): void {
  const type = urn.split("::")[2] ?? "";
  if (type !== RESOURCE_TOKEN) throw new Error(`unknown resource type ${type}: this plugin serves ${RESOURCE_TOKEN} only`);
}
