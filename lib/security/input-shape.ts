// How deep and how large a request's input may be, checked before anything else reads it. Code that walks a value
// recursively (NUL detection, zod, JSON columns in PostgreSQL) overflows the stack on a value nested a few thousand
// levels deep, which a crafted request can send in a few kilobytes; that surfaced as a 500. No form or API body of
// Orderline comes near these limits (docs/decisions.md, "No 500 from any input"): the deepest is a tracking event's
// exception (3 levels), the largest a tracking import's 5,000 rows of versions (about 15,000 values).

/** Objects and arrays inside one another, counting the outermost as 1. */
export const MAX_INPUT_DEPTH = 64;
/** Properties and array items in one input, all levels together. */
export const MAX_INPUT_VALUES = 100_000;

const depthMessage = (depth: number) => `The input is nested too deeply: at most ${depth} levels of objects and arrays.`;
const valuesMessage = (values: number) => `The input holds too many values: at most ${values.toLocaleString("en-US")} properties and array items.`;
export const TOO_DEEP_MESSAGE = depthMessage(MAX_INPUT_DEPTH);
export const TOO_MANY_VALUES_MESSAGE = valuesMessage(MAX_INPUT_VALUES);

export type InputShapeProblem = { kind: "depth"; message: string } | { kind: "values"; message: string };

/**
 * Why a value is too deep or too large, or null when it is neither. Walks without recursion, so it cannot overflow
 * the stack itself, and stops at the first level or value past a limit, so a huge input costs no more than the
 * limit. A value met twice (a shared or circular reference, possible only in a server action's argument) is not
 * walked again. Files are leaves.
 */
export function inputShapeProblem(value: unknown, limits = { depth: MAX_INPUT_DEPTH, values: MAX_INPUT_VALUES }): InputShapeProblem | null {
  const seen = new Set<object>();
  const stack: [object, number][] = [];
  const push = (v: unknown, depth: number) => {
    if (typeof v !== "object" || v === null || v instanceof Blob || seen.has(v)) return;
    seen.add(v);
    stack.push([v, depth]);
  };
  push(value, 1);
  let values = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (depth > limits.depth) return { kind: "depth", message: depthMessage(limits.depth) };
    // for…in would walk the prototype chain and Object.entries copies; the keys alone are enough here.
    const keys = Object.keys(current);
    values += keys.length;
    if (values > limits.values) return { kind: "values", message: valuesMessage(limits.values) };
    for (const key of keys) push((current as Record<string, unknown>)[key], depth + 1);
  }
  return null;
}

/** The HTTP status for a refused shape: 400 for nesting (a malformed request), 413 for size (too large). */
export function statusOfShapeProblem(problem: InputShapeProblem): 400 | 413 {
  return problem.kind === "depth" ? 400 : 413;
}
