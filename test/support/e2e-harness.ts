// Harness for the end-to-end suites: drives the bare Pulumi CLI (built by scripts/toolchain.sh) on the
// fixture project in test/e2e/fixture, with an isolated PULUMI_HOME and file:// backend per suite,
// and keeps every output so the suite can check that the API token never shows up anywhere.
//
// The module the suites, the benchmarks and the other support files import from. The code lives by
// concern in e2e-cli.ts (paths, toolchain, the CLI runner) and e2e-stack.ts (stacks of the fixture
// project, exported state, scenario data).

export { CliError, FIXTURE_DIR, FIXTURE_PROJECT, PulumiCli, REPO_ROOT, excerpt, resolveToolchain } from "./e2e-cli";
export type { CliResult, RunOptions } from "./e2e-cli";
export { MAPPINGS_TYPE, REGIONS, TestStack, ipsIn, makeMappings, mappingsResource, zoneIdFor } from "./e2e-stack";
export type { ExportedResource, MappingSpec, StackExport, StackScenario } from "./e2e-stack";
