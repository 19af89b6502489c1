"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { roles, type Role } from "@/db/schema/enums";
import { roleLabels } from "@/lib/auth/access";
import { formatDateTime } from "@/lib/format";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-policy";
import { OneTimePassword } from "./one-time-password";
import { UserDialog, type UserDialogKind } from "./user-dialogs";
import { createUserAction } from "./user-actions";

export type UserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  /** Open sessions (not signed out, idle or past 12 hours), or null when none. */
  sessions: { count: number; lastSeenAt: Date } | null;
};

type CreateResult = Awaited<ReturnType<typeof createUserAction>> | null;

const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters, not a common password, not the person's name. Leave empty to generate a temporary password.`;

// The admin's list of who may sign in. The page loads the rows; this island holds the forms and the one moment a
// temporary password exists in the browser.
export function UsersSection({ users, currentUserId, timeZone }: { users: UserRow[]; currentUserId: string; timeZone: string }) {
  return (
    <Card role="region" aria-labelledby="users-title">
      <CardHeader>
        <CardTitle id="users-title">Users</CardTitle>
        <CardDescription>
          Who can sign in, and in which role. Deactivating someone signs them out at once; their name stays on everything
          they did. &ldquo;Sign out everywhere&rdquo; ends all of someone&apos;s sessions (a lost laptop, a shared computer) and
          leaves their account as it is. You cannot deactivate yourself or change your own role, and there is always at least one active admin.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <CreateUserForm />
        <UserTable users={users} currentUserId={currentUserId} timeZone={timeZone} />
      </CardContent>
    </Card>
  );
}

async function submitCreate(_previous: CreateResult, formData: FormData): Promise<CreateResult> {
  const result = await createUserAction(formData);
  if (result.ok && !result.data.temporaryPassword) toast({ title: `${result.data.name} added`, description: "They can sign in with the password you set.", variant: "success" });
  return result;
}

function CreateUserForm() {
  const [state, dispatch, pending] = useActionState(submitCreate, null);
  const [dismissedId, setDismissedId] = useState<string | null>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const created = state?.ok && state.data.temporaryPassword && state.data.id !== dismissedId ? state.data : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return (
    <div className="space-y-4">
      <h3 className="text-sm font-semibold">Add a user</h3>
      {/* Keyed on the last created user so the fields clear after a success but keep what was refused. */}
      <form key={state?.ok ? state.data.id : "new"} onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" noValidate>
        <FormField label="Name" htmlFor="new-user-name" error={errors.name}>
          <Input id="new-user-name" name="name" autoComplete="off" maxLength={100} aria-invalid={errors.name ? true : undefined} aria-describedby={fieldDescribedBy("new-user-name", { error: errors.name })} />
        </FormField>
        <FormField label="Email" htmlFor="new-user-email" error={errors.email}>
          <Input id="new-user-email" name="email" type="email" autoComplete="off" maxLength={320} aria-invalid={errors.email ? true : undefined} aria-describedby={fieldDescribedBy("new-user-email", { error: errors.email })} />
        </FormField>
        <FormField label="Role" htmlFor="new-user-role" error={errors.role}>
          <NativeSelect id="new-user-role" name="role" defaultValue="rep" wrapperClassName="w-full" aria-describedby={fieldDescribedBy("new-user-role", { error: errors.role })}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Initial password (optional)" htmlFor="new-user-password" error={errors.password} hint={PASSWORD_HINT} className="sm:col-span-2 lg:col-span-4">
          <Input
            id="new-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            className="sm:w-80"
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={fieldDescribedBy("new-user-password", { error: errors.password, hint: PASSWORD_HINT })}
          />
        </FormField>
        <div className="sm:col-span-2 lg:col-span-4">
          <Button type="submit" disabled={pending}>
            {pending ? <Spinner label="Adding…" /> : null}
            Add user
          </Button>
        </div>
      </form>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      {created ? <OneTimePassword name={created.name} password={created.temporaryPassword!} onDone={() => setDismissedId(created.id)} /> : null}
    </div>
  );
}

function UserTable({ users, currentUserId, timeZone }: { users: UserRow[]; currentUserId: string; timeZone: string }) {
  const [open, setOpen] = useState<{ kind: UserDialogKind; user: UserRow } | null>(null);
  if (users.length === 0) return <p className="text-sm text-muted-foreground">No users yet.</p>;
  return (
    <>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Email</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Signed in</TableHead>
            <TableHead className="sr-only">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => {
            const self = user.id === currentUserId;
            return (
              <TableRow key={user.id} data-testid="user-row">
                <TableCell className="font-medium">
                  {user.name}
                  {self ? <span className="text-muted-foreground"> (you)</span> : null}
                </TableCell>
                <TableCell>{user.email}</TableCell>
                <TableCell>{roleLabels[user.role]}</TableCell>
                <TableCell>{user.active ? <Badge variant="success">Active</Badge> : <Badge variant="outline">Deactivated</Badge>}</TableCell>
                <TableCell>{formatDateTime(user.createdAt, timeZone)}</TableCell>
                <TableCell data-testid="user-sessions">
                  {user.sessions ? (
                    <>
                      {user.sessions.count === 1 ? "1 session" : `${user.sessions.count} sessions`}
                      <span className="block text-xs text-muted-foreground">last seen {formatDateTime(user.sessions.lastSeenAt, timeZone)}</span>
                    </>
                  ) : (
                    <span className="text-muted-foreground">Not signed in</span>
                  )}
                </TableCell>
                <TableCell>
                  <div className="flex flex-wrap justify-end gap-2">
                    <Button type="button" variant="outline" size="sm" disabled={self} aria-label={`Change the role of ${user.name}`} onClick={() => setOpen({ kind: "role", user })}>
                      Change role
                    </Button>
                    <Button
                      type="button"
                      variant="outline"
                      size="sm"
                      disabled={self}
                      aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}
                      onClick={() => setOpen({ kind: "active", user })}
                    >
                      {user.active ? "Deactivate" : "Reactivate"}
                    </Button>
                    <Button type="button" variant="outline" size="sm" aria-label={`Reset the password of ${user.name}`} onClick={() => setOpen({ kind: "reset", user })}>
                      Reset password
                    </Button>
                    {/* Your own sessions end from the user menu's "Sign out everywhere", which takes you to sign-in. */}
                    <Button
                      type="button"
                      variant="outline"
                      size="sm"
                      disabled={self}
                      aria-label={`Sign ${user.name} out everywhere`}
                      onClick={() => setOpen({ kind: "sessions", user })}
                    >
                      Sign out everywhere
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {open ? <UserDialog key={`${open.kind}-${open.user.id}`} kind={open.kind} user={open.user} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
