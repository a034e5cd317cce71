/**
 * The one module the stored provider requires (see stored-provider.ts): every lifecycle call of
 * the dynamic provider comes through {@link invoke}. Its path, `dist/provider/host/entry.js`, and
 * the signature of `invoke` are frozen: every stack's state names them, and `pulumi refresh` and
 * `pulumi destroy` call them with whatever version of this package is installed. Add methods;
 * never rename, move or remove this module (test/e2e pins it).
 *
 * This is where the dynamic provider's conventions live: the hidden `__label` prop that names the
 * resource, `__provider` on a partial failure, and errors shaped for the dynamic provider host. The
 * lifecycle behind it knows none of them.
 */
import type { MappingsOutputs } from "../core/state-shape";
import { named } from "../core/state-shape";
import { withHint } from "../report/messages";
import { presentable } from "../report/step-errors";
import type { HintContext } from "../report/messages";
import { stepHint } from "./credentials";
import { Lifecycle } from "./lifecycle";
import type { ConfigReader, Settings } from "./settings";
import { configureSession, currentSettings, sessionOf } from "./session";

type Props = Record<string, unknown>;

/** The lifecycle methods of a dynamic provider. */
export type LifecycleMethod = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete";

/** Runs one lifecycle call for `provider` (the stored provider object, which keys its session). */
export async function invoke(provider: object, method: LifecycleMethod, args: readonly unknown[]): Promise<unknown> {
  if (method === "configure") return configureSession(provider, (args[0] as { config?: ConfigReader } | undefined)?.config);
  const lifecycle = new Lifecycle(() => sessionOf(provider));
  try {
    return await dispatch(lifecycle, method, args);
  } catch (error) {
    // The host prints `${error}: ${error.stack}`: a stack trace into files the package does not
    // ship helps nobody, so the error is rebuilt as a message a person can act on.
    // The step is named so that a refused token gets the hint that fits it (refresh and destroy run on recorded config),
    // and the token's source is the resource's (its own token, its variable, or the stack's).
    throw presentable(error, withHint(error, tokenHint(method, args, currentSettings(provider))));
  }
}

/** Where the step's token came from: the props of the resource it serves (outputs for refresh and destroy). */
function tokenHint(method: Exclude<LifecycleMethod, "configure">, args: readonly unknown[], settings: Settings | undefined): HintContext {
  const index = { check: 1, diff: 2, create: 0, read: 1, update: 2, delete: 1 }[method];
  const props = (args[index] ?? {}) as Props;
  return stepHint(method, props, labelOf(props), settings);
}

function labelOf(props: unknown): string | undefined {
  const label = (props as Props | undefined)?.["__label"];
  return typeof label === "string" ? label : undefined;
}

async function dispatch(lifecycle: Lifecycle, method: Exclude<LifecycleMethod, "configure">, args: readonly unknown[]): Promise<unknown> {
  switch (method) {
    case "check": {
      const [olds, news] = args as [Props, Props];
      const result = await lifecycle.check(olds, news, labelOf(news));
      return result.failures.length > 0 ? result : { ...result, inputs: { ...result.inputs, ...named(news) } };
    }
    case "diff": {
      const [, olds, news] = args as [string, MappingsOutputs, Props];
      return lifecycle.diff(olds, news, labelOf(news));
    }
    case "create": {
      const [inputs] = args as [Props];
      const { id, outs } = await withStoredProvider(inputs, () => lifecycle.create(inputs, labelOf(inputs)));
      return { id, outs: { ...outs, ...named(inputs) } };
    }
    case "read": {
      const [id, props] = args as [string, MappingsOutputs];
      const result = await lifecycle.read(id, props, labelOf(props));
      // The refreshed inputs keep the hidden name, as check's do: without it every later diff would differ.
      return { ...result, inputs: { ...result.inputs, ...named(props as unknown as Props) } };
    }
    case "update": {
      const [id, olds, news] = args as [string, MappingsOutputs, Props];
      const { outs } = await withStoredProvider(news, () => lifecycle.update(id, olds, news, labelOf(news)));
      return { outs: { ...outs, ...named(news) } };
    }
    case "delete": {
      const [, props] = args as [string, MappingsOutputs];
      return lifecycle.delete(props, labelOf(props));
    }
  }
}

/**
 * A partial failure's `properties` become the resource's state: the host does not add `__provider`
 * on that path, and without it `refresh` and `destroy` of the resource could not run.
 */
async function withStoredProvider<T>(inputs: Props, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const properties = (error as { properties?: Props } | null)?.properties;
    if (properties !== undefined) Object.assign(properties, named(inputs), { __provider: inputs["__provider"] });
    throw error;
  }
}
