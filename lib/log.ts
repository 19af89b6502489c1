// The one logger: JSON lines (level, msg, time, then the caller's fields) on stdout, warnings and errors on stderr,
// so a log shipper can parse every line and an operator can grep one. Fields never carry customer text or secrets;
// as a last line of defence, fields named like a secret are masked whatever the caller passed.

import { appConfig } from "@/lib/config/app-config";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (e.g. the worker's name). */
  child(fields: LogFields): Logger;
};

export type LoggerOptions = {
  /** Lines below this level are dropped; LOG_LEVEL by default, else info. */
  level?: LogLevel;
  /** Where a finished line goes; stdout/stderr by default. */
  write?: (line: string, level: LogLevel) => void;
  now?: () => Date;
};

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /password|secret|token|authorization|cookie|api[-_]?key|encryption[-_]?key|access[-_]?key|credential|hash/i;

/** LOG_LEVEL; "info" while the settings cannot be read (start-up reports why): logging must never throw. */
function configuredLevel(): LogLevel {
  try {
    return appConfig().LOG_LEVEL;
  } catch {
    return "info";
  }
}

// Straight to the streams, as JSON loggers do: no console formatting, and one write per line.
const defaultWrite = (line: string, level: LogLevel) => {
  if (order[level] >= order.warn) process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
};

type DriverError = Error & Partial<Record<"code" | "severity" | "constraint" | "constraint_name" | "table" | "table_name" | "column" | "column_name", unknown>>;
type QueryError = Error & { query: string; params: unknown; cause?: unknown };

/** PostgreSQL's own error, from postgres.js (PostgresError) or PGlite: it has a severity and a SQLSTATE code. */
const isDriverError = (e: unknown): e is DriverError => e instanceof Error && typeof (e as DriverError).severity === "string" && typeof (e as DriverError).code === "string";
/** drizzle's wrapper around a failed query: its message is the SQL followed by every parameter. */
const isQueryError = (e: unknown): e is QueryError => e instanceof Error && typeof (e as QueryError).query === "string" && "params" in e;

const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
/** The error's class. drizzle's DrizzleQueryError keeps the name "Error" (its constructor says more); PGlite's errors
 * are pg-protocol's DatabaseError, named after the message type ("error") with the class name lost to minifying. */
function classOf(error: Error): string {
  if (error.name === "error") return "DatabaseError";
  return error.name === "Error" && error.constructor.name ? error.constructor.name : error.name;
}

/** "insert into orders", "select from customers": what the statement did and to which table, without its values. */
export function statementName(query: string): string {
  const verb = /^\s*(with|select|insert into|update|delete from)\b/i.exec(query)?.[1]?.toLowerCase() ?? "statement";
  const table = /\b(?:into|update|from)\s+"?([\w.]+)"?/i.exec(query)?.[1];
  return table ? `${verb === "select" || verb === "with" ? `${verb} from` : verb} ${table}` : verb;
}

/** The stack's frames without its first line, which repeats the message. */
const framesOf = (stack: string | undefined) => stack?.split("\n").filter((line) => /^\s+at /.test(line)).join("\n");

/**
 * A database error without its words: drizzle's message carries the query's parameters (a customer's name and
 * address), and PostgreSQL's message and detail can quote a value ("Key (email)=(…) already exists"). What stays
 * says what failed where: the classes, the SQLSTATE code, the constraint, table and column, and the statement.
 */
function serialiseDatabaseError(error: Error): Record<string, unknown> {
  const query = isQueryError(error) ? error : null;
  const driver = isDriverError(error) ? error : isDriverError(query?.cause) ? query.cause : null;
  return {
    name: classOf(error),
    ...(driver && driver !== error ? { cause: classOf(driver) } : {}),
    ...(driver
      ? { code: driver.code, constraint: text(driver.constraint_name) ?? text(driver.constraint), table: text(driver.table_name) ?? text(driver.table), column: text(driver.column_name) ?? text(driver.column) }
      : {}),
    ...(query ? { statement: statementName(query.query) } : {}),
    stack: framesOf(error.stack),
  };
}

/** An Error becomes its name, message and stack (the stack stays in the server's log, never in an answer). */
function serialise(value: unknown): unknown {
  if (isQueryError(value) || isDriverError(value)) return serialiseDatabaseError(value);
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

function clean(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = SECRET_FIELD.test(key) ? "[redacted]" : serialise(value);
  }
  return out;
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const threshold = order[options.level ?? configuredLevel()];
  const write = options.write ?? defaultWrite;
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (order[level] < threshold) return;
    let line: string;
    try {
      line = JSON.stringify({ level, msg, time: now().toISOString(), ...clean(base), ...clean(fields) });
    } catch {
      // A circular or BigInt field must not take the caller down with it.
      line = JSON.stringify({ level, msg, time: now().toISOString(), logError: "fields could not be serialised" });
    }
    write(line, level);
  };
  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** The process's logger. */
export const log: Logger = createLogger();
