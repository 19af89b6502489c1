import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inquiries, slaClocks, type Customer, type Message, type Order } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { readSettings } from "@/lib/settings/read-settings";
import { answerWithinWords, callOutcomeLabels, channelWords, questionStateLabels, type QuestionState } from "./customer-wording";

// The questions a customer asked on their tracking page, shown back to them with our answers. Only questions they
// asked here themselves: one a rep logged from a call is the rep's wording, and may hold what the rep noted down.

type QuestionRow = { id: string; body: string; status: (typeof inquiries.$inferSelect)["status"]; createdAt: Date };
type Allowance = { seconds: number; timeBase: "business" | "calendar" };
export type QuestionRows = { questions: QuestionRow[]; allowances: Map<string, Allowance>; answeredBy: Map<string, string> };

/** The order's page-asked questions (newest first) with each one's reply clock: its allowance and the message that met it. */
export async function loadQuestionRows(db: Db, order: Pick<Order, "id">, customer: Pick<Customer, "id">): Promise<QuestionRows> {
  const questions = await db
    .select({ id: inquiries.id, body: inquiries.body, status: inquiries.status, createdAt: inquiries.createdAt })
    .from(inquiries)
    .where(and(eq(inquiries.orderId, order.id), eq(inquiries.customerId, customer.id), eq(inquiries.channel, "portal"), isNull(inquiries.createdBy)))
    .orderBy(desc(inquiries.seq));
  const allowances = new Map<string, Allowance>();
  const answeredBy = new Map<string, string>();
  if (questions.length === 0) return { questions, allowances, answeredBy };
  const clocks = await db
    .select({ subjectId: slaClocks.subjectId, seconds: slaClocks.allowanceSeconds, timeBase: slaClocks.timeBase, metBy: slaClocks.metByMessageId })
    .from(slaClocks)
    .where(and(eq(slaClocks.kind, "inquiry_ack"), inArray(slaClocks.subjectId, questions.map((q) => q.id))))
    .orderBy(asc(slaClocks.startedAt), asc(slaClocks.id));
  for (const clock of clocks) {
    if (!clock.subjectId) continue;
    if (!allowances.has(clock.subjectId)) allowances.set(clock.subjectId, { seconds: clock.seconds, timeBase: clock.timeBase });
    if (clock.metBy) answeredBy.set(clock.metBy, clock.subjectId);
  }
  // Every question opens its clock as it arrives; the policy in force is the fallback should one ever lack it.
  if (questions.some((q) => !allowances.has(q.id))) {
    const policy = (await readSettings(db)).slaPolicy.inquiry_ack;
    for (const q of questions) if (!allowances.has(q.id)) allowances.set(q.id, policy);
  }
  return { questions, allowances, answeredBy };
}

/** Which question an inquiry_response answers: the one it names (live sends), or the one whose clock it met. */
function answeredQuestion(message: Message, answeredBy: Map<string, string>): string | null {
  if (message.template !== "inquiry_response") return null;
  const subjectId = message.data?.subjectId;
  return typeof subjectId === "string" ? subjectId : (answeredBy.get(message.id) ?? null);
}

/**
 * The answer as the customer received it. A written answer is the text the rep wrote, which the email, text or
 * page message carried word for word (without the greeting and links around it); a call shows how it went, never the
 * rep's notes of it (as in "Messages from us").
 */
function answerText(message: Message): string {
  if (message.channel === "phone") return message.callOutcome ? callOutcomeLabels[message.callOutcome] : "We called you.";
  const data = message.data ?? {};
  const fields = data.fields as Record<string, unknown> | undefined;
  if (typeof fields?.answer === "string" && fields.answer.trim()) return fields.answer;
  if (typeof data.answer === "string" && data.answer.trim()) return data.answer;
  return message.bodyText;
}

/** Reached the customer: a written answer, or a call that got through or left a voicemail. */
function reached(message: Message): boolean {
  return message.channel !== "phone" || message.callOutcome === "reached" || message.callOutcome === "voicemail";
}

/** When a message went out, or that it is on its way (an SMS held for the night says when it goes). */
export function sentWhen(message: Message, timeZone: string): string {
  if (message.status === "queued" || message.status === "sending") {
    return `on its way${message.sendAfter > message.createdAt ? ` at ${formatDateTime(message.sendAfter, timeZone)}` : ""}`;
  }
  return formatDateTime(message.sentAt ?? message.createdAt, timeZone);
}

/**
 * The questions for the page, newest first, each with its state and its answers (oldest first). `sent` is the
 * order's messages the customer may see, newest first, as the page already lists them.
 */
export function customerQuestions(rows: QuestionRows, sent: readonly Message[], timeZone: string) {
  const answers = new Map<string, Message[]>();
  for (const message of [...sent].reverse()) {
    const questionId = answeredQuestion(message, rows.answeredBy);
    if (questionId) answers.set(questionId, [...(answers.get(questionId) ?? []), message]);
  }
  return rows.questions.map((q) => {
    const mine = answers.get(q.id) ?? [];
    const state: QuestionState = mine.some(reached) ? "answered" : q.status === "waiting_customer" ? "waiting_customer" : q.status === "resolved" ? "closed" : "waiting";
    return {
      body: q.body,
      askedAt: formatDateTime(q.createdAt, timeZone),
      state,
      stateLabel: questionStateLabels[state],
      answerWithin: answerWithinWords(rows.allowances.get(q.id)!),
      answers: mine.map((m) => ({ channel: channelWords[m.channel], text: answerText(m), at: sentWhen(m, timeZone) })),
    };
  });
}

export type CustomerQuestion = ReturnType<typeof customerQuestions>[number];
