import type { Db } from "@/db/client";
import { inquiries, type Channel, type Inquiry } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { applyClockEvent } from "@/lib/sla/clocks";

/** A customer question arrives (tracking page, or logged by a rep): the record and its inquiry_ack clock. */
export async function receiveInquiry(
  db: Db,
  input: { customerId: string; orderId?: string | null; channel: Channel; body: string; actor: Actor; at?: Date },
): Promise<Inquiry> {
  const at = input.at ?? new Date();
  return db.transaction(async (tx) => {
    const [inquiry] = await tx
      .insert(inquiries)
      .values({
        customerId: input.customerId,
        orderId: input.orderId ?? null,
        channel: input.channel,
        body: input.body,
        createdBy: input.actor.type === "user" ? input.actor.userId : null,
        createdAt: at,
      })
      .returning();
    await applyClockEvent(tx, { orderId: inquiry!.orderId, event: { type: "inquiry_received", inquiryId: inquiry!.id }, at });
    return inquiry!;
  });
}
