import path from "node:path";

// One key rule for every store, so a file kept on local disk can move to an object store (and back) unchanged.

/** Reserved: the local store keeps an object's content type in a file of this name beside it. */
export const META_SUFFIX = ".meta.json";

/** Why this key may not be used, or null. Keys are relative paths of plain segments: nothing may escape the root. */
export function storageKeyProblem(key: string): string | null {
  if (!key) return "empty key";
  if (key.includes("\\") || key.includes("\0")) return "backslash or NUL in key";
  if (key.startsWith("/") || path.isAbsolute(key) || /^[A-Za-z]:/.test(key)) return "absolute key";
  const segments = key.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return "empty, . or .. segment in key";
  if (!/^[A-Za-z0-9._\-/]+$/.test(key)) return "unexpected character in key";
  if (key.endsWith(META_SUFFIX)) return "reserved key suffix";
  return null;
}

/** The key itself, or an error naming what is wrong with it. */
export function checkedStorageKey(key: string): string {
  const problem = storageKeyProblem(key);
  if (problem) throw new Error(`Refused storage key ${JSON.stringify(key)}: ${problem}`);
  return key;
}
