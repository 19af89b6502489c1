import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "./log";

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
