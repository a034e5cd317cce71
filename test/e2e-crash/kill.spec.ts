// Kill suite: the real CLI is SIGKILLed part-way through a step, at a point where some batches were
// applied (writes slowed by scripted emulator delays, one batch in flight at a time, the kill timed
// from the emulator's store), then the recovery commands of docs/recovery.md run. After each: the zone holds
// exactly the declared set (or nothing), the state equals it, and a further run sends no write.
//
//   npm run e2e:crash        (E2E_VERBOSE=1 prints every CLI command and its output)

import * as assert from "node:assert/strict";
import type { MappingSpec, StackExport, TestStack } from "../support/e2e-harness";
import { excerpt, mappingsResource, zoneIdFor } from "../support/e2e-harness";
import { asHeld, e2eSuite } from "../support/e2e-suite";
import { alive, killSession, providerHosts, sessionProcesses } from "../support/process-tree";

/** Each slowed batch takes this long in the emulator; the kill lands while one is in flight. */
const BATCH_MS = 1_000;

/** `count` distinct IPv6 mappings in a block of their own (the harness's address plan repeats past 762). */
function mappings(count: number, block: number): MappingSpec[] {
  const vendors = [
    { vendor: "aws", region: "us-east-1" },
    { vendor: "gcp", region: "us-central1" },
    { vendor: "azure", region: "eastus" },
    { vendor: "oci", region: "us-ashburn-1" },
  ] as const;
  return Array.from({ length: count }, (_, i) => ({ ip: `2001:db8:${block.toString(16)}::${(i + 1).toString(16)}`, ...vendors[i % 4]! }));
}

