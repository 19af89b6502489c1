import { withoutNul } from "@/lib/security/nul-characters";

/** Next.js page search params as one value per key: a repeated key (`?a=1&a=2`) keeps its first value; NULs dropped. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

export function firstSearchParams(params: PageSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, nulFree(Array.isArray(value) ? value[0] : value)]));
}

function nulFree(value: string | undefined): string | undefined {
  return value === undefined ? undefined : withoutNul(value);
}
