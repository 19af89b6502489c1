"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FieldError, FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import { apiKeyPurposes, carriers, type ApiKeyPurpose } from "@/db/schema/enums";
import { apiKeyPurposeLabels, mayPostCarrierEvents, type createApiKeySchema } from "@/lib/integrations/api-key-schema";
import { carrierLabels } from "@/lib/orders/tracking";
import { createApiKeyAction } from "./api-key-actions";

type CreateResult = Awaited<ReturnType<typeof createApiKeyAction>> | null;

const purposeEndpoints: Record<ApiKeyPurpose, string> = {
  order_intake: "POST /api/v1/orders",
  carrier_events: "POST /api/v1/tracking-events",
  both: "both endpoints",
};

// Several carriers are several form values, which the action wrapper's FormData reading would fold into one:
// the form sends them as a list.
async function submitCreate(_previous: CreateResult, formData: FormData): Promise<CreateResult> {
  const input = {
    name: String(formData.get("name") ?? ""),
    purpose: String(formData.get("purpose") ?? ""),
    carriers: formData.getAll("carriers").map(String),
  } as z.input<typeof createApiKeySchema>;
  return createApiKeyAction(input);
}

/** Names a new key, chooses what it may send (and for carrier events, which carriers' orders it may move). */
export function CreateKeyForm() {
  const [state, dispatch, pending] = useActionState(submitCreate, null);
  const [dismissedId, setDismissedId] = useState<string | null>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const created = state?.ok && state.data.id !== dismissedId ? state.data : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return (
    <div className="space-y-4">
      {/* Keyed on the last created key so the fields clear after a success but keep a rejected entry. */}
      <form key={state?.ok ? state.data.id : "new"} onSubmit={onSubmit} className="grid gap-4" noValidate>
        <FormField label="New key name" htmlFor="api-key-name" error={errors.name} className="w-full sm:w-80">
          <Input
            id="api-key-name"
            name="name"
            maxLength={100}
            placeholder="e.g. Shopify store"
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={fieldDescribedBy("api-key-name", { error: errors.name })}
          />
        </FormField>
        <PurposeAndCarriers purposeError={errors.purpose} carriersError={errors.carriers} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? <Spinner label="Creating…" /> : null}
            Create key
          </Button>
        </div>
      </form>
      {state && !state.ok && Object.keys(errors).length === 0 ? (
        <p role="alert" className="text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
      {created ? <CreatedKey created={created} onDismiss={() => setDismissedId(created.id)} /> : null}
    </div>
  );
}

function PurposeAndCarriers({ purposeError, carriersError }: { purposeError?: string[]; carriersError?: string[] }) {
  // No purpose is chosen for the admin: a key that can do more than its system needs is the risk being removed.
  const [purpose, setPurpose] = useState<ApiKeyPurpose | null>(null);
  const carriersAllowed = purpose === null || mayPostCarrierEvents(purpose);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <fieldset className="grid gap-2" aria-describedby={purposeError ? "api-key-purpose-error" : undefined} aria-invalid={purposeError ? true : undefined}>
        <legend className="mb-1 text-sm font-medium">What the key may send</legend>
        {apiKeyPurposes.map((value) => (
          <div key={value} className="flex items-center gap-2 text-sm">
            <input
              id={`api-key-purpose-${value}`}
              type="radio"
              name="purpose"
              value={value}
              checked={purpose === value}
              onChange={() => setPurpose(value)}
              aria-describedby={`api-key-purpose-${value}-hint`}
              className="size-4 accent-primary"
            />
            <label htmlFor={`api-key-purpose-${value}`}>{apiKeyPurposeLabels[value]}</label>
            <span id={`api-key-purpose-${value}-hint`} className="text-xs text-muted-foreground">
              {purposeEndpoints[value]}
            </span>
          </div>
        ))}
        <FieldError id="api-key-purpose-error" error={purposeError} />
      </fieldset>
      <fieldset
        className="grid gap-2 disabled:opacity-50"
        disabled={!carriersAllowed}
        aria-describedby={["api-key-carriers-hint", carriersError ? "api-key-carriers-error" : null].filter(Boolean).join(" ")}
      >
        <legend className="mb-1 text-sm font-medium">Carriers whose orders it may move</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {carriers.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="carriers" value={value} className="size-4 accent-primary" />
              {carrierLabels[value]}
            </label>
          ))}
        </div>
        <p id="api-key-carriers-hint" className="text-xs text-muted-foreground">
          For carrier events only. None ticked: orders shipped with any carrier. Purpose and carriers cannot be changed
          later; revoke the key and create another.
        </p>
        <FieldError id="api-key-carriers-error" error={carriersError} />
      </fieldset>
    </div>
  );
}

type Created = { id: string; name: string; key: string; signingSecret: string };

function CreatedKey({ created, onDismiss }: { created: Created; onDismiss: () => void }) {
  async function copy(value: string, what: "Key" | "Signing secret") {
    try {
      await navigator.clipboard.writeText(value);
      toast({ title: `${what} copied`, variant: "success" });
    } catch {
      toast({ title: "Could not copy", description: `Select the ${what.toLowerCase()} and copy it by hand.`, variant: "destructive" });
    }
  }

  return (
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
      <Button type="button" variant="ghost" onClick={onDismiss}>
        I have saved them
      </Button>
    </div>
  );
}
