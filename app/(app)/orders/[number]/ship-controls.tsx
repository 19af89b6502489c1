"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError, FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { untrackedReasons, type Carrier, type UntrackedReason } from "@/db/schema";
import { carrierLabels, untrackedReasonLabels } from "@/lib/orders/tracking";
import { setTrackingAction, shipOrderAction } from "./actions";
import { useAction } from "@/components/actions/use-action";

type Props = {
  orderId: string;
  version: number;
  /** Processing: it may ship now. */
  canShip: boolean;
  /** With the carrier: its tracking may be added or corrected. */
  canSetTracking: boolean;
  hasTracking: boolean;
};

const carriers = Object.entries(carrierLabels) as [Carrier, string][];
const linkHint = "With {tracking} where the number goes.";

// Shipping needs the carrier and tracking number, or the reason there is none (hand delivery, a local courier) — the
// shipped notice the customer gets says which. Tracking added or corrected later tells the customer once.
export function ShipControls({ orderId, version, canShip, canSetTracking, hasTracking }: Props) {
  const [dialog, setDialog] = useState<null | "ship" | "tracking">(null);
  const { run, errors, refusal, isPending } = useAction(() => setDialog(null));
  const [carrier, setCarrier] = useState<Carrier>("ups");
  const [untracked, setUntracked] = useState(false);
  const [reason, setReason] = useState<UntrackedReason>("hand_delivery");

  function tracking(form: FormData) {
    return {
      carrier,
      trackingNumber: String(form.get("trackingNumber") ?? ""),
      carrierName: String(form.get("carrierName") ?? ""),
      trackingUrlTemplate: String(form.get("trackingUrlTemplate") ?? ""),
    };
  }

  const trackingFields = (
    <>
      <FormField label="Carrier" htmlFor="ship-carrier" error={errors.carrier}>
        <NativeSelect id="ship-carrier" name="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value as Carrier)}>
          {carriers.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {carrier === "other" ? (
        <>
          <FormField label="Carrier name" htmlFor="ship-carrier-name" error={errors.carrierName}>
            <Input id="ship-carrier-name" name="carrierName" required maxLength={80} autoComplete="off" aria-invalid={errors.carrierName ? true : undefined} />
          </FormField>
          <FormField label="Tracking link" htmlFor="ship-tracking-url" error={errors.trackingUrlTemplate} hint={linkHint}>
            <Input
              id="ship-tracking-url"
              name="trackingUrlTemplate"
              type="url"
              required
              maxLength={500}
              placeholder="https://track.example.com/{tracking}"
              autoComplete="off"
              aria-describedby={fieldDescribedBy("ship-tracking-url", { error: errors.trackingUrlTemplate, hint: linkHint })}
            />
          </FormField>
        </>
      ) : null}
      <FormField label="Tracking number" htmlFor="ship-tracking-number" error={errors.trackingNumber}>
        <Input
          id="ship-tracking-number"
          name="trackingNumber"
          required
          maxLength={60}
          autoComplete="off"
          aria-invalid={errors.trackingNumber ? true : undefined}
          aria-describedby={fieldDescribedBy("ship-tracking-number", { error: errors.trackingNumber })}
        />
      </FormField>
    </>
  );

  return (
    <>
      {canShip ? <Button onClick={() => setDialog("ship")}>Ship…</Button> : null}
      {canSetTracking ? (
        <Button variant="outline" onClick={() => setDialog("tracking")}>
          {hasTracking ? "Correct tracking…" : "Add tracking…"}
        </Button>
      ) : null}

      <Dialog open={dialog === "ship"} onOpenChange={(open) => setDialog(open ? "ship" : null)}>
        <DialogContent>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const shipment = untracked
                ? { mode: "untracked" as const, untrackedReason: reason, untrackedNote: String(form.get("untrackedNote") ?? "") }
                : { mode: "tracked" as const, ...tracking(form) };
              run(() => shipOrderAction({ orderId, expectedVersion: version, ...shipment }), untracked ? "Shipped without a tracking number" : "Shipped");
            }}
          >
            <DialogHeader>
              <DialogTitle>Ship the order</DialogTitle>
              <DialogDescription>The customer gets the shipped notice with the tracking link, or with how it travels when there is none.</DialogDescription>
            </DialogHeader>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4" checked={untracked} onChange={(e) => setUntracked(e.target.checked)} />
              Ships without a tracking number
            </label>
            {untracked ? (
              <>
                <FormField label="Why there is no tracking number" htmlFor="ship-untracked-reason" error={errors.untrackedReason}>
                  <NativeSelect id="ship-untracked-reason" name="untrackedReason" value={reason} onChange={(e) => setReason(e.target.value as UntrackedReason)}>
                    {untrackedReasons.map((r) => (
                      <option key={r} value={r}>
                        {untrackedReasonLabels[r]}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
                <FormField
                  label={reason === "other" ? "How it travels" : "Note (optional)"}
                  htmlFor="ship-untracked-note"
                  error={errors.untrackedNote}
                  hint="The customer's notice quotes it, e.g. the courier's name."
                >
                  <Input id="ship-untracked-note" name="untrackedNote" maxLength={200} required={reason === "other"} autoComplete="off" />
                </FormField>
              </>
            ) : (
              trackingFields
            )}
            <FieldError error={refusal} />
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                {isPending ? "Shipping…" : "Ship"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={dialog === "tracking"} onOpenChange={(open) => setDialog(open ? "tracking" : null)}>
        <DialogContent>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              run(() => setTrackingAction({ orderId, expectedVersion: version, ...tracking(form) }), hasTracking ? "Tracking corrected" : "Tracking added");
            }}
          >
            <DialogHeader>
              <DialogTitle>{hasTracking ? "Correct the tracking" : "Add tracking"}</DialogTitle>
              <DialogDescription>
                The customer is told once: the shipped notice if it has not gone out yet, otherwise a notice with the new tracking details.
              </DialogDescription>
            </DialogHeader>
            {trackingFields}
            <FieldError error={refusal} />
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                Save tracking
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
