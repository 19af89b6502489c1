/**
 * An error whose message is written for the person using Orderline. Anything else that goes wrong is logged
 * and shown as a generic message: internal details never reach the screen.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserFacingError";
  }
}

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Nothing was changed; please try again.";

export const DATABASE_UNAVAILABLE_MESSAGE = "Orderline cannot reach its database just now. Nothing was changed; try again in a moment.";

// Connection-level failures, as postgres.js and Node name them: the server is down, restarting or unreachable.
const unavailableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up or shutting down)
]);

/** Whether an error (or one it wraps: drizzle puts the driver's error in `cause`) means the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && unavailableCodes.has(code)) return true;
  }
  return false;
}
