import { eq, sql } from "drizzle-orm";
import { Resend } from "resend";
import { z } from "zod";
import type { Db } from "@/db/client";
import { messageEvents, messages, webhookReceipts, type Message, type MessageStatus } from "@/db/schema";
import { isSaneInstant } from "@/lib/security/date-schemas";
import { inputShapeProblem, statusOfShapeProblem } from "@/lib/security/input-shape";
import { loneSurrogatePaths, nulPaths } from "@/lib/security/nul-characters";
import { applyClockEvent } from "@/lib/sla/clocks";

// POST /api/webhooks/resend without the HTTP plumbing: Resend's delivery events, Svix-signed. The receipt (deduped
// by svix-id), the message's new status, its history line and, for a bounce or complaint, the "reach the customer"
// clock commit in one transaction, so a redelivered event changes nothing.

export type WebhookAnswer = { status: number; json: Record<string, unknown> };
export type SvixHeaders = { id: string | null; timestamp: string | null; signature: string | null };

const eventSchema = z.object({
  type: z.string().min(1),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().optional(),
      // Resend sends the email's tags back as an object; message_id is ours (lib/delivery/resend-email.ts).
      tags: z.record(z.string(), z.unknown()).optional().catch(undefined),
      bounce: z.object({ message: z.string().optional(), type: z.string().optional(), subType: z.string().optional() }).optional().catch(undefined),
      failed: z.object({ reason: z.string().optional() }).optional().catch(undefined),
    })
    .loose(),
});

type ResendEvent = z.infer<typeof eventSchema>;

/** What each delivery event makes of the message; other events (sent, opened, clicked…) are only recorded. */
const statusByType: Partial<Record<string, MessageStatus>> = {
  "email.delivered": "delivered",
  "email.bounced": "bounced",
  "email.complained": "complained",
  "email.failed": "failed",
  "email.suppressed": "failed",
};
const undeliverable: readonly MessageStatus[] = ["bounced", "complained", "failed"];

// The SDK's verify needs a client, and a client needs a key; verifying touches no API, so any string will do when
// email still goes to the local outbox.
function verifier(apiKey: string | undefined): Resend {
  return new Resend(apiKey || "re_webhook_verification_only");
}

export async function handleResendWebhook(
  db: Db,
  input: { body: string; headers: SvixHeaders; secret: string | null | undefined; apiKey?: string; now?: Date },
): Promise<WebhookAnswer> {
  if (!input.secret) return { status: 503, json: { error: "webhook not configured" } };
  const { id, timestamp, signature } = input.headers;
  if (!id || !timestamp || !signature) return { status: 401, json: { error: "Missing svix-id, svix-timestamp or svix-signature" } };
  try {
    verifier(input.apiKey).webhooks.verify({ payload: input.body, headers: { id, timestamp, signature }, webhookSecret: input.secret });
  } catch (error) {
    // The verifier parses the body once the signature matches: a SyntaxError means signed, but not JSON.
    if (error instanceof SyntaxError) return { status: 400, json: { error: "Body must be JSON" } };
    return { status: 401, json: { error: "Invalid signature" } };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(input.body);
  } catch {
    return { status: 400, json: { error: "Body must be JSON" } };
  }
  // Signed is not the same as sane: the payload is stored as jsonb, which refuses a NUL or a lone surrogate, and
  // walked by code that recurses. Refused here with a 400, not failed in the database with a 500.
  const shape = inputShapeProblem(raw);
  if (shape) return { status: statusOfShapeProblem(shape), json: { error: shape.message } };
  if (nulPaths(raw).length > 0 || loneSurrogatePaths(raw).length > 0) return { status: 400, json: { error: "The event holds text PostgreSQL cannot store (a NUL or a lone surrogate)" } };
  const result = eventSchema.safeParse(raw);
  if (!result.success) return { status: 400, json: { error: "Unexpected event shape" } };
  return applyResendEvent(db, { eventId: id, event: result.data, payload: raw as Record<string, unknown>, now: input.now ?? new Date() });
}

