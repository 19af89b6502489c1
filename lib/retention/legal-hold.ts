import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders } from "@/db/schema";
import type { Actor } from "@/lib/actor";
import { writeAudit } from "@/lib/audit/write-audit";
import { UserFacingError } from "@/lib/errors";

// A legal hold exempts an order, or a customer with all their orders, from retention and erasure until released.
// Supervisors and admins place and release it (`recordsRoles` in customer-data.ts), from the order page's Records
// card or the records screen; both are audited.

export type HoldTarget = "order" | "customer";
export type LegalHold = { reason: string; by: string | null; at: Date } | null;

const tableOf = { order: orders, customer: customers } as const;

export async function placeLegalHold(db: Db, input: { target: HoldTarget; id: string; reason: string; actor: Actor; at?: Date }): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) throw new UserFacingError("Say why the records are held (for example the claim or request it is for).");
  const at = input.at ?? new Date();
  const table = tableOf[input.target];
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ reason: table.legalHoldReason, at: table.legalHoldAt })
      .from(table)
      .where(eq(table.id, input.id))
      .for("update");
    if (!current) throw new UserFacingError(`That ${input.target} does not exist.`);
    if (current.at) throw new UserFacingError(`This ${input.target} is already on legal hold: ${current.reason}.`);
    await tx
      .update(table)
      .set({ legalHoldReason: reason, legalHoldBy: input.actor.type === "user" ? input.actor.userId : null, legalHoldAt: at })
      .where(eq(table.id, input.id));
    await writeAudit(tx, { actor: input.actor, action: `${input.target}.legal_hold.placed`, entityType: input.target, entityId: input.id, before: null, after: { reason }, at });
  });
}

export async function releaseLegalHold(db: Db, input: { target: HoldTarget; id: string; actor: Actor; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  const table = tableOf[input.target];
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ reason: table.legalHoldReason, at: table.legalHoldAt }).from(table).where(eq(table.id, input.id)).for("update");
    if (!current) throw new UserFacingError(`That ${input.target} does not exist.`);
    if (!current.at) throw new UserFacingError(`This ${input.target} is not on legal hold; nothing was changed.`);
    await tx.update(table).set({ legalHoldReason: null, legalHoldBy: null, legalHoldAt: null }).where(eq(table.id, input.id));
    await writeAudit(tx, { actor: input.actor, action: `${input.target}.legal_hold.released`, entityType: input.target, entityId: input.id, before: { reason: current.reason }, after: null, at });
  });
}
