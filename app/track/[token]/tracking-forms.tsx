import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { COMMENT_MAX } from "@/lib/feedback/feedback-schema";
import type { CustomerQuestion } from "@/lib/tracking-page/customer-questions";
import type { TrackingView } from "@/lib/tracking-page/load-tracking-view";
import { deliveryDateRange, ITEMS_NOTE_MAX, QUESTION_MAX, REASON_MAX } from "@/lib/tracking-page/tracking-schemas";
import { askQuestion, rateDelivery, requestChange } from "./actions";
import { QuestionList, Section } from "./tracking-sections";

// Plain HTML forms posting to server actions: they work before (or without) JavaScript, and the browser's own
// checks (required, lengths, date range) catch most mistakes before the server does. Each carries the token.

const labelClass = "text-sm font-medium";

function TokenField({ token }: { token: string }) {
  return <input type="hidden" name="token" value={token} />;
}

// The questions already asked sit above the form: sending one lands the customer back here, where it shows.
export function QuestionForm({ token, questions }: { token: string; questions: CustomerQuestion[] }) {
  return (
    <Section id="question" title="Ask a question">
      <QuestionList questions={questions} />
      <form action={askQuestion} className="space-y-3">
        <TokenField token={token} />
        <label htmlFor="question-body" className={labelClass}>
          Your question
        </label>
        <Textarea id="question-body" name="body" required maxLength={QUESTION_MAX} rows={4} />
        <Button type="submit">Send question</Button>
      </form>
    </Section>
  );
}

const ratingWords = ["Very poor", "Poor", "OK", "Good", "Excellent"];

export function RatingForm({ token, feedback }: { token: string; feedback: TrackingView["feedback"] }) {
  return (
    <Section id="feedback" title="Rate your delivery">
      {feedback ? (
        <p className="text-sm text-muted-foreground" data-testid="tracking-feedback">
          You rated it {feedback.rating} of 5 on {feedback.at}. You can change your rating below.
        </p>
      ) : null}
      <form action={rateDelivery} className="space-y-3">
        <TokenField token={token} />
        <fieldset className="space-y-2">
          <legend className={labelClass}>How was your delivery?</legend>
          <div className="flex flex-wrap gap-2">
            {ratingWords.map((word, i) => (
              <label key={word} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border px-3 has-[:checked]:border-primary has-[:checked]:bg-primary/10">
                <input type="radio" name="rating" value={i + 1} required defaultChecked={feedback?.rating === i + 1} />
                <span>
                  {i + 1} — {word}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor="feedback-comment" className={labelClass}>
          Comment (optional)
        </label>
        <Textarea id="feedback-comment" name="comment" maxLength={COMMENT_MAX} rows={3} defaultValue={feedback?.comment ?? ""} />
        <Button type="submit">{feedback ? "Update rating" : "Send rating"}</Button>
      </form>
    </Section>
  );
}

const addressInputs = [
  { key: "name", label: "Recipient name", autoComplete: "shipping name", required: true, maxLength: 200 },
  { key: "line1", label: "Street and number", autoComplete: "shipping address-line1", required: true, maxLength: 200 },
  { key: "line2", label: "Apartment, suite (optional)", autoComplete: "shipping address-line2", required: false, maxLength: 200 },
  { key: "city", label: "City", autoComplete: "shipping address-level2", required: true, maxLength: 100 },
  { key: "region", label: "State or region (optional)", autoComplete: "shipping address-level1", required: false, maxLength: 100 },
  { key: "postalCode", label: "Postal code", autoComplete: "shipping postal-code", required: true, maxLength: 20 },
  { key: "country", label: "Country code (two letters, e.g. US)", autoComplete: "shipping country", required: true, maxLength: 2 },
] as const;

function KindForm({ token, kind, label, children, submit }: { token: string; kind: string; label: string; children: React.ReactNode; submit: string }) {
  // <details> opens and closes without JavaScript, so each kind keeps its own fields and its own required checks.
  return (
    <details className="rounded-md border p-3">
      <summary className="cursor-pointer font-medium">{label}</summary>
      <form action={requestChange} className="mt-3 space-y-3">
        <TokenField token={token} />
        <input type="hidden" name="kind" value={kind} />
        {children}
        <Button type="submit">{submit}</Button>
      </form>
    </details>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

export function ChangeRequestForms({ token, view }: { token: string; view: TrackingView }) {
  const allowed = view.requestOptions.filter((o) => !o.refusal);
  const refused = view.requestOptions.filter((o) => o.refusal);
  const dates = deliveryDateRange(view.timeZone, new Date());
  const forms: Record<string, React.ReactNode> = {
    change_address: addressInputs.map((f) => (
      <Field key={f.key} id={`address-${f.key}`} label={f.label}>
        <Input id={`address-${f.key}`} name={`address.${f.key}`} autoComplete={f.autoComplete} required={f.required} maxLength={f.maxLength} />
      </Field>
    )),
    change_delivery_date: (
      <Field id="delivery-date" label="New delivery date">
        <Input id="delivery-date" name="deliveryDate" type="date" required min={dates.min} max={dates.max} />
      </Field>
    ),
    change_items: (
      <>
        {view.items.map((item, i) => (
          <Field key={item.sku} id={`quantity-${i}`} label={`${item.name} — quantity (0 to remove)`}>
            <Input id={`quantity-${i}`} name={`quantity.${item.sku}`} type="number" inputMode="numeric" min={0} max={1000} defaultValue={item.quantity} />
          </Field>
        ))}
        <Field id="items-note" label="Anything else to change (e.g. another size or colour)">
          <Textarea id="items-note" name="itemsNote" maxLength={ITEMS_NOTE_MAX} rows={2} />
        </Field>
      </>
    ),
    cancel: (
      <Field id="cancel-reason" label="Why do you want to cancel? (optional)">
        <Textarea id="cancel-reason" name="reason" maxLength={REASON_MAX} rows={2} />
      </Field>
    ),
  };
  return (
    <Section id="request" title="Change or cancel your order">
      {allowed.length > 0 ? (
        <div className="space-y-2">
          {allowed.map((option) => (
            <KindForm key={option.kind} token={token} kind={option.kind} label={option.label} submit="Send request">
              {forms[option.kind]}
            </KindForm>
          ))}
        </div>
      ) : (
        <p className="text-sm">No changes can be requested for this order any more.</p>
      )}
      {refused.length > 0 ? (
        <ul className="space-y-1 text-sm text-muted-foreground" data-testid="tracking-refusals">
          {refused.map((option) => (
            <li key={option.kind}>
              <span className="font-medium">{option.label}:</span> {option.refusal}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
