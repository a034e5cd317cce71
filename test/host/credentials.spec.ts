// Per-resource credentials through the provider, as one provider process serves a program with
// resources in two accounts: an emulator whose tokens each reach one account's zones, a stack with no
// token of its own, one resource with `apiToken` and one with `apiTokenEnvVar`. Every request must
// carry the token of the resource it serves (the emulator's log names it), in every step.
import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import type { Emulator } from "../../emulator";
import { OriginCloudRegionMappingsProvider } from "../../provider";
import type { MappingsOutputs } from "../../provider";
import { collectReports, reportedDuring } from "../support/reports";
import { fakeConfig, zoneId } from "../support/emulator";
import { declared } from "./support";

const TOKEN_A = "account-a-token_4f1c9e";
const TOKEN_B = "account-b-token_8d2a7b";
const TOKEN_B2 = "account-b-rotated_19c3e0";
const TOKEN_A2 = "account-a-rotated_7e5d21";
const VAR = "OCR_TEST_ACCOUNT_B_TOKEN";
const ZONE_A = zoneId(0xa1);
const ZONE_B = zoneId(0xb1);
const PROVIDER = "serialized-provider-text";

type Props = Record<string, unknown>;

describe("per-resource credentials (provider against an emulator with two accounts)", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let provider: OriginCloudRegionMappingsProvider;
  let logs: string[];

  before(async () => {
    emulator = await startEmulator({
      port: 0,
      scopedTokens: [
        { name: "account-a", token: TOKEN_A, zones: [ZONE_A] },
        { name: "account-b", token: TOKEN_B, zones: [ZONE_B] },
        { name: "account-b-rotated", token: TOKEN_B2, zones: [ZONE_B] },
        { name: "account-a-rotated", token: TOKEN_A2, zones: [ZONE_A] },
      ],
    });
    provider = new OriginCloudRegionMappingsProvider();
    logs = collectReports(provider);
    // No stack token: every resource carries its own.
    await provider.configure({ config: fakeConfig({ "cloudflare:baseUrl": emulator.url, "originCloudRegions:apiFamily": "v2" }) });
  });
  after(async () => {
    delete process.env[VAR];
    await emulator.close();
  });
  beforeEach(() => {
    process.env[VAR] = TOKEN_B;
    emulator.clearRequests();
  });

  /** The emulator's log as "<zone label> <token name> <authorized or the refusal's status>", one entry per distinct line. */
  const seen = () =>
    [
      ...new Set(emulator.requests.map((r) => `${r.path.includes(ZONE_A) ? "A" : "B"} ${r.tokenName} ${r.authorized ? "ok" : r.status}`)),
    ].sort();
  const resourceA = (mappings = declared(3)) => ({ zoneId: ZONE_A, mappings, apiToken: TOKEN_A, __label: "origins-a" });
  const resourceB = (mappings = declared(2, 10)) => ({ zoneId: ZONE_B, mappings, apiTokenEnvVar: VAR, __label: "origins-b" });

  async function checkAndCreate(news: Props): Promise<{ inputs: Props; outs: MappingsOutputs }> {
    const checked = await provider.check({}, news);
    assert.deepEqual(checked.failures, []);
    const inputs = { ...checked.inputs, __provider: PROVIDER };
    const { outs } = await provider.create(inputs);
    return { inputs, outs: outs as MappingsOutputs };
  }

  it("two accounts in one provider: create, a one-IP update, refresh and destroy each send the resource's own token", async () => {
    const a = await checkAndCreate(resourceA());
    const b = await checkAndCreate(resourceB());
    assert.deepEqual(seen(), ["A account-a ok", "B account-b ok"]);
    assert.equal(a.outs.apiToken, TOKEN_A, "kept for destroy and refresh (the resource marks it secret)");
    assert.equal(b.outs.apiTokenEnvVar, VAR);
    assert.equal(b.outs.apiToken, undefined, "only the variable's name is stored");
    assert.ok(!JSON.stringify(b.outs).includes(TOKEN_B));

    emulator.clearRequests();
    const newsA = (await provider.check(a.inputs, resourceA(declared(4)))).inputs;
    assert.deepEqual(await provider.diff(ZONE_A, a.outs, newsA), {}, "one IP added: the engine's comparison shows it alone");
    const updated = (await provider.update(ZONE_A, a.outs, { ...newsA, __provider: PROVIDER })).outs as MappingsOutputs;
    assert.equal(Object.keys(updated.mappings).length, 4);
    assert.equal(updated.apiToken, TOKEN_A);
    const readA = await provider.read(ZONE_A, { ...updated, __label: "origins-a" } as MappingsOutputs);
    const readB = await provider.read(ZONE_B, { ...b.outs, __label: "origins-b" } as MappingsOutputs);
    assert.equal(Object.keys(readA.props?.mappings ?? {}).length, 4);
    assert.equal(Object.keys(readB.props?.mappings ?? {}).length, 2);
    assert.equal(readA.inputs?.apiToken, TOKEN_A, "the refreshed inputs keep the credentials the program declares");
    assert.equal(readB.inputs?.apiTokenEnvVar, VAR);
    await provider.delete(ZONE_A, { ...updated, __label: "origins-a" } as MappingsOutputs);
    await provider.delete(ZONE_B, { ...b.outs, __label: "origins-b" } as MappingsOutputs);
    assert.deepEqual(seen(), ["A account-a ok", "B account-b ok"]);
    assert.deepEqual(emulator.mappings(ZONE_A), []);
    assert.deepEqual(emulator.mappings(ZONE_B), []);
    assert.ok(!logs.join("\n").includes(TOKEN_A) && !logs.join("\n").includes(TOKEN_B));
  });

  it("a rotated variable is read by the next step: destroy sends the new token, nothing stored changes", async () => {
    const b = await checkAndCreate(resourceB());
    process.env[VAR] = TOKEN_B2;
    emulator.clearRequests();
    const news = (await provider.check(b.inputs, resourceB())).inputs;
    assert.deepEqual(await provider.diff(ZONE_B, b.outs, news), { changes: false }, "the name did not change");
    await provider.delete(ZONE_B, { ...b.outs, __label: "origins-b" } as MappingsOutputs);
    assert.deepEqual(seen(), ["B account-b-rotated ok"]);
    assert.deepEqual(emulator.mappings(ZONE_B), []);
  });

  it("the mistakes fail check naming the properties, the variable and the resource, with no request sent", async () => {
    const failuresOf = async (news: Props) => (await provider.check({}, news)).failures ?? [];
    const both = await failuresOf({ ...resourceA(), apiTokenEnvVar: VAR });
    assert.deepEqual(both, [
      {
        property: "apiTokenEnvVar",
        reason: 'resource "origins-a" sets both apiToken and apiTokenEnvVar; give one of them (or neither, for the stack\'s token)',
      },
    ]);
    delete process.env[VAR];
    const unset = await failuresOf(resourceB());
    assert.equal(unset.length, 1);
    assert.equal(unset[0]?.property, "apiTokenEnvVar");
    assert.match(unset[0]?.reason ?? "", /^the OCR_TEST_ACCOUNT_B_TOKEN environment variable is not set .*resource "origins-b"$/);
    process.env[VAR] = "  ";
    assert.match((await failuresOf(resourceB()))[0]?.reason ?? "", /OCR_TEST_ACCOUNT_B_TOKEN environment variable is empty.*"origins-b"/);
    process.env[VAR] = `${TOKEN_B}\nextra`;
    const unsendable = (await failuresOf(resourceB()))[0]?.reason ?? "";
    assert.match(unsendable, /cannot be sent in an HTTP header/);
    assert.match((await failuresOf({ ...resourceA(), apiToken: "" }))[0]?.reason ?? "", /apiToken of resource "origins-a" is empty/);
    assert.match((await failuresOf({ ...resourceB(), apiTokenEnvVar: "NOT A NAME" }))[0]?.reason ?? "", /not the name of an environment/);
    assert.equal(emulator.requests.length, 0, "nothing sent");
    assert.ok(![...both, ...unset].some((f) => f.reason.includes(TOKEN_A) || f.reason.includes(TOKEN_B)));
    assert.ok(!unsendable.includes(TOKEN_B));
  });

  it("a variable removed after preview fails the step naming it and the resource; no stack token is needed otherwise", async () => {
    const b = await checkAndCreate(resourceB());
    delete process.env[VAR];
    emulator.clearRequests();
    const error = (await provider.delete(ZONE_B, { ...b.outs, __label: "origins-b" } as MappingsOutputs).catch((e: unknown) => e)) as Error;
    assert.match(
      error.message,
      /^the OCR_TEST_ACCOUNT_B_TOKEN environment variable is not set .*resource "origins-b" \(apiTokenEnvVar\): set it$/,
    );
    assert.equal(error.stack, "");
    assert.equal(emulator.requests.length, 0);
    process.env[VAR] = TOKEN_B;
    await provider.delete(ZONE_B, { ...b.outs, __label: "origins-b" } as MappingsOutputs);
  });

  it("a refused token is named by where it came from, never by its value", async () => {
    // account-a's token for account-b's zone: Cloudflare's 403 / 10000.
    const wrong = { ...resourceA(), zoneId: ZONE_B };
    const error = (await provider.check({}, wrong).catch((e: unknown) => e)) as Error;
    assert.match(error.message, /Authentication error\. Check the API token \(from the apiToken of resource "origins-a"\)/);
    assert.ok(!error.message.includes(TOKEN_A));
    const created = await checkAndCreate(resourceB());
    process.env[VAR] = "revoked-token_000";
    const refused = (await provider
      .read(ZONE_B, { ...created.outs, __label: "origins-b" } as MappingsOutputs)
      .catch((e: unknown) => e)) as Error;
    assert.match(refused.message, /Check the API token \(from the OCR_TEST_ACCOUNT_B_TOKEN environment variable\)/);
    const recorded = {
      ...created.outs,
      apiTokenEnvVar: undefined,
      apiToken: "revoked-token_000",
      __label: "origins-b",
    } as unknown as MappingsOutputs;
    const destroy = (await provider.delete(ZONE_B, recorded).catch((e: unknown) => e)) as Error;
    assert.match(destroy.message, /`pulumi destroy` sends the token recorded in the state .*the apiToken of resource "origins-b"/);
    assert.ok(!destroy.message.includes("revoked-token_000") && !refused.message.includes("revoked-token_000"));
    process.env[VAR] = TOKEN_B;
    await provider.delete(ZONE_B, { ...created.outs, __label: "origins-b" } as MappingsOutputs);
  });

  it("a new apiToken alone: diff leaves the display to the engine, update stores it and writes nothing", async () => {
    const a = await checkAndCreate(resourceA());
    const rotated = { ...resourceA(), apiToken: TOKEN_A2 };
    const news = (await provider.check(a.inputs, rotated)).inputs;
    const { value: answer, logs: told } = await reportedDuring(provider, () => provider.diff(ZONE_A, a.outs, news));
    assert.deepEqual(answer, {}, "no `changes`: the engine compares inputs and shows only apiToken");
    assert.deepEqual(told, [
      "origins-a (zone 0000…00a1): no mapping changes; the new credentials (apiToken or apiTokenEnvVar) are stored for refresh and destroy, nothing is written to Cloudflare",
    ]);
    assert.ok(!told.join("").includes(TOKEN_A));
    // Same token again: no change at all.
    assert.deepEqual(await provider.diff(ZONE_A, a.outs, (await provider.check(a.inputs, resourceA())).inputs), { changes: false });
    emulator.clearRequests();
    const outs = (await provider.update(ZONE_A, a.outs, { ...news, __provider: PROVIDER })).outs as MappingsOutputs;
    assert.equal(outs.apiToken, TOKEN_A2);
    assert.deepEqual(emulator.requests, [], "nothing sent: the mappings are as declared");
    // destroy then sends the token the update stored.
    await provider.delete(ZONE_A, { ...outs, __label: "origins-a" } as MappingsOutputs);
    assert.deepEqual(seen(), ["A account-a-rotated ok"]);
  });

  it("the supported-regions cache is per token: another account's token for a zone is refused, not served the cache", async () => {
    // Not a create (olds given): check reads the supported regions only.
    const olds = { zoneId: ZONE_A };
    await provider.check(olds, resourceA());
    emulator.clearRequests();
    await provider.check(olds, resourceA());
    assert.equal(emulator.requests.length, 0, "cached for account-a");
    const error = (await provider.check(olds, { ...resourceB(), zoneId: ZONE_A }).catch((e: unknown) => e)) as Error;
    assert.match(error.message, /Authentication error\. Check the API token \(from the OCR_TEST_ACCOUNT_B_TOKEN environment variable\)/);
    assert.deepEqual(seen(), ["A account-b 403"]);
  });
});
