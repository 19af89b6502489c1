// The audit actions written by user management (lib/users/manage-users.ts).

export const userAuditActions = {
  create: "user.create",
  roleChange: "user.role_change",
  deactivate: "user.deactivate",
  reactivate: "user.reactivate",
  passwordReset: "user.password_reset",
  signOutEverywhere: "user.sign_out_everywhere",
} as const;

export const USER_ENTITY = "user";
