import assert from "node:assert/strict";
import { PACKAGE, PLUGIN_SETTINGS, RESOURCE_TOKEN, schema } from "../../provider/plugin/schema";

type Props = Record<string, { description?: string }>;
interface ObjectSpec {
  description?: string;
  properties?: Props;
  inputProperties?: Props;
  requiredInputs?: string[];
  required?: string[];
}

describe("plugin: the package schema", () => {
  const s = schema("1.2.3") as {
    name: string;
    version: string;
    config: { variables: Props };
    provider: ObjectSpec;
    types: Record<string, ObjectSpec>;
    resources: Record<string, ObjectSpec>;
  };

  it("names the package and its one resource, at the plugin's version", () => {
    assert.equal(s.name, PACKAGE);
    assert.equal(s.version, "1.2.3");
    assert.deepEqual(Object.keys(s.resources), [RESOURCE_TOKEN]);
  });

  it("describes every property (what users see in their IDE)", () => {
    const missing: string[] = [];
    const walk = (where: string, props: Props | undefined) => {
      for (const [name, spec] of Object.entries(props ?? {})) if (!spec.description?.trim()) missing.push(`${where}.${name}`);
    };
    walk("config", s.config.variables);
    walk("provider", s.provider.inputProperties);
    for (const [token, spec] of [...Object.entries(s.types), ...Object.entries(s.resources)]) {
      assert.ok(spec.description?.trim(), `${token} has a description`);
      walk(`${token}.properties`, spec.properties);
      walk(`${token}.inputProperties`, spec.inputProperties);
    }
    assert.deepEqual(missing, []);
  });

  it("takes the resource's inputs as the dynamic resource does, and the settings the host reads", () => {
    const resource = s.resources[RESOURCE_TOKEN] as ObjectSpec;
    assert.deepEqual(Object.keys(resource.inputProperties ?? {}).sort(), [
      "adopt",
      "apiToken",
      "apiTokenEnvVar",
      "exclusive",
      "mappings",
      "zoneId",
    ]);
    assert.deepEqual(resource.requiredInputs, ["zoneId", "mappings"]);
    for (const name of resource.required ?? []) assert.ok(name in (resource.properties ?? {}), `${name} is an output`);
    const keys = Object.values(PLUGIN_SETTINGS).map((k) => k.key.slice(PACKAGE.length + 1));
    assert.deepEqual(Object.keys(s.config.variables).sort(), keys.sort());
  });

  it("keeps tokens secret", () => {
    const resource = s.resources[RESOURCE_TOKEN] as {
      inputProperties: Record<string, { secret?: boolean }>;
      properties: Record<string, { secret?: boolean }>;
    };
    assert.equal(resource.inputProperties["apiToken"]?.secret, true);
    assert.equal(resource.properties["apiToken"]?.secret, true);
    assert.equal((s.config.variables["apiToken"] as { secret?: boolean }).secret, true);
  });
});
