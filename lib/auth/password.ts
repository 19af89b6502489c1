import bcrypt from "bcryptjs";

// bcrypt is a deliberately slow hash; cost 12 is ~250 ms here, which slows guessing without slowing sign-in.
// bcryptjs is pure JavaScript: no native build step on a fresh machine.
const COST = 12;

export function hashPassword(plain: string, cost: number = COST): Promise<string> {
  return bcrypt.hash(plain, cost);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}
