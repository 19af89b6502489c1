"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { channels, templates, type CallOutcome, type Channel, type TemplateName } from "@/db/schema";
import type { ComposerSetup } from "@/lib/notifications/composer-setup";
import { channelLabels, humanize } from "@/lib/format";
import { dateTimeFormat } from "@/lib/intl-cache";
import { clockDueLabels } from "@/lib/sla/clock-labels";
import { sendNoticeAction } from "./notice-actions";
import { CallOutcomeFields, NoticeFields } from "./notice-fields";
import { NoticePreview, type PreviewTab } from "./notice-preview";
import { useNoticePreview } from "./use-notice-preview";

type Props = { orderId: string; setup: ComposerSetup };

const previewTabOf: Record<Channel, PreviewTab> = { email: "email", sms: "sms", phone: "call", portal: "email" };

// Crypto's UUID needs a secure context (https or localhost); without one the send simply carries no request key.
const newRequestId = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : undefined);

/** "08:00 customer time (Wed 25 Nov, 08:00 America/New_York)": when a held SMS will go out, in the customer's zone. */
function sendAfterNote(iso: string, timeZone: string): string {
  const at = new Date(iso);
  const time = dateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  const full = dateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return `Will go out at ${time} customer time (${full} ${timeZone}).`;
}

export function NoticeComposer({ orderId, setup }: Props) {
  const router = useRouter();
  const initialTemplate = setup.suggested?.template ?? templates[0];
  const [open, setOpen] = useState(false);
  const [template, setTemplate] = useState<TemplateName>(initialTemplate);
  const [channel, setChannel] = useState<Channel>(setup.preferredChannel);
  const [values, setValues] = useState<Record<string, string>>(setup.defaults[initialTemplate]);
  const [urgent, setUrgent] = useState(false);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [notes, setNotes] = useState("");
  const [tab, setTab] = useState<PreviewTab>(previewTabOf[setup.preferredChannel]);
  const [requestId, setRequestId] = useState<string | undefined>(undefined);
  const [serverError, setServerError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [isPending, startTransition] = useTransition();

  const fields = setup.fields[template];
  const fieldValues = Object.fromEntries(fields.map((f) => [f.name, values[f.name] ?? ""]));
  const { preview, current, error: previewError, isFetching } = useNoticePreview(
    { orderId, template, channel, fields: fieldValues, urgent: channel === "sms" && urgent },
    open,
  );
  // Required and empty is known at once; the server's list also catches values it cannot use (a bad date).
  const missing = new Map<string, string>(fields.filter((f) => f.required && !fieldValues[f.name]?.trim()).map((f) => [f.name, f.label]));
  if (current && preview) for (const m of preview.missing) missing.set(m.name, m.label);
  const problem = setup.channelProblems[channel];
  const needsOutcome = channel === "phone" && !outcome;
  const canSend = current && missing.size === 0 && !problem && !needsOutcome && !isPending;

  function start() {
    // Each opening starts from the order as it is now (the page may have refreshed since).
    const t = setup.suggested?.template ?? template;
    setTemplate(t);
    setValues(setup.defaults[t]);
    setChannel(setup.preferredChannel);
    setTab(previewTabOf[setup.preferredChannel]);
    setUrgent(false);
    setOutcome(null);
    setNotes("");
    setServerError(null);
    setFieldErrors({});
    setRequestId(newRequestId());
    setOpen(true);
  }

  function chooseTemplate(next: TemplateName) {
    setTemplate(next);
    setValues(setup.defaults[next]);
    setFieldErrors({});
  }

  function chooseChannel(next: Channel) {
    setChannel(next);
    setTab(previewTabOf[next]);
  }

  function send() {
    setServerError(null);
    startTransition(async () => {
      const result = await sendNoticeAction({
        orderId,
        template,
        channel,
        fields: fieldValues,
        urgent: channel === "sms" && urgent,
        callOutcome: channel === "phone" ? (outcome ?? undefined) : undefined,
        callNotes: channel === "phone" ? notes : undefined,
        requestId,
      });
      if (result.ok) {
        setOpen(false);
        const held = channel === "sms" && Date.parse(result.data.sendAfter) > Date.now() ? sendAfterNote(result.data.sendAfter, setup.customerTimeZone) : undefined;
        toast({ title: channel === "phone" ? "Call logged" : "Notice sent", description: held, variant: "success" });
        router.refresh();
      } else {
        setServerError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  }

  const suggestedHint = setup.suggested
    ? `Suggested — meets ${setup.suggested.clockKind ? `“${clockDueLabels[setup.suggested.clockKind]}”` : "the most urgent open clock"}`
    : undefined;

  return (
    <>
      <Button variant="outline" onClick={start}>
        Notify customer…
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="sm:max-w-5xl">
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (canSend) send();
            }}
          >
            <DialogHeader>
              <DialogTitle>Notify the customer</DialogTitle>
              <DialogDescription>Prefilled from the order. Edit the free parts; the preview is exactly what the customer will get.</DialogDescription>
            </DialogHeader>
            <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
              <div className="grid content-start gap-4">
                <FormField label="Template" htmlFor="notice-template" hint={template === setup.suggested?.template ? suggestedHint : undefined}>
                  <NativeSelect id="notice-template" value={template} onChange={(e) => chooseTemplate(e.target.value as TemplateName)} aria-describedby={template === setup.suggested?.template ? "notice-template-hint" : undefined}>
                    {templates.map((t) => (
                      <option key={t} value={t}>
                        {humanize(t)}
                        {t === setup.suggested?.template ? " (suggested)" : ""}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
                <FormField label="Channel" htmlFor="notice-channel" error={problem ?? undefined}>
                  <NativeSelect id="notice-channel" value={channel} onChange={(e) => chooseChannel(e.target.value as Channel)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? "notice-channel-error" : undefined}>
                    {channels.map((c) => (
                      <option key={c} value={c}>
                        {channelLabels[c]}
                        {c === setup.preferredChannel ? " (preferred)" : ""}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
                <NoticeFields fields={fields} values={values} missing={new Set(missing.keys())} errors={fieldErrors} onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))} />
                {channel === "sms" ? (
                  <div className="grid gap-1 text-sm">
                    <label className="flex items-center gap-2">
                      <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} className="size-4 accent-primary" />
                      Urgent — send now even in quiet hours
                    </label>
                    <p className="text-muted-foreground" data-testid="sms-send-time" aria-live="polite">
                      {current && preview ? (preview.sendAfter ? sendAfterNote(preview.sendAfter, setup.customerTimeZone) : "Goes out now.") : "\u00a0"}
                    </p>
                  </div>
                ) : null}
                {channel === "phone" ? <CallOutcomeFields outcome={outcome} notes={notes} errors={fieldErrors} onOutcome={setOutcome} onNotes={setNotes} /> : null}
              </div>
              <NoticePreview preview={preview} tab={tab} onTabChange={setTab} isFetching={isFetching} error={previewError} />
            </div>
            {missing.size > 0 ? (
              <p className="text-sm font-medium text-destructive" data-testid="notice-missing">
                Missing: {[...missing.values()].join(", ")}
              </p>
            ) : null}
            {serverError ? (
              <p role="alert" className="text-sm font-medium text-destructive">
                {serverError}
              </p>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={!canSend}>
                {channel === "phone" ? "Log call" : "Send notice"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
