import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inputShapeProblem, MAX_INPUT_DEPTH, MAX_INPUT_VALUES, statusOfShapeProblem, TOO_DEEP_MESSAGE, TOO_MANY_VALUES_MESSAGE } from "./input-shape";
import { nested, toJson } from "./testing/hostile-values";

// The bound on nesting and size that every entry point checks first (docs/decisions.md "No 500 from any input").

describe("inputShapeProblem", () => {
  it("lets through 64 levels and refuses 65, of objects and of arrays alike", () => {
    for (const arrays of [false, true]) {
      expect(inputShapeProblem(nested(MAX_INPUT_DEPTH, { arrays }))).toBeNull();
      expect(inputShapeProblem(nested(MAX_INPUT_DEPTH + 1, { arrays }))).toEqual({ kind: "depth", message: TOO_DEEP_MESSAGE });
    }
  });

  it("walks a million levels without overflowing the stack, and stops at the limit", () => {
    const started = performance.now();
    expect(inputShapeProblem(nested(1_000_000))).toMatchObject({ kind: "depth" });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("counts properties and array items at every level: 100,000 pass, one more is too many", () => {
    const items = (n: number) => ({ versions: Array.from({ length: n - 1 }, () => 0) });
    expect(inputShapeProblem(items(MAX_INPUT_VALUES))).toBeNull();
    const problem = inputShapeProblem(items(MAX_INPUT_VALUES + 1));
    expect(problem).toEqual({ kind: "values", message: TOO_MANY_VALUES_MESSAGE });
    expect(statusOfShapeProblem(problem!)).toBe(413);
    expect(statusOfShapeProblem({ kind: "depth", message: TOO_DEEP_MESSAGE })).toBe(400);
  });

  it("leaves room for the largest real input: a tracking import of 10,000 previewed versions", () => {
    const versions = Array.from({ length: 10_000 }, (_, i) => ({ orderId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, version: 3 }));
    expect(inputShapeProblem({ mode: "apply", csv: "order,carrier,tracking\n", versions })).toBeNull();
  });

  it("takes primitives, files and values met twice (a server action's argument can share them)", () => {
    for (const value of [null, undefined, 0, "x", 10n]) expect(inputShapeProblem(value)).toBeNull();
    expect(inputShapeProblem({ photo: new Blob(["x"]) })).toBeNull();
    const shared = { a: 1 };
    const circular: Record<string, unknown> = { shared, again: shared };
    circular.self = circular;
    expect(inputShapeProblem(circular)).toBeNull();
  });
});

describe("the fuzzing's JSON writer", () => {
  it("writes what JSON.stringify writes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(toJson(value)).toBe(JSON.stringify(value));
      }),
      { seed: 8, numRuns: 200 },
    );
    expect(toJson({ big: 12345678901234567890n, gone: undefined, list: [undefined, new Date(0)] })).toBe('{"big":12345678901234567890,"list":[null,"1970-01-01T00:00:00.000Z"]}');
  });

  it("writes nesting JSON.stringify cannot", () => {
    expect(toJson(nested(20_000))).toHaveLength(20_000 * 6 + 3);
  });
});
