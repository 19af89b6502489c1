import { flushEvents, type ChunkRows, type OrderCtx, type SeedContext } from "./context";
import { emitOrder } from "./emit";
import { emitAccuracyError, emitAutomaticEscalations, emitEscalation, emitException, emitFeedback } from "./extras";
import { buildOrderBase, deliveryTimeZone } from "./order-base";
import { customerAt } from "./people";
import { placedAtFor } from "./placement";
import { planOrder } from "./plan";
import { streamRng, streams } from "./random";
import { emitInquiry, emitRequests } from "./requests";

/** Every row that belongs to order number i: a pure function of (seed, now, total, i). */
export function generateOrder(ctx: SeedContext, rows: ChunkRows, i: number): void {
  const rng = streamRng(ctx.seed, streams.order, i);
  const firstClock = rows.slaClocks.length;
  const orderId = rng.uuid();
  // Some customers order often: lower customer numbers are picked more.
  const k = Math.min(ctx.customerCount - 1, Math.floor(ctx.customerCount * Math.pow(rng.next(), 1.3)));
  const o: OrderCtx = {
    ctx,
    rng,
    rows,
    index: i,
    orderId,
    number: `OL-${ctx.orderBase + i}`,
    customer: customerAt(ctx.seed, k, ctx.now),
    assigneeId: rng.chance(0.3) ? rng.weighted(ctx.users.reps) : null,
    messageSeq: 0,
  };
  const placedAt = placedAtFor(ctx, i, rng);
  const base = buildOrderBase(o);
  const plan = planOrder(o, placedAt, ctx.forced.get(i), deliveryTimeZone(base.shippingAddress, o.customer.timeZone));
  const st = emitOrder(o, base, plan);
  const hadException = emitException(o, st);
  emitAccuracyError(o, st);
  const requestId = emitRequests(o, st, base);
  const inquiryId = emitInquiry(o, st);
  // The order forced on hold is always escalated, so that even a small seed has an escalation.
  emitEscalation(o, st, hadException, { requestId, inquiryId }, ctx.forced.get(i) === "on_hold");
  emitAutomaticEscalations(o, st, firstClock);
  emitFeedback(o, st);
  const count = flushEvents(o, st.events);
  const last = st.events[st.events.length - 1];
  st.order.version = Math.max(1, count);
  st.order.updatedAt = new Date(last ? Math.max(last.at, plan.placedAt) : plan.placedAt);
}
