import { z } from "zod";
import { roles } from "@/db/schema/enums";
import { passwordProblem } from "./password-policy";

// The admin's user forms and their server actions share these. An empty password means "generate a temporary one".

const name = z
  .string({ error: "Enter the person's name." })
  .trim()
  .min(1, { error: "Enter the person's name." })
  .max(100, { error: "Use at most 100 characters." });
const email = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(320, { error: "Use at most 320 characters." })
  .pipe(z.email({ error: "Enter a valid email address." }));
const role = z.enum(roles, { error: "Choose a role." });
const userId = z.uuid({ error: "That user does not exist." });
// Not trimmed: spaces are part of a password (the rule refuses them at the ends rather than changing what was typed).
// Required as a field, empty allowed: the forms always send it, and a payload without it is refused rather than read
// as "generate one".
const optionalPassword = z
  .string({ error: "Type a password, or leave the field empty for a temporary one." })
  .max(500, { error: "Use at most 72 characters." })
  .transform((value) => (value ? value : null));

export const createUserSchema = z
  .object({ name, email, role, password: optionalPassword })
  .superRefine((value, ctx) => {
    const problem = value.password === null ? null : passwordProblem(value.password, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

/** `npm run admin:create`: the same name and email rules as the users screen (the password is asked or generated). */
export const adminCreateSchema = z.object({ name, email });

export const changeRoleSchema = z.object({ userId, role });
export const setActiveSchema = z.object({
  userId,
  active: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { error: "Choose active or deactivated." }),
});
export const resetPasswordSchema = z.object({ userId, password: optionalPassword });
export const signOutUserSchema = z.object({ userId });

export type CreateUserInput = z.output<typeof createUserSchema>;