describe("end-to-end: SIGKILL mid-step, then the documented recovery", function () {
  const suite = e2eSuite("crash", "after each kill:");
  const { salt, report, held } = suite;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function newStack(name: string, zoneId: string, list: MappingSpec[], exclusive = false): Promise<TestStack> {
    const stack = await suite.newStack(name, { zoneId, mappings: list, exclusive });
    // One batch in flight at a time, so "some but not all batches applied" is a wide, steady window.
    await suite.cli.run(["config", "set", "--stack", name, "originCloudRegions:concurrency", "1"]);
    return stack;
  }

  /**
   * Starts `command`, slows its writes, waits until the zone's count says some batches were applied,
   * lets the next batch get on the wire, then SIGKILLs the whole run ("tree") or the CLI alone.
   */
  async function killPartWay(
    stack: TestStack,
    command: "up" | "destroy",
    zoneId: string,
    ready: (count: number) => boolean,
    target: "tree" | "cli",
  ) {
    const method = command === "destroy" ? "DELETE" : "PUT";
    suite.emulator.faults.enqueue(...Array.from({ length: 40 }, () => ({ kind: "delay" as const, ms: BATCH_MS, method })));
    suite.emulator.clearRequests();
    const run = stack.start(command);
    let exited = false;
    void run.done.then(() => (exited = true));
    const deadline = Date.now() + 120_000;
    while (!ready(suite.emulator.mappings(zoneId).length)) {
      if (exited) assert.fail(`pulumi ${command} ended before the kill point\n${excerpt((await run.done).output)}`);
      assert.ok(Date.now() < deadline, "the kill point was not reached in 2 minutes");
      await sleep(10);
    }
    await sleep(100); // the next batch is now in flight
    const session = run.child.pid as number;
    const hosts = providerHosts(session).map((p) => p.pid);
    assert.ok(hosts.length > 0, `a dynamic-provider host is running (session: ${JSON.stringify(sessionProcesses(session))})`);
    const killedAt = Date.now();
    const writesBefore = suite.emulator.writeRequests().length;
    if (target === "tree") killSession(session);
    else process.kill(session, "SIGKILL");
    await run.done;
    // Hosts still running stop by themselves (the engine is gone); give the in-flight batch its answer.
    const exitBy = Date.now() + 15_000;
    while (hosts.some(alive) && Date.now() < exitBy) await sleep(100);
    const hostsLeft = hosts.filter(alive);
    await sleep(BATCH_MS + 500);
    suite.emulator.faults.clear();
    killSession(session); // whatever else is left of the killed run (language host, program)
    return { killedAt, writesBefore, hostsLeft, afterKill: suite.emulator.mappings(zoneId).length, writes: suite.emulator.writeRequests() };
  }

  /** Runs the recovery commands; returns the command lines and the requests they sent, by method. */
  async function recover(stack: TestStack, steps: string[][]): Promise<{ commands: string[]; requests: string }> {
    suite.emulator.clearRequests();
    for (const args of steps) await suite.cli.run(args);
    const byMethod = new Map<string, number>();
    for (const r of suite.emulator.requests) byMethod.set(r.method, (byMethod.get(r.method) ?? 0) + 1);
    return {
      commands: steps.map(
        (a) => `pulumi ${a.filter((x) => x !== "--stack" && x !== stack.name && x !== "--yes" && x !== "--skip-preview").join(" ")}`,
      ),
      requests: [...byMethod].map(([m, n]) => `${n} ${m}`).join(", ") || "none",
    };
  }

  /** The state holds the resource with exactly `list` (or no resource), and no pending operation. */
  async function assertState(stack: TestStack, list: MappingSpec[] | undefined): Promise<StackExport> {
    const state = await stack.export();
    const pending = (state.deployment as { pending_operations?: unknown[] }).pending_operations ?? [];
    assert.deepEqual(pending, [], "no pending operation is left in the state");
    const resource = mappingsResource(state);
    if (list === undefined) assert.equal(resource, undefined);
    else assert.deepEqual(Object.keys((resource?.outputs?.["mappings"] ?? {}) as object).sort(), list.map((m) => m.ip).sort());
    return state;
  }

  /** A further `up --expect-no-changes` passes and sends no write. */
  async function assertSettled(stack: TestStack): Promise<void> {
    suite.emulator.clearRequests();
    await stack.up(["--expect-no-changes"]);
    assert.deepEqual(
      suite.emulator.writeRequests().map((r) => r.method),
      [],
    );
  }

  const cancel = (s: TestStack) => ["cancel", "--stack", s.name, "--yes"];
  const refreshClearing = (s: TestStack) => ["refresh", "--stack", s.name, "--yes", "--skip-preview", "--clear-pending-creates"];
  const upArgs = (s: TestStack) => ["up", "--stack", s.name, "--yes", "--skip-preview"];

  it("whole run killed mid-create: cancel, refresh --clear-pending-creates and up converge, taking over what was written", async function () {
    this.timeout(10 * 60_000);
    const zoneId = zoneIdFor("kill-create", salt);
    const want = mappings(600, 0x100);
    const stack = await newStack("kill-create", zoneId, want);
    const kill = await killPartWay(stack, "up", zoneId, (n) => n >= 200, "tree");
    assert.ok(kill.afterKill > 0 && kill.afterKill < 600, `some but not all batches applied (${kill.afterKill})`);
    const done = await recover(stack, [cancel(stack), refreshClearing(stack), upArgs(stack)]);
    assert.deepEqual(held(zoneId), asHeld(want));
    await assertState(stack, want);
    await assertSettled(stack);
    report.push(
      `mid-create (tree, ${kill.afterKill} of 600 applied): ${done.commands.join("; ")} → ${done.requests}; zone holds ${held(zoneId).length}`,
    );
  });

  it("CLI alone killed mid-create: the provider host starts no batch after the kill and exits; recovery converges", async function () {
    this.timeout(10 * 60_000);
    const zoneId = zoneIdFor("kill-cli", salt);
    const want = mappings(600, 0x200);
    const stack = await newStack("kill-cli", zoneId, want);
    const kill = await killPartWay(stack, "up", zoneId, (n) => n >= 200, "cli");
    assert.deepEqual(kill.hostsLeft, [], "the provider host exited by itself");
    const late = kill.writes.filter((w) => w.receivedAt > kill.killedAt);
    assert.deepEqual(
      late.map((w) => `${w.method} +${w.receivedAt - kill.killedAt} ms`),
      [],
      "no batch started after the kill",
    );
    assert.equal(kill.writes.length, kill.writesBefore, "every write arrived before the kill");
    assert.ok(kill.afterKill < 600, `the host did not finish the step (${kill.afterKill})`);
    const done = await recover(stack, [cancel(stack), refreshClearing(stack), upArgs(stack)]);
    assert.deepEqual(held(zoneId), asHeld(want));
    await assertState(stack, want);
    await assertSettled(stack);
    report.push(
      `mid-create (CLI alone, ${kill.writes.length} batches sent, ${kill.afterKill} of 600 applied, host exited): ${done.commands.join("; ")} → ${done.requests}; zone holds ${held(zoneId).length}`,
    );
  });

  it("whole run killed mid-update: cancel and up converge, taking over the added mappings already written", async function () {
    this.timeout(10 * 60_000);
    const zoneId = zoneIdFor("kill-update", salt);
    const before = mappings(300, 0x300);
    const after = [...before, ...mappings(600, 0x301)];
    const stack = await newStack("kill-update", zoneId, before);
    await stack.up();
    await stack.configure({ zoneId, mappings: after });
    const kill = await killPartWay(stack, "up", zoneId, (n) => n >= 500, "tree");
    assert.ok(kill.afterKill > 300 && kill.afterKill < 900, `some but not all batches applied (${kill.afterKill})`);
    const pending =
      ((await stack.export()).deployment as { pending_operations?: Array<{ type: string; resource: { inputs?: { mappings?: object } } }> })
        .pending_operations ?? [];
    const pendingInputs = Object.keys(pending[0]?.resource.inputs?.mappings ?? {}).length;
    const done = await recover(stack, [cancel(stack), upArgs(stack)]);
    assert.deepEqual(held(zoneId), asHeld(after));
    await assertState(stack, after);
    await assertSettled(stack);
    report.push(
      `mid-update (tree, ${kill.afterKill} of 900 held; pending ${pending[0]?.type ?? "none"} with ${pendingInputs} new-input mappings): ${done.commands.join("; ")} → ${done.requests}; zone holds ${held(zoneId).length}`,
    );
  });

  it("whole run killed mid-destroy: cancel and destroy leave the zone empty and the stack without the resource", async function () {
    this.timeout(10 * 60_000);
    const zoneId = zoneIdFor("kill-destroy", salt);
    const want = mappings(600, 0x400);
    const stack = await newStack("kill-destroy", zoneId, want);
    await stack.up();
    const kill = await killPartWay(stack, "destroy", zoneId, (n) => n <= 400, "tree");
    assert.ok(kill.afterKill > 0 && kill.afterKill < 600, `some but not all batches applied (${kill.afterKill})`);
    const done = await recover(stack, [cancel(stack), ["destroy", "--stack", stack.name, "--yes", "--skip-preview"]]);
    assert.deepEqual(held(zoneId), []);
    await assertState(stack, undefined);
    suite.emulator.clearRequests();
    await stack.destroy();
    assert.deepEqual(suite.emulator.writeRequests(), [], "a further destroy sends no write");
    report.push(
      `mid-destroy (tree, ${kill.afterKill} of 600 left): ${done.commands.join("; ")} → ${done.requests}; zone holds ${held(zoneId).length}`,
    );
  });

  it("killed mid-update, then the change abandoned (program reverted): with exclusive: true the next up removes what the killed run added", async function () {
    this.timeout(10 * 60_000);
    const zoneId = zoneIdFor("kill-revert", salt);
    const before = mappings(300, 0x500);
    const stack = await newStack("kill-revert", zoneId, before, true);
    await stack.up();
    await stack.configure({ zoneId, mappings: [...before, ...mappings(600, 0x501)], exclusive: true });
    const kill = await killPartWay(stack, "up", zoneId, (n) => n >= 500, "tree");
    assert.ok(kill.afterKill > 300, `the killed run added mappings (${kill.afterKill})`);
    await stack.configure({ zoneId, mappings: before, exclusive: true });
    const done = await recover(stack, [cancel(stack), upArgs(stack)]);
    assert.deepEqual(held(zoneId), asHeld(before));
    await assertState(stack, before);
    await assertSettled(stack);
    report.push(
      `mid-update then reverted (tree, exclusive, ${kill.afterKill - 300} orphaned): ${done.commands.join("; ")} → ${done.requests}; zone holds ${held(zoneId).length}`,
    );
  });
});
