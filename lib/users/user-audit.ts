// The audit actions written by user management (lib/users/manage-users.ts). Sign-in (lib/auth/authenticate.ts)
// reads two of them: a session that began before the user's password was reset or the user was deactivated is over.

export const userAuditActions = {
  create: "user.create",
  roleChange: "user.role_change",
  deactivate: "user.deactivate",
  reactivate: "user.reactivate",
  passwordReset: "user.password_reset",
} as const;

export const USER_ENTITY = "user";
