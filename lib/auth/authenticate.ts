import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { verifyPassword } from "./password";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
});

export type SessionUser = { id: string; name: string; email: string; role: Role };

// Compared against when no user matches, so a wrong email costs as long as a wrong password and response
// times do not reveal which accounts exist.
const DUMMY_HASH = "$2b$12$CcAaqzy.N14fGIvEr19bdegJgKUtyaCFuXCWgvul7jsljWj/5yfJ.";

/** The user for these credentials, or null. Inactive users cannot sign in. */
export async function authenticate(db: Db, input: unknown): Promise<SessionUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}
