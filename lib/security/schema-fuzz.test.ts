import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseRangeParams } from "@/lib/kpis/range";
import { hostileValue } from "./testing/hostile-values";

// Property tests of every zod schema behind a form, an action, an API or a URL (docs/security.md "Bad input"): for
// random and hostile values — huge strings, wrong types, nested objects, unicode, SQL and HTML, dates out of range,
// NaN and Infinity — safeParse never throws, and whatever it accepts is something the handlers and the database can
// take: no NaN or Infinity, no Date that is not a date. (NUL characters pass the schemas; the action wrapper and the
// API handlers refuse them before the database would, see lib/security/bad-input.test.ts.)

const root = path.resolve(import.meta.dirname, "../..");
const schemaFiles = readdirSync(path.join(root, "lib"), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /(schema|schemas|filters|params)\.ts$/.test(e.name))
  .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
  .sort();

async function schemasOf(file: string): Promise<[string, z.ZodType][]> {
  const loaded = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
  return Object.entries(loaded).filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType);
}

/** Something a handler would choke on: a number that is not finite, or a Date that is not a date. */
function unusable(value: unknown, seen = new Set<unknown>()): string | null {
  if (typeof value === "number" && !Number.isFinite(value)) return `number ${value}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : null;
  if (typeof value !== "object" || value === null || seen.has(value) || value instanceof Blob) return null;
  seen.add(value);
  for (const v of Object.values(value)) {
    const problem = unusable(v, seen);
    if (problem) return problem;
  }
  return null;
}

/** The field names of an object schema, looking through preprocess, pipes and unions; null when it is no object. */
function fieldsOf(schema: z.ZodType): string[] | null {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return fieldsOf(schema.def.out as z.ZodType) ?? fieldsOf(schema.def.in as z.ZodType);
  if (schema instanceof z.ZodUnion) return [...new Set(schema.options.flatMap((option) => fieldsOf(option as z.ZodType) ?? []))];
  return null;
}

/** An object with the schema's own field names, each holding a hostile value (or missing): reaches every field's rules. */
function hostileFieldsFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const fields = fieldsOf(schema);
  if (!fields?.length) return hostileValue;
  return fc.oneof(fc.record(Object.fromEntries(fields.map((f) => [f, hostileValue])), { requiredKeys: [] }), hostileValue);
}

describe("zod schemas under hostile input", () => {
  it("finds the schemas", () => {
    expect(schemaFiles.length).toBeGreaterThanOrEqual(15);
  });

  it("drops an empty KPI date from the URL instead of throwing (found by this test)", () => {
    expect(parseRangeParams({ from: "", to: "" })).toMatchObject({ from: undefined, to: undefined });
  });

  it.each(schemaFiles)("%s: safeParse never throws and accepts nothing unusable", async (file) => {
    const schemas = await schemasOf(file);
    for (const [name, schema] of schemas) {
      fc.assert(
        fc.property(hostileFieldsFor(schema), (value) => {
          let result: ReturnType<z.ZodType["safeParse"]>;
          try {
            result = schema.safeParse(value);
          } catch (error) {
            throw new Error(`${name} threw: ${String(error)}`);
          }
          if (result.success) expect(unusable(result.data), name).toBeNull();
          else expect(result.error.issues.length, name).toBeGreaterThan(0);
        }),
        { seed: 8, numRuns: 80 },
      );
    }
  });
});
