"use client";

import { useRef, type FormEvent } from "react";
import { acknowledgeEscalationAction, commentOnEscalationAction, reassignEscalationAction, resolveEscalationAction } from "@/app/(app)/escalations/actions";
import { useAction } from "@/components/actions/use-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldDescribedBy } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import type { Escalation } from "@/db/schema";
import { COMMENT_MAX, NOTE_MAX } from "@/lib/escalations/escalation-schemas";

type Props = {
  escalationId: string;
  status: Escalation["status"];
  assigneeId: string | null;
  supervisors: { id: string; name: string }[];
};

const OUTCOME_HINT = "What was done, and what the customer was told. Required to resolve.";

function Refusal({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      {message}
    </p>
  );
}

/** A supervisor's decisions on one escalation. Each refreshes the page; a refusal (someone else decided first) stays beside the form. */
export function EscalationWork({ escalationId, status, assigneeId, supervisors }: Props) {
  const acknowledge = useAction();
  const assign = useAction();
  const resolve = useAction();
  const resolveForm = useRef<HTMLFormElement>(null);
  const others = supervisors.filter((s) => s.id !== assigneeId);
  if (status === "resolved") return null;

  function onAssign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const assignee = String(new FormData(event.currentTarget).get("assigneeId") ?? "");
    const name = supervisors.find((s) => s.id === assignee)?.name ?? "the supervisor";
    assign.run(() => reassignEscalationAction({ escalationId, assigneeId: assignee }), `Assigned to ${name}`);
  }

  function onResolve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = String(new FormData(event.currentTarget).get("outcome") ?? "");
    resolve.run(() => resolveEscalationAction({ escalationId, outcome }), "Escalation resolved", () => resolveForm.current?.reset());
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Respond</CardTitle>
        <CardDescription>
          {status === "open"
            ? "Acknowledging answers the 4-business-hour response clock and, if nobody has it, assigns it to you."
            : "Acknowledged. Assign it to another supervisor, or resolve it with the outcome."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        {status === "open" ? (
          <div className="space-y-2">
            <Refusal message={acknowledge.refusal} />
            <Button type="button" disabled={acknowledge.isPending} onClick={() => acknowledge.run(() => acknowledgeEscalationAction({ escalationId }), "Escalation acknowledged")}>
              {acknowledge.isPending ? <Spinner label="Acknowledging…" /> : null}
              Acknowledge
            </Button>
          </div>
        ) : null}
        <form onSubmit={onAssign} className="space-y-2" noValidate aria-busy={assign.isPending || undefined}>
          <Refusal message={assign.refusal} />
          {others.length === 0 ? (
            <p className="text-sm text-muted-foreground">No other active supervisor to assign it to.</p>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <FormField label="Assign to" htmlFor="escalation-assignee" error={assign.errors.assigneeId}>
                <NativeSelect
                  id="escalation-assignee"
                  name="assigneeId"
                  defaultValue={others[0]!.id}
                  aria-describedby={fieldDescribedBy("escalation-assignee", { error: assign.errors.assigneeId })}
                >
                  {others.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <Button type="submit" variant="outline" disabled={assign.isPending}>
                {assign.isPending ? <Spinner label="Assigning…" /> : null}
                Assign
              </Button>
            </div>
          )}
        </form>
        <form ref={resolveForm} onSubmit={onResolve} className="space-y-2" noValidate aria-busy={resolve.isPending || undefined}>
          <Refusal message={resolve.refusal} />
          <FormField label="Outcome" htmlFor="escalation-outcome" error={resolve.errors.outcome} hint={OUTCOME_HINT}>
            <Textarea
              id="escalation-outcome"
              name="outcome"
              rows={3}
              maxLength={NOTE_MAX}
              required
              aria-invalid={resolve.errors.outcome ? true : undefined}
              aria-describedby={fieldDescribedBy("escalation-outcome", { error: resolve.errors.outcome, hint: OUTCOME_HINT })}
            />
          </FormField>
          <Button type="submit" disabled={resolve.isPending}>
            {resolve.isPending ? <Spinner label="Resolving…" /> : null}
            Resolve
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

/** A comment is not a decision: it is taken on a resolved escalation too. */
export function CommentForm({ escalationId }: { escalationId: string }) {
  const comment = useAction();
  const form = useRef<HTMLFormElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = String(new FormData(event.currentTarget).get("body") ?? "");
    comment.run(() => commentOnEscalationAction({ escalationId, body }), "Comment added", () => form.current?.reset());
  }

  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-2" noValidate aria-busy={comment.isPending || undefined}>
      <Refusal message={comment.refusal} />
      <FormField label="Add a comment" htmlFor="escalation-comment" error={comment.errors.body}>
        <Textarea
          id="escalation-comment"
          name="body"
          rows={2}
          maxLength={COMMENT_MAX}
          aria-invalid={comment.errors.body ? true : undefined}
          aria-describedby={fieldDescribedBy("escalation-comment", { error: comment.errors.body })}
        />
      </FormField>
      <Button type="submit" variant="outline" disabled={comment.isPending}>
        {comment.isPending ? <Spinner label="Adding…" /> : null}
        Comment
      </Button>
    </form>
  );
}
