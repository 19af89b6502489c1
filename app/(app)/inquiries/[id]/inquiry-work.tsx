"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { Channel } from "@/db/schema/enums";
import { INQUIRY_NOTE_MAX, INQUIRY_TEXT_MAX, type InquiryStatus } from "@/lib/inquiries/inquiry-schemas";
import { answerInquiryAction, resolveInquiryAction, resumeInquiryAction, waitOnCustomerAction } from "../actions";
import { useAction } from "@/components/actions/use-action";

export type ChannelOption = { value: Channel; label: string; problem: string | null };

type Props = {
  inquiryId: string;
  status: InquiryStatus;
  answered: boolean;
  channels: ChannelOption[];
  defaultChannel: Channel | null;
};

const RESOLVE_HINT = "Answer the customer first — if you told them on a call, send the answer by Phone.";
const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** The rep's moves on an open inquiry: answer, wait on the customer, the customer replied, resolve. */
export function InquiryWork({ inquiryId, status, answered, channels, defaultChannel }: Props) {
  const [answerKey, setAnswerKey] = useState(0);
  const answer = useAction<void>(() => setAnswerKey((k) => k + 1));
  const step = useAction<void>(() => undefined);
  const ids = { answer: "inquiry-answer", channel: "inquiry-channel", quote: "inquiry-quote", note: "inquiry-wait-note", resolution: "inquiry-resolution" };

  function onAnswer(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { inquiryId, answer: text(form, "answer"), channel: text(form, "channel"), quoteQuestion: form.get("quoteQuestion") === "on" };
    answer.run(() => answerInquiryAction(input as Parameters<typeof answerInquiryAction>[0]), input.channel === "phone" ? "Answer recorded" : "Answer sent");
  }
  function onWait(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = text(new FormData(event.currentTarget), "note");
    step.run(() => waitOnCustomerAction({ inquiryId, note }), "Waiting on the customer — the reply clock is paused");
  }
  function onResolve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const resolution = text(new FormData(event.currentTarget), "resolution");
    step.run(() => resolveInquiryAction({ inquiryId, resolution }), "Inquiry resolved");
  }

  const pending = answer.isPending || step.isPending;
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Answer</CardTitle>
        </CardHeader>
        <CardContent>
          <form key={answerKey} onSubmit={onAnswer} className="space-y-3" noValidate aria-label="Answer the customer">
            <FormField label="Answer" htmlFor={ids.answer} error={answer.errors.answer}>
              <Textarea
                id={ids.answer}
                name="answer"
                rows={5}
                maxLength={INQUIRY_TEXT_MAX}
                required
                aria-invalid={answer.errors.answer ? true : undefined}
                aria-describedby={fieldDescribedBy(ids.answer, { error: answer.errors.answer })}
              />
            </FormField>
            <div className="flex flex-wrap items-end gap-4">
              <FormField label="Send by" htmlFor={ids.channel} error={answer.errors.channel}>
                <NativeSelect id={ids.channel} name="channel" defaultValue={defaultChannel ?? "phone"} className="w-72">
                  {channels.map((c) => (
                    <option key={c.value} value={c.value} disabled={c.problem !== null}>
                      {c.label}
                      {c.problem ? ` — ${c.problem}` : ""}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <label htmlFor={ids.quote} className="flex items-center gap-2 pb-2 text-sm">
                <input id={ids.quote} type="checkbox" name="quoteQuestion" defaultChecked className="size-4 accent-primary" />
                Quote their question above the answer
              </label>
            </div>
            <Button type="submit" disabled={pending}>
              Send answer
            </Button>
          </form>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Status</CardTitle>
        </CardHeader>
        <CardContent className="space-y-5">
          {status === "waiting_customer" ? (
            <div className="space-y-2">
              <p className="text-sm text-muted-foreground">The reply clock is paused until the customer answers.</p>
              <Button type="button" variant="outline" disabled={pending} onClick={() => step.run(() => resumeInquiryAction({ inquiryId }), "The customer replied — the clock runs again")}>
                Customer replied
              </Button>
            </div>
          ) : (
            <form onSubmit={onWait} className="space-y-2" noValidate aria-label="Wait on the customer">
              <FormField label="What we need from the customer (optional)" htmlFor={ids.note} error={step.errors.note}>
                <Input id={ids.note} name="note" maxLength={INQUIRY_NOTE_MAX} />
              </FormField>
              <Button type="submit" variant="outline" disabled={pending}>
                Waiting on customer
              </Button>
            </form>
          )}
          <form onSubmit={onResolve} className="space-y-2 border-t pt-4" noValidate aria-label="Resolve the inquiry">
            <FormField
              label="Resolution (optional)"
              htmlFor={ids.resolution}
              error={step.errors.resolution}
              hint={answered ? undefined : RESOLVE_HINT}
            >
              <Input
                id={ids.resolution}
                name="resolution"
                maxLength={INQUIRY_NOTE_MAX}
                aria-describedby={fieldDescribedBy(ids.resolution, { error: step.errors.resolution, hint: answered ? null : RESOLVE_HINT })}
              />
            </FormField>
            <Button type="submit" disabled={pending || !answered}>
              Resolve
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
