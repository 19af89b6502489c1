import { and, asc, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  changeRequests,
  customers,
  feedback,
  messages,
  orderEvents,
  orderExceptions,
  orderItems,
  orders,
  requestKinds,
  type Customer,
  type Order,
  type OrderStatus,
  type RequestKind,
} from "@/db/schema";
import { canRateStatus } from "@/lib/feedback/record-feedback";
import { formatDate, formatDateTime } from "@/lib/format";
import { carrierLabels, trackingLink, travelsByWords } from "@/lib/orders/tracking";
import { requestRefusal } from "@/lib/requests/receive-request";
import {
  callOutcomeLabels,
  channelWords,
  customerStatusLabels,
  delayLabels,
  firstLine,
  firstName,
  holdExplanations,
  requestKindLabels,
  requestStatusLabels,
} from "./customer-wording";
import { customerQuestions, loadQuestionRows, sentWhen } from "./customer-questions";

// What the customer's tracking page shows, and nothing more (design.md "People and roles": the customer): no
// email, phone, street, staff names, internal notes or ids. Everything is read by the order's tracking token.

/** The shape of every token the database issues (db/schema/orders.ts: two uuids without dashes). */
export const TRACKING_TOKEN = /^[0-9a-f]{64}$/;

export function isTrackingToken(value: unknown): value is string {
  return typeof value === "string" && TRACKING_TOKEN.test(value);
}

/** The order and its customer for a token, or null; a malformed token never reaches the database. */
export async function findTrackedOrder(db: Db, token: unknown): Promise<{ order: Order; customer: Customer } | null> {
  if (!isTrackingToken(token)) return null;
  const [row] = await db
    .select({ order: orders, customer: customers })
    .from(orders)
    .innerJoin(customers, eq(customers.id, orders.customerId))
    .where(eq(orders.trackingToken, token))
    .limit(1);
  return row ?? null;
}

export type TrackingStep = { status: OrderStatus; label: string; at: string | null; state: "done" | "current" | "upcoming" };
export type RequestOption = { kind: RequestKind; label: string; refusal: string | null };

const mainLine = ["received", "confirmed", "processing", "shipped", "in_transit", "out_for_delivery", "delivered"] as const satisfies readonly OrderStatus[];

type StatusEvent = { toStatus: OrderStatus | null; createdAt: Date };

/**
 * The main line with the date each step was first reached. An order on hold shows the hold after the steps it
 * reached; a cancelled one ends with the cancellation. A step a carrier skipped counts as done, without a date.
 */
export function customerSteps(order: Pick<Order, "status" | "statusBeforeHold">, events: StatusEvent[], timeZone: string): TrackingStep[] {
  const reachedAt = new Map<OrderStatus, Date>();
  for (const event of events) if (event.toStatus && !reachedAt.has(event.toStatus)) reachedAt.set(event.toStatus, event.createdAt);
  const at = (status: OrderStatus) => (reachedAt.has(status) ? formatDateTime(reachedAt.get(status), timeZone) : null);
  const lineIndex = (status: OrderStatus | null) => mainLine.indexOf(status as (typeof mainLine)[number]);

  let reached: number;
  if (order.status === "closed") reached = mainLine.length - 1;
  else if (order.status === "on_hold") reached = lineIndex(order.statusBeforeHold);
  // Cancelling is final, so every step reached came before it.
  else if (order.status === "cancelled") reached = Math.max(...mainLine.map((s, i) => (reachedAt.has(s) ? i : 0)));
  else reached = lineIndex(order.status);
  reached = Math.max(reached, 0);
  const moving = lineIndex(order.status) >= 0 && order.status !== "delivered";

  const steps: TrackingStep[] = mainLine.slice(0, reached + 1).map((status, i) => ({
    status,
    label: customerStatusLabels[status],
    at: at(status),
    state: moving && i === reached ? "current" : "done",
  }));
  if (order.status === "cancelled") return [...steps, { status: "cancelled", label: customerStatusLabels.cancelled, at: at("cancelled"), state: "current" }];
  if (order.status === "on_hold") {
    const heldAt = [...events].reverse().find((e) => e.toStatus === "on_hold")?.createdAt;
    steps.push({ status: "on_hold", label: customerStatusLabels.on_hold, at: heldAt ? formatDateTime(heldAt, timeZone) : null, state: "current" });
  }
  const upcoming = mainLine.slice(reached + 1).map((status): TrackingStep => ({ status, label: customerStatusLabels[status], at: null, state: "upcoming" }));
  return [...steps, ...upcoming];
}

/** Every request kind with why it cannot be asked now (null: it can). One open request per kind is enough. */
export function requestOptionsFor(status: OrderStatus, openKinds: readonly RequestKind[]): RequestOption[] {
  return requestKinds.map((kind) => ({
    kind,
    label: requestKindLabels[kind],
    refusal: requestRefusal(status, kind) ?? (openKinds.includes(kind) ? "You have already asked for this; we will answer within 24 hours." : null),
  }));
}

