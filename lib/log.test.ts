import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { makeCustomer, makeOrder } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { createLogger, log, statementName, type LogLevel } from "./log";

function capture(level: LogLevel = "debug") {
  const lines: { line: Record<string, unknown>; level: LogLevel }[] = [];
  const logger = createLogger({ level, now: () => new Date("2026-11-24T10:00:00Z"), write: (line, lvl) => lines.push({ line: JSON.parse(line), level: lvl }) });
  return { logger, lines };
}

describe("log", () => {
  it("writes one JSON object per line: level, msg, time, then the fields", () => {
    const { logger, lines } = capture();
    logger.info("outbox worker: delivered", { batches: 2, sent: 5 });
    expect(lines).toEqual([{ level: "info", line: { level: "info", msg: "outbox worker: delivered", time: "2026-11-24T10:00:00.000Z", batches: 2, sent: 5 } }]);
  });

  it("drops lines below the level and keeps the child's fields on every line", () => {
    const { logger, lines } = capture("warn");
    const worker = logger.child({ worker: "in-app" });
    worker.info("quiet");
    worker.warn("loud", { failed: 1 });
    expect(lines.map((l) => l.line)).toEqual([{ level: "warn", msg: "loud", time: "2026-11-24T10:00:00.000Z", worker: "in-app", failed: 1 }]);
  });

  it("turns errors into name, message and stack, and masks fields named like secrets", () => {
    const { logger, lines } = capture();
    logger.error("action failed", { error: new TypeError("boom"), password: "hunter2", passwordHash: "$2b$…", trackingToken: "abc", userId: "u1", encryptionKey: "k", s3AccessKeyId: "a" });
    const line = lines[0]!.line;
    expect(line.error).toMatchObject({ name: "TypeError", message: "boom" });
    expect((line.error as { stack: string }).stack).toContain("boom");
    expect(line).toMatchObject({ password: "[redacted]", passwordHash: "[redacted]", trackingToken: "[redacted]", userId: "u1", encryptionKey: "[redacted]", s3AccessKeyId: "[redacted]" });
    expect(lines[0]!.level).toBe("error");
  });

  it("survives fields that cannot be serialised", () => {
    const { logger, lines } = capture();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.warn("odd", { circular });
    expect(lines[0]!.line).toMatchObject({ level: "warn", msg: "odd", logError: "fields could not be serialised" });
  });
});

describe("database errors in the log", () => {
  // Before: drizzle's message ("Failed query: insert … params: Grace Hopper,…,12 Elm St,…") went to the log whole,
  // past the masking of fields by name. Now the line names what failed and where, and holds no value.
  it("a failed insert logs the error's classes, code, constraint and statement, and no customer data", async () => {
    const handle = await createTestDatabase();
    const lines: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      const customer = await makeCustomer(handle.db, { name: "Grace Hopper", email: "grace.hopper@example.com" });
      const address = { name: "Grace Hopper", line1: "12 Elm St", city: "Arlington", postalCode: "22201", country: "US" };
      // The legal hold names a user who does not exist: a foreign key refuses the row, and drizzle's error carries every parameter.
      const error = await makeOrder(handle.db, { customerId: customer.id, shippingAddress: address, billingAddress: address, legalHoldBy: randomUUID() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).toContain("12 Elm St");
      log.error("action failed", { error, userId: "u1" });
    } finally {
      stderr.mockRestore();
      await handle.close();
    }
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const secret of ["Grace Hopper", "12 Elm St", "Arlington", "22201", "grace.hopper"]) expect(line).not.toContain(secret);
    const logged = (JSON.parse(line) as { error: Record<string, unknown> }).error;
    expect(logged).toMatchObject({ name: "DrizzleQueryError", code: "23503", constraint: "orders_legal_hold_by_users_id_fk", table: "orders", statement: "insert into orders" });
    expect(["PostgresError", "DatabaseError"]).toContain(logged.cause);
    expect(logged.message).toBeUndefined();
    expect(logged.stack).toMatch(/^\s+at /);
  });

  it("names a statement by what it did and to which table", () => {
    expect(statementName('insert into "customers" ("id", "name") values ($1, $2)')).toBe("insert into customers");
    expect(statementName('update "orders" set "status" = $1 where "orders"."id" = $2')).toBe("update orders");
    expect(statementName('select "id" from "orders" where "number" = $1')).toBe("select from orders");
    expect(statementName('delete from "order_viewers" where true')).toBe("delete from order_viewers");
    expect(statementName("begin")).toBe("statement");
  });
});
