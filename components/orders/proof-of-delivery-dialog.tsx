"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { recordProofOfDeliveryAction } from "@/app/(app)/orders/[number]/pod-actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toast";
import { localDateTimeNow, MAX_PHOTO_BYTES, PHOTO_ACCEPT, photoSizeMessage, RECIPIENT_MAX } from "@/lib/orders/proof-of-delivery-schema";

type Target = { orderId: string; orderNumber: string; version: number; timeZone: string };
/** `replace`: the order already has a proof (a correction); `compact`: the short label for a board card. */
type ButtonLook = { replace?: boolean; compact?: boolean };

/** A button that opens the proof-of-delivery form for one order (fulfillment board and order page). */
export function RecordProofButton({ replace = false, compact = false, ...target }: Target & ButtonLook) {
  const [open, setOpen] = useState(false);
  const verb = replace ? "Replace" : "Record";
  return (
    <>
      <Button type="button" variant="outline" size={compact ? "sm" : "default"} onClick={() => setOpen(true)} aria-label={`${verb} proof of delivery for ${target.orderNumber}`}>
        {compact ? "Proof of delivery…" : `${verb} proof of delivery…`}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent>{open ? <ProofForm {...target} onDone={() => setOpen(false)} /> : null}</DialogContent>
      </Dialog>
    </>
  );
}

function ProofForm({ orderId, orderNumber, version, timeZone, onDone }: Target & { onDone: () => void }) {
  const router = useRouter();
  // "Now" in the viewer's zone when the form opens, not when the page was rendered.
  const [defaultReceivedAt] = useState(() => localDateTimeNow(timeZone));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  // Checked here too so an 8 MB+ photo is refused before it is uploaded; the server checks again.
  function photoProblem(file: FormDataEntryValue | File | null | undefined): string | null {
    return file instanceof File && file.size > MAX_PHOTO_BYTES ? photoSizeMessage : null;
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const tooBig = photoProblem(form.get("photo"));
        if (tooBig) {
          setErrors({ photo: [tooBig] });
          return;
        }
        startTransition(async () => {
          const result = await recordProofOfDeliveryAction(form);
          if (result.ok) {
            toast({ title: `Proof of delivery recorded for ${orderNumber}`, variant: "success" });
            onDone();
          } else {
            setErrors(result.fieldErrors ?? {});
            setMessage(result.message);
          }
          router.refresh();
        });
      }}
    >
      <DialogHeader>
        <DialogTitle>Record proof of delivery</DialogTitle>
        <DialogDescription>
          {orderNumber}: who received the parcel and when. The order moves to delivered if it is not there yet.
        </DialogDescription>
      </DialogHeader>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <FormField label="Received by" htmlFor="pod-recipient" error={errors.recipientName}>
        <Input
          id="pod-recipient"
          name="recipientName"
          required
          maxLength={RECIPIENT_MAX}
          autoComplete="off"
          aria-invalid={errors.recipientName ? true : undefined}
          aria-describedby={fieldDescribedBy("pod-recipient", { error: errors.recipientName })}
        />
      </FormField>
      <FormField label="Received at" htmlFor="pod-received-at" error={errors.receivedAt} hint={`Your time zone: ${timeZone}.`}>
        <Input
          id="pod-received-at"
          name="receivedAt"
          type="datetime-local"
          required
          defaultValue={defaultReceivedAt}
          aria-invalid={errors.receivedAt ? true : undefined}
          aria-describedby={fieldDescribedBy("pod-received-at", { error: errors.receivedAt, hint: "yes" })}
        />
      </FormField>
      <FormField label="Photo (optional)" htmlFor="pod-photo" error={errors.photo} hint="JPEG, PNG, WebP or HEIC, up to 8 MB.">
        <Input
          id="pod-photo"
          name="photo"
          type="file"
          accept={PHOTO_ACCEPT}
          aria-invalid={errors.photo ? true : undefined}
          aria-describedby={fieldDescribedBy("pod-photo", { error: errors.photo, hint: "yes" })}
          onChange={(e) => {
            const problem = photoProblem(e.currentTarget.files?.[0]);
            setErrors(({ photo: _photo, ...rest }) => (problem ? { ...rest, photo: [problem] } : rest));
          }}
        />
      </FormField>
      {message ? (
        <p role="alert" className="text-sm font-medium text-destructive">
          {message}
        </p>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={isPending}>
          {isPending ? "Saving…" : "Record proof"}
        </Button>
      </DialogFooter>
    </form>
  );
}