async function applyResendEvent(db: Db, { eventId, event, payload, now }: { eventId: string; event: ResendEvent; payload: Record<string, unknown>; now: Date }): Promise<WebhookAnswer> {
  // Outside 2000–2100 (year 0, ±275760) PostgreSQL would refuse it: the time of receipt stands in, as for no time.
  const created = event.created_at ? Date.parse(event.created_at) : NaN;
  const at = isSaneInstant(created) ? new Date(created) : now;
  const emailId = event.data.email_id ?? null;
  return db.transaction(async (tx) => {
    const message = emailId ? await lockedMessage(tx, sql`${messages.providerMessageId} = ${emailId}`) : null;
    if (!message && emailId && (await stillSending(tx, event))) {
      // Resend's answer is not recorded yet (a worker is between sending and recording, or crashed there and the
      // batch awaits re-claim). Not receipted: Resend retries, and by then the message carries its id.
      return { status: 409, json: { error: "The message is still being sent; retry later" } };
    }
    const [receipt] = await tx
      .insert(webhookReceipts)
      .values({ provider: "resend", eventId, type: event.type, messageId: message?.id ?? null, payload, receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: webhookReceipts.id });
    if (!receipt) return { status: 200, json: { received: true, duplicate: true } };
    if (!message) return { status: 200, json: { received: true, duplicate: false, outcome: "unknown message" } };

    const status = statusByType[event.type];
    if (event.type === "email.delivery_delayed") {
      await tx.insert(messageEvents).values({ messageId: message.id, status: message.status, detail: "Delivery delayed: the receiving server has not accepted it yet", occurredAt: at });
      return { status: 200, json: { received: true, duplicate: false, outcome: "delayed" } };
    }
    if (!status) return { status: 200, json: { received: true, duplicate: false, outcome: "ignored" } };

    const wasUndeliverable = undeliverable.includes(message.status);
    // A late "delivered" does not undo a bounce or complaint the customer's server already reported.
    const next = status === "delivered" && wasUndeliverable ? message.status : status;
    const detail = next === status ? detailOf(event) : `${detailOf(event)} (reported after it was ${message.status}; status kept)`;
    await tx
      .update(messages)
      .set({
        status: next,
        deliveredAt: status === "delivered" ? (message.deliveredAt ?? at) : message.deliveredAt,
        lastError: undeliverable.includes(next) && next === status ? detail : message.lastError,
      })
      .where(eq(messages.id, message.id));
    await tx.insert(messageEvents).values({ messageId: message.id, status: next, detail, occurredAt: at });
    if (undeliverable.includes(status) && !wasUndeliverable && message.orderId) {
      // "Email bounced — call the customer": the order comes back to the reps' queue.
      await applyClockEvent(tx, { orderId: message.orderId, event: { type: "message_undeliverable", messageId: message.id }, at });
    }
    return { status: 200, json: { received: true, duplicate: false, outcome: next } };
  });
}

async function lockedMessage(tx: Db, where: ReturnType<typeof sql>): Promise<Message | null> {
  const [row] = await tx.select().from(messages).where(where).limit(1).for("update");
  return row ?? null;
}

/** The message named by our own tag exists and has not got its provider id recorded yet. */
async function stillSending(tx: Db, event: ResendEvent): Promise<boolean> {
  const tagged = event.data.tags?.message_id;
  if (typeof tagged !== "string" || !z.uuid().safeParse(tagged).success) return false;
  const [row] = await tx.select({ status: messages.status }).from(messages).where(eq(messages.id, tagged));
  return row?.status === "sending" || row?.status === "queued";
}

function detailOf(event: ResendEvent): string {
  switch (event.type) {
    case "email.delivered":
      return "Delivered to the recipient's mail server";
    case "email.bounced": {
      const b = event.data.bounce;
      return `Bounced${b?.type ? ` (${b.type}${b.subType ? `, ${b.subType}` : ""})` : ""}: ${b?.message ?? "no reason given"}`;
    }
    case "email.complained":
      return "The recipient marked the message as spam";
    case "email.suppressed":
      return "Not sent: the address is on Resend's suppression list";
    default:
      return `Failed: ${event.data.failed?.reason ?? event.type}`;
  }
}
