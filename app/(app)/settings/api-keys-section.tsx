"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import type { ApiKeyPurpose, Carrier } from "@/db/schema/enums";
import { formatDateTime } from "@/lib/format";
import { apiKeyPurposeLabels, mayPostCarrierEvents } from "@/lib/integrations/api-key-schema";
import { carrierLabels } from "@/lib/orders/tracking";
import { revokeApiKeyAction } from "./api-key-actions";
import { CreateKeyForm } from "./api-key-create-form";

export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  purpose: ApiKeyPurpose;
  carriers: Carrier[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

// The admin's view of the keys shops, OMSs and carrier feeds use for /api/v1, with what each may send. The page
// loads the rows; the create form (api-key-create-form.tsx) holds the one moment a new key's plaintext and signing
// secret exist in the browser.
export function ApiKeysSection({ keys, timeZone }: { keys: ApiKeyRow[]; timeZone: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>API keys</CardTitle>
        <CardDescription>
          Shops and order systems send new orders to <code>POST /api/v1/orders</code> with{" "}
          <code>Authorization: Bearer &lt;key&gt;</code>. Carriers send tracking events to{" "}
          <code>POST /api/v1/tracking-events</code> with the key and an <code>Orderline-Signature</code> header. Give
          each system its own key, for what it sends (orders, carrier events or both), so you can revoke one without
          stopping the others; a carrier&apos;s key may be limited to the orders shipped with that carrier. The{" "}
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
            <TableHead>May send</TableHead>
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
              <TableCell>
                <PurposeCell purpose={key.purpose} carriers={key.carriers} />
              </TableCell>
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

function PurposeCell({ purpose, carriers }: { purpose: ApiKeyPurpose; carriers: Carrier[] }) {
  return (
    <div className="grid gap-0.5">
      <span>{apiKeyPurposeLabels[purpose]}</span>
      {mayPostCarrierEvents(purpose) ? (
        <span className="text-xs text-muted-foreground">
          {carriers.length > 0 ? `Only orders shipped with ${carriers.map((c) => carrierLabels[c]).join(", ")}` : "Orders shipped with any carrier"}
        </span>
      ) : null}
    </div>
  );
}
