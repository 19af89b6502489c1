"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { formatDateTime } from "@/lib/format";
import { createApiKeyAction, revokeApiKeyAction } from "./api-key-actions";

export type ApiKeyRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

type CreateResult = Awaited<ReturnType<typeof createApiKeyAction>> | null;

// The admin's view of the keys shops, OMSs and carrier feeds use for /api/v1. The page loads the rows; this island
// holds the one moment a new key's plaintext and signing secret exist in the browser.
export function ApiKeysSection({ keys, timeZone }: { keys: ApiKeyRow[]; timeZone: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>API keys</CardTitle>
        <CardDescription>
          Shops and order systems send new orders to <code>POST /api/v1/orders</code> with{" "}
          <code>Authorization: Bearer &lt;key&gt;</code>. Carriers send tracking events to{" "}
          <code>POST /api/v1/tracking-events</code> with the key and an <code>Orderline-Signature</code> header. Give
          each system its own key so you can revoke one without stopping the others. The{" "}
          <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className="font-medium underline underline-offset-4">
            API reference (OpenAPI)
          </a>{" "}
          describes both endpoints and how to sign.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <CreateKeyForm />
        <KeyTable keys={keys} timeZone={timeZone} />
      </CardContent>
    </Card>
  );
}

async function submitCreate(_previous: CreateResult, formData: FormData): Promise<CreateResult> {
  return createApiKeyAction(formData);
}

function CreateKeyForm() {
  const [state, dispatch, pending] = useActionState(submitCreate, null);
  const [dismissedId, setDismissedId] = useState<string | null>(null);
  const nameError = state && !state.ok ? state.fieldErrors?.name : undefined;
  const created = state?.ok && state.data.id !== dismissedId ? state.data : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  async function copy(value: string, what: "Key" | "Signing secret") {
    try {
      await navigator.clipboard.writeText(value);
      toast({ title: `${what} copied`, variant: "success" });
    } catch {
      toast({ title: "Could not copy", description: `Select the ${what.toLowerCase()} and copy it by hand.`, variant: "destructive" });
    }
  }

  return (
    <div className="space-y-4">
      {/* Keyed on the last created key so the name field clears after a success but keeps a rejected name. */}
      <form key={state?.ok ? state.data.id : "new"} onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
        <FormField label="New key name" htmlFor="api-key-name" error={nameError} className="w-full sm:w-80">
          <Input
            id="api-key-name"
            name="name"
            maxLength={100}
            placeholder="e.g. Shopify store"
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={fieldDescribedBy("api-key-name", { error: nameError })}
          />
        </FormField>
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner label="Creating…" /> : null}
          Create key
        </Button>
      </form>
      {state && !state.ok && !nameError ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      {created ? (
        <div role="status" className="space-y-2 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm">
          <p className="font-medium">
            Key “{created.name}” created. Copy it and its signing secret now: they are shown only once and cannot be
            recovered, only revoked and replaced.
          </p>
          <div className="flex flex-wrap gap-2">
            <Input
              readOnly
              value={created.key}
              aria-label={`API key ${created.name}`}
              className="font-mono sm:w-[36rem]"
              onFocus={(event) => event.currentTarget.select()}
            />
            <Button type="button" variant="outline" onClick={() => void copy(created.key, "Key")}>
              Copy
            </Button>
          </div>
          <p id="signing-secret-help" className="text-muted-foreground">
            Carriers sign tracking events with this secret.
          </p>
          <div className="flex flex-wrap gap-2">
            <Input
              readOnly
              value={created.signingSecret}
              aria-label={`Signing secret ${created.name}`}
              aria-describedby="signing-secret-help"
              className="font-mono sm:w-[36rem]"
              onFocus={(event) => event.currentTarget.select()}
            />
            <Button type="button" variant="outline" onClick={() => void copy(created.signingSecret, "Signing secret")}>
              Copy
            </Button>
          </div>
          <Button type="button" variant="ghost" onClick={() => setDismissedId(created.id)}>
            I have saved them
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function KeyTable({ keys, timeZone }: { keys: ApiKeyRow[]; timeZone: string }) {
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const [pending, setPending] = useState(false);

  async function revoke(key: ApiKeyRow) {
    setPending(true);
    const result = await revokeApiKeyAction({ id: key.id });
    setPending(false);
    if (result.ok) {
      setRevoking(null);
      toast({ title: `Key “${key.name}” revoked`, description: "Requests with it are refused from now on.", variant: "success" });
    } else {
      toast({ title: "Could not revoke the key", description: result.message, variant: "destructive" });
    }
  }

  if (keys.length === 0) return <p className="text-sm text-muted-foreground">No API keys yet.</p>;
  return (
    <>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="sr-only">Actions</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.map((key) => (
            <TableRow key={key.id}>
              <TableCell className="font-medium">{key.name}</TableCell>
              <TableCell className="font-mono">{key.prefix}…</TableCell>
              <TableCell>{formatDateTime(key.createdAt, timeZone)}</TableCell>
              <TableCell>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, timeZone) : "Never"}</TableCell>
              <TableCell>
                {key.revokedAt ? (
                  <Badge variant="outline">Revoked {formatDateTime(key.revokedAt, timeZone)}</Badge>
                ) : (
                  <Badge variant="success">Active</Badge>
                )}
              </TableCell>
              <TableCell className="text-right">
                {key.revokedAt ? null : (
                  <Button type="button" variant="outline" size="sm" onClick={() => setRevoking(key)}>
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={revoking !== null} onOpenChange={(open) => (open ? null : setRevoking(null))}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Revoke “{revoking?.name}”?</DialogTitle>
            <DialogDescription>
              Orders and tracking events sent with this key are refused from the moment you revoke it. This cannot be undone; the system
              that uses it will need a new key.
            </DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setRevoking(null)} disabled={pending}>
              Keep the key
            </Button>
            <Button type="button" variant="destructive" disabled={pending || !revoking} onClick={() => revoking && void revoke(revoking)}>
              {pending ? <Spinner label="Revoking…" /> : null}
              Revoke key
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
