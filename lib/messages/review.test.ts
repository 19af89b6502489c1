import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, messages } from "@/db/schema";
import { makeOrder, makeUser } from "@/db/testing/fixtures";
import { createTestDatabase } from "@/db/testing/test-database";
import { UserFacingError } from "@/lib/errors";
import { getMessageDetail } from "./message-log";
import { reviewMessage } from "./review";
import { reviewMessageSchema } from "./review-schema";

let handle: DatabaseHandle;
let messageId: string;
let sue: { id: string };
let sam: { id: string };
let rep: { id: string };

beforeAll(async () => {
  handle = await createTestDatabase();
  const order = await makeOrder(handle.db);
  sue = await makeUser(handle.db, { role: "supervisor", name: "Sue Supervisor" });
  sam = await makeUser(handle.db, { role: "supervisor", name: "Sam Supervisor" });
  rep = await makeUser(handle.db, { role: "rep" });
  const [m] = await handle.db
    .insert(messages)
    .values({ orderId: order.id, customerId: order.customerId, channel: "sms", status: "bounced", senderType: "system", bodyText: "Shipped!", idempotencyKey: randomUUID() })
    .returning();
  messageId = m!.id;
});
afterAll(async () => {
  await handle.close();
});

const row = async () => (await handle.db.select().from(messages).where(eq(messages.id, messageId)))[0]!;
const audits = () => handle.db.select().from(auditLog).where(and(eq(auditLog.entityType, "message"), eq(auditLog.entityId, messageId))).orderBy(asc(auditLog.id));

describe("reviewMessage", () => {
  it("refuses anyone but an active supervisor, and changes nothing", async () => {
    await expect(reviewMessage(handle.db, { messageId, score: 4, comment: null, reviewerId: rep.id })).rejects.toThrow(UserFacingError);
    const inactive = await makeUser(handle.db, { role: "supervisor", active: false });
    await expect(reviewMessage(handle.db, { messageId, score: 4, comment: null, reviewerId: inactive.id })).rejects.toThrow("Only supervisors");
    expect((await row()).reviewedAt).toBeNull();
    expect(await audits()).toHaveLength(0);
  });

  it("records the score, comment, reviewer and time, with an audit row", async () => {
    const at = new Date("2026-11-24T10:00:00Z");
    await reviewMessage(handle.db, { messageId, score: 2, comment: "Should have called instead.", reviewerId: sue.id, now: at });
    expect(await row()).toMatchObject({ reviewedAt: at, reviewedBy: sue.id, reviewScore: 2, reviewComment: "Should have called instead." });
    expect(await audits()).toMatchObject([{ action: "message.review", actorUserId: sue.id, before: null, after: { reviewScore: 2 } }]);
    expect((await getMessageDetail(handle.db, messageId))?.reviewerName).toBe("Sue Supervisor");
  });

  it("replaces the review on a re-review, recording the new reviewer and time and keeping the old one in the audit log", async () => {
    const at = new Date("2026-11-24T11:00:00Z");
    await reviewMessage(handle.db, { messageId, score: 4, comment: null, reviewerId: sam.id, now: at });
    expect(await row()).toMatchObject({ reviewedAt: at, reviewedBy: sam.id, reviewScore: 4, reviewComment: null });
    const [, second] = await audits();
    expect(second).toMatchObject({ action: "message.re_review", actorUserId: sam.id, before: { reviewScore: 2, reviewedBy: sue.id, reviewComment: "Should have called instead." }, after: { reviewScore: 4 } });
  });

  it("refuses scores outside 1–5 and unknown messages", async () => {
    for (const score of [0, 6, 2.5, Number.NaN]) {
      await expect(reviewMessage(handle.db, { messageId, score, comment: null, reviewerId: sue.id })).rejects.toThrow("score from 1 to 5");
    }
    await expect(reviewMessage(handle.db, { messageId: randomUUID(), score: 3, comment: null, reviewerId: sue.id })).rejects.toThrow("does not exist");
    expect((await row()).reviewScore).toBe(4);
  });
});

describe("reviewMessageSchema", () => {
  it("reads form values and refuses bad ones", () => {
    expect(reviewMessageSchema.parse({ messageId, score: "5", comment: "  " })).toEqual({ messageId, score: 5, comment: null });
    expect(reviewMessageSchema.safeParse({ messageId, score: "6" }).success).toBe(false);
    expect(reviewMessageSchema.safeParse({ messageId, score: "" }).success).toBe(false);
    expect(reviewMessageSchema.safeParse({ messageId: "x", score: "3" }).success).toBe(false);
    expect(reviewMessageSchema.safeParse({ messageId, score: "3", comment: "x".repeat(2001) }).success).toBe(false);
  });
});
