import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type Database, type DatabaseHandle } from "@/db/client";
import { openAnotherInstance } from "@/db/testing/another-instance";
import { createTestDatabase } from "@/db/testing/test-database";
import { jobLockKeys, runJobTick, withJobLock } from "./job-lock";

// Two app instances (or workers) on one database run the same job's tick at once: it runs once, the other skips.

/** A promise the test resolves when it chooses, to hold a job in the middle of its run. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("job locks across instances", () => {
  let handle: DatabaseHandle;
  let other: { db: Database; close(): Promise<void> };
  beforeAll(async () => {
    handle = await createTestDatabase();
    other = await openAnotherInstance(handle);
  });
  afterAll(async () => {
    await other?.close();
    await handle?.close();
  });

  it("lets one instance hold a job while the other skips it, and frees it when the run ends or fails", async () => {
    const hold = gate();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = withJobLock(handle.db, "retention", async () => {
      started();
      await hold.opened;
      return "first";
    });
    await running;
    expect(await withJobLock(other.db, "retention", async () => "second")).toEqual({ ran: false, reason: "busy" });
    // In the same instance too: a second caller never queues behind the first.
    expect(await withJobLock(handle.db, "retention", async () => "again")).toEqual({ ran: false, reason: "busy" });
    // Another job is not held up.
    expect(await withJobLock(other.db, "escalationSweep", async () => "sweep")).toEqual({ ran: true, value: "sweep" });
    hold.open();
    expect(await first).toEqual({ ran: true, value: "first" });

    expect(await withJobLock(other.db, "retention", async () => "second")).toEqual({ ran: true, value: "second" });
    await expect(withJobLock(other.db, "retention", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withJobLock(handle.db, "retention", async () => "after a failure")).toEqual({ ran: true, value: "after a failure" });
  });

  it("runs a tick once across instances, then not again within the interval", async () => {
    let runs = 0;
    const tick = (db: Database) =>
      runJobTick(db, "escalationSweep", 60_000, async () => {
        runs += 1;
        return runs;
      });
    const outcomes = await Promise.all([tick(handle.db), tick(other.db), tick(handle.db), tick(other.db)]);
    expect(runs).toBe(1);
    expect(outcomes.filter((o) => o.ran)).toEqual([{ ran: true, value: 1 }]);
    for (const skipped of outcomes.filter((o) => !o.ran)) expect(["busy", "not due"]).toContain(skipped.ran ? null : skipped.reason);

    // Later ticks of either instance, within the interval: nothing runs.
    expect(await tick(other.db)).toEqual({ ran: false, reason: "not due" });
    expect(await tick(handle.db)).toEqual({ ran: false, reason: "not due" });
    // Once the interval has passed (here: an interval of nothing), the next tick runs.
    expect(await runJobTick(other.db, "escalationSweep", 0, async () => "due")).toEqual({ ran: true, value: "due" });
  });

  it("refuses a transaction, which cannot hold a lock beyond itself", async () => {
    await expect(handle.db.transaction((tx) => withJobLock(tx as unknown as Database, "retention", async () => 1))).rejects.toThrow(/needs the database itself/);
  });

  it("lets the lock go with a process that dies holding it (PostgreSQL)", async (context) => {
    if (handle.kind !== "postgres") return context.skip();
    const doomed = await openAnotherInstance(handle);
    const hold = gate();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const abandoned = withJobLock(doomed.db, "retention", async () => {
      started();
      await hold.opened;
    });
    await running;
    expect(await withJobLock(other.db, "retention", async () => 1)).toEqual({ ran: false, reason: "busy" });
    // The holder's connection dies, as it would with its process.
    const killed = await queryRows<{ done: boolean }>(
      handle.db,
      sql`select pg_terminate_backend(pid, 5000) as done from pg_locks where locktype = 'advisory' and objid = ${jobLockKeys.retention} and granted`,
    );
    expect(killed).toEqual([{ done: true }]);
    expect(await withJobLock(other.db, "retention", async () => "taken over")).toEqual({ ran: true, value: "taken over" });
    // The abandoned run, if its process lived on, learns that it lost the lock.
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      hold.open();
      await abandoned;
    } finally {
      spy.mockRestore();
      await doomed.close();
    }
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: "warn", msg: "a job lost its lock during the run (its database connection dropped)", job: "retention" })]);
  });
});
