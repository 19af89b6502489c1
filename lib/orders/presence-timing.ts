// Shared by the server (lib/orders/presence.ts) and the page's beating client component, which cannot import
// a module that talks to the database.
export const PRESENCE_BEAT_MS = 10_000;
// Two missed beats and a bit: a closed laptop drops off within half a minute without anyone signing out.
export const PRESENCE_WINDOW_MS = 25_000;
