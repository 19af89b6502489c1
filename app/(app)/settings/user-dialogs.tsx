"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { roles, type Role } from "@/db/schema/enums";
import { roleLabels } from "@/lib/auth/access";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/password-policy";
import { OneTimePassword } from "./one-time-password";
import { changeUserRoleAction, resetUserPasswordAction, setUserActiveAction, signOutUserEverywhereAction } from "./user-actions";

export type UserDialogKind = "role" | "active" | "reset" | "sessions";
type DialogUser = { id: string; name: string; role: Role; active: boolean };

/** One of the four changes to a user, each confirmed in a dialog; a refusal is shown in the dialog itself. */
export function UserDialog({ kind, user, onClose }: { kind: UserDialogKind; user: DialogUser; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent>
        {kind === "role" ? <RoleForm user={user} onClose={onClose} /> : null}
        {kind === "active" ? <ActiveForm user={user} onClose={onClose} /> : null}
        {kind === "reset" ? <ResetForm user={user} onClose={onClose} /> : null}
        {kind === "sessions" ? <SignOutEverywhereForm user={user} onClose={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function Refusal({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      {message}
    </p>
  );
}

function RoleForm({ user, onClose }: { user: DialogUser; onClose: () => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await changeUserRoleAction({ userId: user.id, role });
    setPending(false);
    if (!result.ok) return setError(result.message);
    toast({ title: `${result.data.name} is now ${roleLabels[result.data.role]}`, description: "The new role applies from their next click.", variant: "success" });
    onClose();
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-4">
      <DialogHeader>
        <DialogTitle>Change the role of {user.name}</DialogTitle>
        <DialogDescription>The role decides which screens and actions they have. It applies from their next click.</DialogDescription>
      </DialogHeader>
      <Refusal message={error} />
      <FormField label="Role" htmlFor="change-role">
        <NativeSelect id="change-role" value={role} onChange={(event) => setRole(event.target.value as Role)} wrapperClassName="w-full">
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending || role === user.role}>
          {pending ? <Spinner label="Saving…" /> : null}
          Save role
        </Button>
      </DialogFooter>
    </form>
  );
}

function ActiveForm({ user, onClose }: { user: DialogUser; onClose: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deactivating = user.active;

  async function confirm() {
    setPending(true);
    const result = await setUserActiveAction({ userId: user.id, active: !deactivating });
    setPending(false);
    if (!result.ok) return setError(result.message);
    toast({
      title: result.data.active ? `${result.data.name} reactivated` : `${result.data.name} deactivated`,
      description: result.data.active ? "They can sign in again." : "They are signed out and cannot sign in.",
      variant: "success",
    });
    onClose();
  }

  return (
    <div className="space-y-4">
      <DialogHeader>
        <DialogTitle>{deactivating ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}</DialogTitle>
        <DialogDescription>
          {deactivating
            ? "They are signed out at once and cannot sign in until an admin reactivates them. Orders assigned to them stay assigned; their history is kept."
            : "They can sign in again with their password (reset it if they no longer have it). Sessions from before the deactivation stay ended."}
        </DialogDescription>
      </DialogHeader>
      <Refusal message={error} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="button" variant={deactivating ? "destructive" : "default"} disabled={pending} onClick={() => void confirm()}>
          {pending ? <Spinner label="Saving…" /> : null}
          {deactivating ? "Deactivate" : "Reactivate"}
        </Button>
      </DialogFooter>
    </div>
  );
}

function SignOutEverywhereForm({ user, onClose }: { user: DialogUser; onClose: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    const result = await signOutUserEverywhereAction({ userId: user.id });
    setPending(false);
    if (!result.ok) return setError(result.message);
    const { name, ended } = result.data;
    toast({
      title: `${name} is signed out everywhere`,
      description: ended === 1 ? "1 session ended." : `${ended} sessions ended.`,
      variant: "success",
    });
    onClose();
  }

  return (
    <div className="space-y-4">
      <DialogHeader>
        <DialogTitle>Sign {user.name} out everywhere?</DialogTitle>
        <DialogDescription>
          Every browser and device where they are signed in is signed out at once. Their account, role and password stay as
          they are, and they can sign in again.
        </DialogDescription>
      </DialogHeader>
      <Refusal message={error} />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="button" variant="destructive" disabled={pending} onClick={() => void confirm()}>
          {pending ? <Spinner label="Signing out…" /> : null}
          Sign out everywhere
        </Button>
      </DialogFooter>
    </div>
  );
}

const RESET_HINT = `Leave empty to generate a temporary password. A password you type needs at least ${MIN_PASSWORD_LENGTH} characters.`;

function ResetForm({ user, onClose }: { user: DialogUser; onClose: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [temporary, setTemporary] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setPending(true);
    const result = await resetUserPasswordAction({ userId: user.id, password });
    setPending(false);
    if (!result.ok) return setError(result.fieldErrors?.password?.join(" ") ?? result.message);
    if (result.data.temporaryPassword) return setTemporary(result.data.temporaryPassword);
    toast({ title: `Password of ${result.data.name} reset`, description: "Their earlier sessions have ended.", variant: "success" });
    onClose();
  }

  if (temporary) {
    return (
      <div className="space-y-4">
        <DialogHeader>
          <DialogTitle>Password of {user.name} reset</DialogTitle>
          <DialogDescription>Their earlier sessions have ended. They sign in with this password.</DialogDescription>
        </DialogHeader>
        <OneTimePassword name={user.name} password={temporary} onDone={onClose} />
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-4" noValidate>
      <DialogHeader>
        <DialogTitle>Reset the password of {user.name}</DialogTitle>
        <DialogDescription>Their current sessions end at once; they sign in again with the new password.</DialogDescription>
      </DialogHeader>
      <Refusal message={error} />
      <FormField label="New password (optional)" htmlFor="reset-password" hint={RESET_HINT}>
        <Input id="reset-password" name="password" type="password" autoComplete="new-password" aria-describedby={fieldDescribedBy("reset-password", { hint: RESET_HINT })} />
      </FormField>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner label="Resetting…" /> : null}
          Reset password
        </Button>
      </DialogFooter>
    </form>
  );
}
