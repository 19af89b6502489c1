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
