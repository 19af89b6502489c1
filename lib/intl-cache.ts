// One Intl formatter per (locale, options), made once and reused. Building an Intl.DateTimeFormat costs ~100 µs
// (it loads locale and zone data); formatting with a built one costs 2–3 µs. The server formats every timestamp of
// every row it renders, so a fresh formatter per call was a tenth of /queue's CPU (issue 16).
//
// Keys are the locale plus the options as JSON. Callers pass literal option objects, so the set of keys is small
// (a few styles × the zones viewers actually use); the cap keeps a hostile stream of zones from growing it forever.

const MAX_ENTRIES = 500;
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, formatter);
  }
  return formatter;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** How many formatters are held (for the test that the cache stays bounded). */
export function cachedFormatterCount(): { dateTime: number; number: number } {
  return { dateTime: dateTimeFormats.size, number: numberFormats.size };
}