// Messages that left us, and those on their way (an SMS held for the night shows when it will go out). Failed ones
// never reached the customer and are not shown.
const sentStatuses = ["queued", "sending", "sent", "delivered", "bounced", "complained", "logged"] as const;

function regionName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The tracking page's view of the order with this token, or null (malformed, wrong or unknown token). */
export async function loadTrackingView(db: Db, token: string) {
  const found = await findTrackedOrder(db, token);
  if (!found) return null;
  const { order, customer } = found;
  const timeZone = customer.timeZone;

  const [items, events, delays, sent, requests, rating, questionRows] = await Promise.all([
    db.select({ name: orderItems.name, quantity: orderItems.quantity, sku: orderItems.sku }).from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.sku)),
    db
      .select({ toStatus: orderEvents.toStatus, createdAt: orderEvents.createdAt })
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), isNotNull(orderEvents.toStatus)))
      .orderBy(asc(orderEvents.seq)),
    db
      .select()
      .from(orderExceptions)
      .where(and(eq(orderExceptions.orderId, order.id), isNull(orderExceptions.resolvedAt)))
      .orderBy(desc(orderExceptions.openedAt)),
    db
      .select()
      .from(messages)
      .where(and(eq(messages.orderId, order.id), inArray(messages.status, sentStatuses)))
      .orderBy(desc(messages.seq)),
    db.select().from(changeRequests).where(eq(changeRequests.orderId, order.id)).orderBy(desc(changeRequests.createdAt)),
    db.select().from(feedback).where(eq(feedback.orderId, order.id)).limit(1),
    loadQuestionRows(db, order, customer),
  ]);

  const arrived = order.status === "delivered" || order.status === "closed";
  const carrier = order.carrier === "other" ? (order.carrierName ?? carrierLabels.other) : order.carrier ? carrierLabels[order.carrier] : null;
  const openKinds = requests.filter((r) => r.status === "open").map((r) => r.kind);

  return {
    number: order.number,
    firstName: firstName(customer.name),
    timeZone,
    status: order.status,
    statusLabel: customerStatusLabels[order.status],
    holdExplanation: order.status === "on_hold" && order.holdReason ? holdExplanations[order.holdReason] : null,
    steps: customerSteps(order, events, timeZone),
    promisedDate: order.promisedDeliveryDate ? formatDate(order.promisedDeliveryDate) : null,
    revisedDate: order.revisedDeliveryDate ? formatDate(order.revisedDeliveryDate) : null,
    shipment:
      carrier && order.trackingNumber
        ? { carrier, trackingNumber: order.trackingNumber, link: trackingLink(order.carrier, order.trackingNumber, order.trackingUrlTemplate) }
        : null,
    // Shipped without a tracking number: how it travels ("with a local courier"), instead of a carrier's link.
    travelsBy: !order.trackingNumber && order.untrackedReason ? travelsByWords(order.untrackedReason, order.untrackedNote) : null,
    // When it arrived: a delivered order's page leads with its delivery.
    deliveredAt: arrived && order.deliveredAt ? formatDateTime(order.deliveredAt, timeZone) : null,
    // The explanation is written for the customer: the delay notice quotes it as the cause (SOP 000 step 5). Delivery
    // resolves delays; an older order delivered with one left open does not show it either.
    delays: (arrived ? [] : delays).map((d) => ({
      label: delayLabels[d.kind],
      explanation: d.explanation,
      revisedDate: d.revisedEta ? formatDate(d.revisedEta) : null,
      since: formatDateTime(d.openedAt, timeZone),
    })),
    items: items.map(({ name, quantity, sku }) => ({ name, quantity, sku })),
    destination: { city: order.shippingAddress.city, country: regionName(order.shippingAddress.country) },
    // A call's log is the rep's own notes: the customer sees that we called and how it went, not the notes.
    notifications: sent.map((m) => ({
      channel: channelWords[m.channel],
      title: m.channel === "phone" ? "We called you" : (m.subject ?? firstLine(m.bodyText)),
      body: m.channel === "portal" ? m.bodyText : m.channel === "phone" ? (m.callOutcome ? callOutcomeLabels[m.callOutcome] : null) : null,
      at: sentWhen(m, timeZone),
    })),
    requests: requests.map((r) => ({
      kind: requestKindLabels[r.kind],
      status: requestStatusLabels[r.status],
      reason: r.status === "open" ? null : r.decisionReason,
      at: formatDateTime(r.createdAt, timeZone),
    })),
    // The customer's own questions from this page, newest first, each with our answers as they received them.
    questions: customerQuestions(questionRows, sent, timeZone),
    feedback: rating[0] ? { rating: rating[0].rating, comment: rating[0].comment, at: formatDateTime(rating[0].updatedAt, timeZone) } : null,
    canAsk: true,
    requestOptions: requestOptionsFor(order.status, openKinds),
    canRate: canRateStatus(order.status),
  };
}

export type TrackingView = NonNullable<Awaited<ReturnType<typeof loadTrackingView>>>;
