// PostgreSQL text cannot hold a NUL character (U+0000): a value with one fails in the database, as an internal
// error, after validation said yes. No person types one, so a form or JSON value holding one is refused with a
// clear message before the handler runs (lib/actions/action.ts, the /api/v1 handlers), and a URL's filters drop it.

export const NUL_MESSAGE = "Remove the invisible NUL character (\\u0000): text cannot hold it.";

/** The dotted paths of the strings (or keys) in a value that hold a NUL; "" for the value itself. Files are skipped. */
export function nulPaths(value: unknown, at = "", seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return value.includes("\u0000") ? [at] : [];
  if (typeof value !== "object" || value === null || seen.has(value) || value instanceof Blob) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([key, v]) => {
    const path = at ? `${at}.${key}` : key;
    return key.includes("\u0000") ? [path] : nulPaths(v, path, seen);
  });
}

/** A URL value without its NUL characters (they are never meant; the rest of the filter still applies). */
export function withoutNul(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}
