import fc from "fast-check";

// Random and hostile values for the bad-input tests (lib/security/*.test.ts): what a crafted request can put where
// a form field or a JSON property belongs. Seeded by the tests that use them, so a failure replays.

const MEGABYTE = 1024 * 1024;

/** Strings a person or a script might send on purpose. */
export const hostileStrings = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF x \uD83D",
  "\u202Eevil\u202C.exe",
  "مرحبا بالعالم",
  "👩‍👩‍👧‍👦🏳️‍🌈".repeat(50),
  "x".repeat(MEGABYTE),
  "é".repeat(70_000),
  "'; drop table orders; --",
  "1' or '1'='1",
  "$$; select pg_sleep(10); $$",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "=HYPERLINK(\"http://evil.example\")",
  "{{constructor.constructor('alert(1)')()}}",
  "__proto__",
  "constructor",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x10",
  "0000-00-00",
  "9999-12-31",
  "+275760-09-13T00:00:00.001Z",
  "+275760-09-13T00:00:00Z",
  "275760-09-13",
  "0000-01-01",
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00+14:00",
  "1999-12-31T23:59:59Z",
  "2101-01-01",
  "2026-02-30",
  "-000001-01-01T00:00:00Z",
  "OL-99999999999999999999",
  "00000000-0000-0000-0000-000000000000",
  "on",
  "true",
  "null",
  "undefined",
  "../../etc/passwd",
  "%00%27%3Cscript%3E",
] as const;

/** Numbers at and past every edge. */
export const hostileNumbers = [0, -0, -1, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, 2 ** 31, -(2 ** 31) - 1, 1e308] as const;

const primitive = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, undefined) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
);

/** Any value: hostile primitives, and arrays and objects of them (also where a string belongs), a few levels deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: primitive },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "toString")), tie("value"), { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.constant(Object.assign(Object.create(null) as object, { then: "not a promise" })) },
  ),
})).value;

/** Objects (or arrays) nested `depth` levels deep around `leaf`, built without recursion. */
export function nested(depth: number, { arrays = false, leaf = "x" as unknown } = {}): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
}

/** Values nested past the limit of lib/security/input-shape.ts (64), up to the 3,000 levels that overflowed the stack. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.oneof(fc.integer({ min: 65, max: 200 }), fc.constantFrom(1_000, 3_000)), fc.boolean(), fc.constantFrom<unknown>("x", "\u0000", null, 1))
  .map(([depth, arrays, leaf]) => nested(depth, { arrays, leaf }));

/**
 * A valid input spoiled: one to three of its fields replaced by hostile values (or removed), sometimes a stray field
 * added. Gets deeper into a schema than a wholly random value, which mostly fails at the first property.
 */
export function spoiled(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const replacement = fc.oneof({ weight: 12, arbitrary: hostileValue }, { weight: 1, arbitrary: deepValue });
  const change = fc.tuple(fc.constantFrom(...keys, "__proto__", "extra"), fc.option(replacement, { nil: undefined, freq: 8 }));
  return fc.oneof(
    { weight: 8, arbitrary: fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
      const out: Record<string, unknown> = { ...valid };
      for (const [key, value] of changes) {
        if (value === undefined) delete out[key];
        else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Does this value hold a string with a NUL character anywhere (PostgreSQL text cannot store one)? */
export function holdsNul(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  return Object.entries(value).some(([key, v]) => key.includes("\u0000") || holdsNul(v, seen));
}

/**
 * JSON as another program might write it: bigints as bare numbers, however large, and nesting however deep
 * (JSON.stringify recurses, and overflows the stack a few thousand levels down). undefined and functions go as
 * JSON.stringify would drop or null them.
 */
export function toJson(value: unknown): string {
  type Frame = { items: unknown[]; keys: string[] | null; i: number };
  const out: string[] = [];
  const stack: Frame[] = [];
  const skipped = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";
  const emit = (v: unknown) => {
    if (typeof v === "bigint") out.push(String(v));
    else if (typeof v === "object" && v !== null && !(v instanceof Date)) {
      if (Array.isArray(v)) stack.push({ items: v, keys: null, i: 0 });
      else {
        const entries = Object.entries(v).filter(([, x]) => !skipped(x));
        stack.push({ items: entries.map(([, x]) => x), keys: entries.map(([k]) => k), i: 0 });
      }
      out.push(Array.isArray(v) ? "[" : "{");
    } else out.push(JSON.stringify(skipped(v) ? null : v));
  };
  emit(value);
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    if (top.i >= top.items.length) {
      out.push(top.keys ? "}" : "]");
      stack.pop();
      continue;
    }
    if (top.i > 0) out.push(",");
    if (top.keys) out.push(`${JSON.stringify(top.keys[top.i])}:`);
    emit(top.items[top.i++]);
  }
  return out.join("");
}
