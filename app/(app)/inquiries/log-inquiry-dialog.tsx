"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { INQUIRY_TEXT_MAX, type LogInquiryForm } from "@/lib/inquiries/inquiry-schemas";
import { logInquiryAction } from "./actions";
import { useAction } from "@/components/actions/use-action";

const PREFIX = "log-inquiry";
const EMAIL_HINT = "Or leave it empty and give the order number.";

/**
 * A question a rep took by phone, email or text: the same inquiry and 24-hour clock as the tracking page's. The
 * customer is found by email or by the order; the new inquiry's page opens once it is logged.
 */
export function LogInquiryButton({ orderNumber, customerEmail }: { orderNumber?: string; customerEmail?: string | null }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { run, errors, isPending } = useAction<{ id: string }>(({ id }) => {
    setOpen(false);
    router.push(`/inquiries/${id}`);
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: LogInquiryForm = {
      customerEmail: String(form.get("customerEmail") ?? ""),
      orderNumber: String(form.get("orderNumber") ?? ""),
      channel: String(form.get("channel") ?? "") as LogInquiryForm["channel"],
      body: String(form.get("body") ?? ""),
    };
    run(() => logInquiryAction(input), "Inquiry logged — reply within 24 hours");
  }

  const ids = { email: `${PREFIX}-email`, order: `${PREFIX}-order`, channel: `${PREFIX}-channel`, body: `${PREFIX}-body` };
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
        Log an inquiry…
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="sm:max-w-xl">
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <DialogHeader>
              <DialogTitle>Log an inquiry</DialogTitle>
              <DialogDescription>A customer&apos;s question from a call, an email or a text. It must be answered within 24 hours.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField label="Customer email" htmlFor={ids.email} error={errors.customerEmail} hint={EMAIL_HINT}>
                <Input
                  id={ids.email}
                  name="customerEmail"
                  type="email"
                  defaultValue={customerEmail ?? ""}
                  autoComplete="off"
                  aria-invalid={errors.customerEmail ? true : undefined}
                  aria-describedby={fieldDescribedBy(ids.email, { error: errors.customerEmail, hint: EMAIL_HINT })}
                />
              </FormField>
              <FormField label="Order number (optional)" htmlFor={ids.order} error={errors.orderNumber}>
                <Input
                  id={ids.order}
                  name="orderNumber"
                  defaultValue={orderNumber ?? ""}
                  placeholder="OL-104823"
                  autoComplete="off"
                  aria-invalid={errors.orderNumber ? true : undefined}
                  aria-describedby={fieldDescribedBy(ids.order, { error: errors.orderNumber })}
                />
              </FormField>
            </div>
            <FormField label="Came in by" htmlFor={ids.channel} error={errors.channel}>
              <NativeSelect id={ids.channel} name="channel" defaultValue="phone" className="w-48">
                <option value="phone">Phone call</option>
                <option value="email">Email</option>
                <option value="sms">Text message</option>
              </NativeSelect>
            </FormField>
            <FormField label="The question" htmlFor={ids.body} error={errors.body}>
              <Textarea
                id={ids.body}
                name="body"
                rows={5}
                maxLength={INQUIRY_TEXT_MAX}
                required
                aria-invalid={errors.body ? true : undefined}
                aria-describedby={fieldDescribedBy(ids.body, { error: errors.body })}
              />
            </FormField>
            <DialogFooter>
              <Button type="submit" disabled={isPending}>
                Log inquiry
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
