import { z } from "zod";

// The kinds of value an environment variable may hold, each a zod schema from the raw string (or nothing) to a typed
// value with its default. A blank value counts as unset, as the shell's `FOO= npm start` means. Each refusal is a
// sentence that follows the variable's name ("OUTBOX_POLL_MS must be …"), so start-up can print one line per problem.

/** How describeConfig shows a value: in full, not at all, or with the password of a URL hidden. */
export type Masking = { mask: "secret" | "url-password" };

/** Settings whose value never reaches a log line (lib/config/describe-config.ts). */
export const maskedSettings = z.registry<Masking>();

// Each builder makes fresh schemas, so registering one setting as masked never marks another.
const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const rawValue = () => z.preprocess(blankAsUnset, z.string().optional());

function shown(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** Free text, unset by default. */
export function text() {
  return rawValue();
}

/** Free text with a default. */
export function textOr(fallback: string) {
  return rawValue().transform((value) => value ?? fallback);
}

/** A secret: never printed, only whether it is set. */
export function secret<T extends z.ZodType>(schema: T): T {
  maskedSettings.add(schema, { mask: "secret" });
  return schema;
}

/** An absolute URL with one of these protocols (e.g. "https:"), unset by default. */
export function url(protocols: readonly string[], options: { maskPassword?: boolean } = {}) {
  const schema = rawValue().transform((value, ctx) => {
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: `must be an absolute URL such as ${protocols[0]}//host (got ${options.maskPassword ? "an unreadable value" : shown(value)})` });
      return z.NEVER;
    }
    if (!protocols.includes(parsed.protocol)) {
      ctx.addIssue({ code: "custom", message: `must start with ${protocols.map((p) => `${p}//`).join(" or ")} (got ${parsed.protocol}//)` });
      return z.NEVER;
    }
    return value;
  });
  if (options.maskPassword) maskedSettings.add(schema, { mask: "url-password" });
  return schema;
}

/** A URL with a default. */
export function urlOr(protocols: readonly string[], fallback: string) {
  return url(protocols).transform((value) => value ?? fallback);
}

/** A whole number within bounds; `fallback` when unset (undefined: no default, the caller decides). */
export function whole<D extends number | undefined>(options: { fallback: D; min: number; max?: number; unit?: string }) {
  const { min, max = Number.MAX_SAFE_INTEGER, unit = "" } = options;
  return rawValue().transform((value, ctx): number | D => {
    if (value === undefined) return options.fallback;
    const n = Number(value.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
      ctx.addIssue({ code: "custom", message: `must be a whole number${unit}, ${range} (got ${shown(value)})` });
      return z.NEVER;
    }
    return n;
  });
}

/** Milliseconds between runs of a loop. */
export function interval(options: { fallback: number; min: number }) {
  return whole({ ...options, unit: " of milliseconds" });
}

/** Milliseconds between runs of a loop, or null for "off" (the loop does not run). */
export function intervalOrOff(options: { fallback: number; min: number }) {
  const number = interval(options);
  return rawValue().transform((value, ctx): number | null => {
    if (value?.trim().toLowerCase() === "off") return null;
    const parsed = number.safeParse(value);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: parsed.error.issues[0]!.message.replace(" (got", ', or "off" (got') });
    return z.NEVER;
  });
}

/** A positive number (fractions allowed), e.g. a multiplier. */
export function positive(options: { fallback: number; min: number }) {
  return rawValue().transform((value, ctx) => {
    if (value === undefined) return options.fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < options.min) {
      ctx.addIssue({ code: "custom", message: `must be a number of at least ${options.min} (got ${shown(value)})` });
      return z.NEVER;
    }
    return n;
  });
}

/** Requests per second to a provider; "off" or 0 switch the limiter off (Infinity). */
export function ratePerSecond(fallback: number) {
  return rawValue().transform((value, ctx) => {
    if (value === undefined) return fallback;
    if (value.trim().toLowerCase() === "off") return Number.POSITIVE_INFINITY;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: `must be a number of requests per second, or "off" / 0 for no limit (got ${shown(value)})` });
      return z.NEVER;
    }
    return n === 0 ? Number.POSITIVE_INFINITY : n;
  });
}

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

/** true/false (also 1/0, yes/no, on/off); `fallback` when unset (undefined: "not said", the caller decides). */
export function flag<D extends boolean | undefined>(fallback: D) {
  return rawValue().transform((value, ctx): boolean | D => {
    if (value === undefined) return fallback;
    const v = value.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    ctx.addIssue({ code: "custom", message: `must be true or false (got ${shown(value)})` });
    return z.NEVER;
  });
}

/** One of a fixed list of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(choices: T, fallback: T[number]) {
  return rawValue().transform((value, ctx): T[number] => {
    if (value === undefined) return fallback;
    if ((choices as readonly string[]).includes(value)) return value as T[number];
    ctx.addIssue({ code: "custom", message: `must be one of ${choices.join(", ")} (got ${shown(value)})` });
    return z.NEVER;
  });
}

/** Base64 of a key of one of these byte lengths (an AES key: 16, 24 or 32). */
export function base64Key(lengths: readonly number[]) {
  return rawValue().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(value.trim()) ? Buffer.from(value.trim(), "base64").length : -1;
    if (!lengths.includes(bytes)) {
      ctx.addIssue({ code: "custom", message: `must be base64 of ${lengths.slice(0, -1).join(", ")} or ${lengths.at(-1)} random bytes, e.g. the output of \`openssl rand -base64 32\`` });
      return z.NEVER;
    }
    return value.trim();
  });
}
