import type { CustomerQuestion } from "@/lib/tracking-page/customer-questions";
import type { TrackingView } from "@/lib/tracking-page/load-tracking-view";

// What the customer reads: plain server-rendered sections, one heading each (screen readers jump by heading).

export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="space-y-3 rounded-lg border bg-card p-4 shadow-xs">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function DeliverySummary({ view }: { view: TrackingView }) {
  const expected = view.revisedDate ?? view.promisedDate;
  const arrived = view.status === "delivered" || view.status === "closed";
  return (
    <section aria-labelledby="summary-heading" className="space-y-2">
      <p className="text-sm text-muted-foreground">
        Hi {view.firstName} · Order {view.number}
      </p>
      <h1 id="summary-heading" className="text-2xl font-semibold" data-testid="tracking-status">
        {view.statusLabel}
      </h1>
      {view.holdExplanation ? <p>{view.holdExplanation}</p> : null}
      {view.deliveredAt ? (
        <p className="text-base" data-testid="tracking-delivered-at">
          Delivered <strong>{view.deliveredAt}</strong>
        </p>
      ) : null}
      {!arrived && view.status !== "cancelled" && expected ? (
        <p className="text-base">
          Expected delivery: <strong>{expected}</strong>
          {view.revisedDate && view.promisedDate && view.revisedDate !== view.promisedDate ? (
            <span className="text-muted-foreground"> (first promised {view.promisedDate})</span>
          ) : null}
        </p>
      ) : null}
      {view.delays.map((delay, i) => (
        <div key={i} className="rounded-md border border-warning/50 bg-warning/10 p-3 text-sm" data-testid="tracking-delay">
          <p className="font-medium">{delay.label}</p>
          <p>{delay.explanation}</p>
          {delay.revisedDate ? <p>New expected delivery: {delay.revisedDate}</p> : null}
        </div>
      ))}
      {view.travelsBy ? (
        <p className="text-sm" data-testid="tracking-travels-by">
          On its way {view.travelsBy}. There is no tracking number for this delivery; this page shows each step.
        </p>
      ) : null}
      {view.shipment ? (
        <p className="text-sm">
          {view.shipment.carrier} · tracking number <span className="font-mono">{view.shipment.trackingNumber}</span>
          {view.shipment.link ? (
            <>
              {" · "}
              <a href={view.shipment.link} target="_blank" rel="noreferrer noopener" className="font-medium text-primary underline underline-offset-4">
                Track with {view.shipment.carrier}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

export function StatusTimeline({ view }: { view: TrackingView }) {
  return (
    <Section id="progress" title="Progress">
      <ol className="space-y-3" data-testid="tracking-timeline">
        {view.steps.map((step) => (
          <li key={step.status} className="flex gap-3" aria-current={step.state === "current" ? "step" : undefined}>
            <span
              aria-hidden="true"
              className={
                step.state === "upcoming"
                  ? "mt-1.5 size-3 shrink-0 rounded-full border-2 border-muted-foreground/40"
                  : "mt-1.5 size-3 shrink-0 rounded-full bg-primary"
              }
            />
            <div className={step.state === "upcoming" ? "text-muted-foreground" : undefined}>
              <p className={step.state === "current" ? "font-semibold" : undefined}>{step.label}</p>
              <p className="text-sm text-muted-foreground">{step.at ?? (step.state === "upcoming" ? "Not yet" : "Done")}</p>
            </div>
          </li>
        ))}
      </ol>
    </Section>
  );
}

export function WhatYouOrdered({ view }: { view: TrackingView }) {
  return (
    <Section id="items" title="Your order">
      <p className="text-sm">
        Delivering to <span data-testid="tracking-destination">{`${view.destination.city}, ${view.destination.country}`}</span>
      </p>
      <ul className="divide-y text-sm">
        {view.items.map((item) => (
          <li key={item.sku} className="flex justify-between gap-3 py-2">
            <span>{item.name}</span>
            <span className="shrink-0 text-muted-foreground">× {item.quantity}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function MessagesSection({ view }: { view: TrackingView }) {
  return (
    <Section id="messages" title="Messages from us">
      {view.notifications.length === 0 ? (
        <p className="text-sm text-muted-foreground">No messages yet.</p>
      ) : (
        <ul className="space-y-3" data-testid="tracking-messages">
          {view.notifications.map((message, i) => (
            // Texts carry the long tracking-page link: let it wrap rather than widen a phone screen.
            <li key={i} className="text-sm [overflow-wrap:anywhere]">
              <p className="font-medium">{message.title}</p>
              {message.body ? <p className="whitespace-pre-wrap">{message.body}</p> : null}
              <p className="text-xs text-muted-foreground">
                {message.channel} · {message.at}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function RequestsSection({ view }: { view: TrackingView }) {
  if (view.requests.length === 0) return null;
  return (
    <Section id="requests" title="Your requests">
      <ul className="space-y-3" data-testid="tracking-requests">
        {view.requests.map((request, i) => (
          <li key={i} className="text-sm">
            <p className="font-medium">
              {request.kind}: {request.status}
            </p>
            {request.reason ? <p>{request.reason}</p> : null}
            <p className="text-xs text-muted-foreground">Asked {request.at}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

const questionTone: Record<CustomerQuestion["state"], string> = {
  waiting: "border-warning/50 bg-warning/10",
  answered: "border-success/40 bg-success/10",
  waiting_customer: "border-primary/40 bg-primary/10",
  closed: "bg-muted",
};

/** The customer's questions from this page, newest first: what they asked, when, where it stands, our answers. */
export function QuestionList({ questions }: { questions: CustomerQuestion[] }) {
  if (questions.length === 0) return null;
  return (
    <div className="space-y-2">
      <h3 className="text-base font-semibold">Your questions</h3>
      <ol className="space-y-3" data-testid="tracking-questions">
        {questions.map((question, i) => (
          <li key={i} className="space-y-2 rounded-md border p-3 text-sm [overflow-wrap:anywhere]" data-question-state={question.state}>
            <p className="text-xs text-muted-foreground">
              Your question, sent {question.askedAt}
              {question.state === "waiting" ? ` — we answer within ${question.answerWithin}` : ""}
            </p>
            <p className="whitespace-pre-wrap">{question.body}</p>
            <p className="text-xs font-medium">
              <span className={`inline-block rounded-full border px-2 py-0.5 ${questionTone[question.state]}`}>{question.stateLabel}</span>
            </p>
            {question.answers.map((answer, j) => (
              <div key={j} className="space-y-1 border-l-2 border-primary/50 pl-3" data-testid="tracking-answer">
                <p className="font-medium">Our answer</p>
                <p className="whitespace-pre-wrap">{answer.text}</p>
                <p className="text-xs text-muted-foreground">
                  {answer.channel} · {answer.at}
                </p>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
