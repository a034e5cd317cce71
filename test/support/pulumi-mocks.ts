import * as pulumi from "@pulumi/pulumi";

// @pulumi/pulumi's runtime state is internal; the tests read it to put back what setMocks changed.
interface RuntimeOptions {
  project: string;
  stack: string;
  parallel: number;
  engineAddr: string;
  monitorAddr: string;
  dryRun: boolean;
  organization: string;
}
const { getStore } = require("@pulumi/pulumi/runtime/state") as {
  getStore(): { settings: { options: RuntimeOptions } } & Record<string, unknown>;
};

/** The provider outputs a mocked resource reports, keyed by resource name; `id` is its physical id. */
export type MockOutputs = Record<string, Record<string, unknown> & { id?: string }>;

/** What the test sees of a run under mocks: every registration, and every warning the program logged. */
export interface MockRun {
  registered: pulumi.runtime.MockResourceArgs[];
  warnings: string[];
}

/**
 * Runs the enclosing describe block under `pulumi.runtime.setMocks`, each resource's state being
 * its inputs plus `outputs[name]` (shaped like what the real provider returns), and restores the
 * runtime afterwards: setMocks changes process-wide state, and mocha runs every spec file in one
 * process. Without an engine, `pulumi.log.warn` writes to console.warn; those lines are captured.
 */
export function underMocks(outputs: MockOutputs, options: { preview: boolean }): MockRun {
  const run: MockRun = { registered: [], warnings: [] };
  const store = getStore();
  let saved: RuntimeOptions = store.settings.options;
  let savedFlags: Record<string, unknown> = {};
  let savedWarn: typeof console.warn = console.warn;
  before(async () => {
    saved = { ...store.settings.options };
    savedFlags = Object.fromEntries(Object.entries(store).filter(([key]) => key.startsWith("supports")));
    savedWarn = console.warn;
    console.warn = (...args: unknown[]) => {
      run.warnings.push(
        args
          .map(String)
          .join(" ")
          .replace(/^warning: \[runtime\] /, ""),
      );
    };
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          run.registered.push(args);
          const { id, ...state } = outputs[args.name] ?? {};
          return { id: id ?? `${args.name}-id`, state: { ...args.inputs, ...state } };
        },
        call: (args) => args.inputs,
      },
      "adapters",
      "test",
      options.preview,
    );
  });
  after(() => {
    console.warn = savedWarn;
    const o = saved;
    pulumi.runtime.resetOptions(o.project, o.stack, o.parallel, o.engineAddr, o.monitorAddr, o.dryRun, o.organization);
    Object.assign(store, savedFlags);
  });
  return run;
}

/**
 * The value of an Output, or its rejection; `undefined` marks a value not known (preview).
 * `promise` is internal to @pulumi/pulumi, and the only way to see both.
 */
export function settle<T>(output: pulumi.Output<T>): Promise<T | undefined> {
  return (output as unknown as { promise(withUnknowns?: boolean): Promise<T | undefined> }).promise();
}

/** Whether an Output's value is known; internal to @pulumi/pulumi like `promise`. */
export function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
  return (output as unknown as { isKnown: Promise<boolean> }).isKnown;
}
