import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inquiries, type Channel, type Inquiry, type Message } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { UserFacingError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { automaticChannel } from "@/lib/notifications/milestones";
import { loadNoticeFacts } from "@/lib/notifications/notice-facts";
import { sendNotice } from "@/lib/notifications/send-notice";
import { applyClockEvent } from "@/lib/sla/clocks";
import { lockInquiry, recordInquiryEvent } from "./inquiry-events";

// Working a customer inquiry (SOP 002 §4.3): answer (the first answer meets inquiry_ack), wait on the customer (the
// clock pauses while the ball is in their court), the customer replied (it runs again), resolve. Each step locks
// the inquiry row, refuses a move its status does not allow, and commits its status, clock event, notice and order
// event together.

type Step = { inquiryId: string; actor: Actor; at?: Date };

function resolvedRefusal(inquiry: Inquiry, doing: string): UserFacingError {
  return new UserFacingError(
    `This inquiry was resolved${inquiry.resolvedAt ? ` at ${formatDateTime(inquiry.resolvedAt, "UTC")}` : ""}, so it cannot be ${doing}. Log a new inquiry if the customer has another question.`,
  );
}

async function lockExisting(tx: Db, inquiryId: string): Promise<Inquiry> {
  const inquiry = await lockInquiry(tx, inquiryId);
  if (!inquiry) throw new UserFacingError("This inquiry does not exist.");
  return inquiry;
}

async function setStatus(tx: Db, inquiry: Inquiry, set: Partial<Pick<Inquiry, "status" | "resolvedAt">>): Promise<Inquiry> {
  const [updated] = await tx.update(inquiries).set(set).where(eq(inquiries.id, inquiry.id)).returning();
  return updated!;
}

export type AnswerInquiryInput = Step & {
  answer: string;
  /** Default: the customer's preferred channel that can reach them (phone falls back, as for automatic notices). */
  channel?: Channel;
  /** Quote the customer's question above the answer (default true). */
  quoteQuestion?: boolean;
};

/**
 * Sends the inquiry_response notice about this inquiry. recordNotice, in the same transaction, meets its inquiry_ack
 * clock, marks it answered, dates the first response and writes the order event — the same as when the order page's
 * composer sends the answer. "Phone" records a call that reached the customer, with the answer as its notes.
 */
export async function answerInquiry(db: Db, input: AnswerInquiryInput): Promise<{ inquiry: Inquiry; message: Message }> {
  const at = input.at ?? new Date();
  const answer = input.answer.trim();
  if (!answer) throw new UserFacingError("Write the answer the customer will read.");
  return db.transaction(async (tx) => {
    const inquiry = await lockExisting(tx, input.inquiryId);
    if (inquiry.status === "resolved") throw resolvedRefusal(inquiry, "answered");
    const facts = await loadNoticeFacts(tx, { orderId: inquiry.orderId, customerId: inquiry.customerId });
    const channel = input.channel ?? automaticChannel(facts);
    if (!channel) throw new UserFacingError("No email, SMS or portal reaches this customer: call them and record the answer as a phone call.");
    // Answering ends the wait: the paused clock resumes first, so its deadline moves by the pause and meeting it
    // judges lateness on the time that counted (meeting a paused clock directly would compare with the old deadline).
    if (inquiry.status === "waiting_customer") {
      await applyClockEvent(tx, { orderId: inquiry.orderId, event: { type: "inquiry_resumed", inquiryId: inquiry.id }, at });
    }
    const { message } = await sendNotice(tx, {
      orderId: inquiry.orderId,
      customerId: inquiry.customerId,
      template: "inquiry_response",
      channel,
      fields: { question: input.quoteQuestion === false ? "" : inquiry.body, answer },
      call: channel === "phone" ? { outcome: "reached", notes: answer } : undefined,
      subjectId: inquiry.id,
      actor: input.actor,
      at,
      facts,
    });
    const [answered] = await tx.select().from(inquiries).where(eq(inquiries.id, inquiry.id));
    return { inquiry: answered!, message };
  });
}

/** We need something from the customer (a photo, a reference): their time does not count against inquiry_ack. */
export async function waitOnCustomer(db: Db, input: Step & { note?: string | null }): Promise<Inquiry> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const inquiry = await lockExisting(tx, input.inquiryId);
    if (inquiry.status === "resolved") throw resolvedRefusal(inquiry, "put on hold for the customer");
    if (inquiry.status === "waiting_customer") throw new UserFacingError("This inquiry is already waiting on the customer. Nothing was changed.");
    const updated = await setStatus(tx, inquiry, { status: "waiting_customer" });
    // Pauses inquiry_ack if it is still running; once answered the clock is met and only the status says "waiting".
    await applyClockEvent(tx, { orderId: inquiry.orderId, event: { type: "inquiry_waiting", inquiryId: inquiry.id }, at });
    await recordInquiryEvent(tx, inquiry, { type: "inquiry_waiting", to: "waiting_customer", actor: input.actor, at, reason: input.note?.trim() || null });
    return updated;
  });
}

/** The customer replied: the inquiry is ours again, and a paused clock runs on with its deadline moved by the pause. */
export async function resumeInquiry(db: Db, input: Step & { note?: string | null }): Promise<Inquiry> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const inquiry = await lockExisting(tx, input.inquiryId);
    if (inquiry.status === "resolved") throw resolvedRefusal(inquiry, "reopened");
    if (inquiry.status !== "waiting_customer") throw new UserFacingError("This inquiry is not waiting on the customer. Nothing was changed.");
    const updated = await setStatus(tx, inquiry, { status: "open" });
    await applyClockEvent(tx, { orderId: inquiry.orderId, event: { type: "inquiry_resumed", inquiryId: inquiry.id }, at });
    await recordInquiryEvent(tx, inquiry, { type: "inquiry_resumed", to: "open", actor: input.actor, at, reason: input.note?.trim() || null });
    return updated;
  });
}

/**
 * Closes the inquiry. Only an inquiry the customer has had an answer to: resolving cannot stand in for the answer
 * SOP 002 §4.3 owes them, so its clock is never closed here — an answer given on a call is recorded as a phone
 * answer first (which also keeps what was said in the communication log).
 */
export async function resolveInquiry(db: Db, input: Step & { resolution?: string | null }): Promise<Inquiry> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const inquiry = await lockExisting(tx, input.inquiryId);
    if (inquiry.status === "resolved") throw resolvedRefusal(inquiry, "resolved again");
    if (!inquiry.firstResponseAt) {
      throw new UserFacingError("Answer the customer before resolving. If you answered on a call, record the answer with the channel Phone.");
    }
    const updated = await setStatus(tx, inquiry, { status: "resolved", resolvedAt: at });
    await recordInquiryEvent(tx, inquiry, { type: "inquiry_resolved", to: "resolved", actor: input.actor, at, reason: input.resolution?.trim() || null });
    return updated;
  });
}
