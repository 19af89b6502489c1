// PostgreSQL text cannot hold a NUL character (U+0000): a value with one fails in the database, as an internal
// error, after validation said yes. No person types one, so a form or JSON value holding one is refused with a
// clear message before the handler runs (lib/actions/action.ts, the /api/v1 handlers), and a URL's filters drop it.
// The same goes for half of a surrogate pair ("\ud800" without its partner), which JSON can carry but UTF-8 cannot:
// jsonb refuses it. Callers bound the input's depth first (lib/security/input-shape.ts): these walks recurse.

export const NUL_MESSAGE = "Remove the invisible NUL character (\\u0000): text cannot hold it.";
export const LONE_SURROGATE_MESSAGE = "Remove the broken character (half of an emoji or symbol): text cannot hold it.";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The dotted paths of the strings (or keys) in a value that `bad` finds fault with; "" for the value itself. Files are skipped. */
function pathsOf(bad: (text: string) => boolean, value: unknown, at = "", seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return bad(value) ? [at] : [];
  if (typeof value !== "object" || value === null || seen.has(value) || value instanceof Blob) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([key, v]) => {
    const path = at ? `${at}.${key}` : key;
    return bad(key) ? [path] : pathsOf(bad, v, path, seen);
  });
}

/** The dotted paths of the strings (or keys) in a value that hold a NUL; "" for the value itself. Files are skipped. */
export function nulPaths(value: unknown): string[] {
  return pathsOf((text) => text.includes("\u0000"), value);
}

/** The dotted paths of the strings (or keys) in a value that hold half a surrogate pair. */
export function loneSurrogatePaths(value: unknown): string[] {
  return pathsOf((text) => LONE_SURROGATE.test(text), value);
}

/** A URL value without its NUL characters (they are never meant; the rest of the filter still applies). */
export function withoutNul(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}
