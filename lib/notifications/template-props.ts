import { createElement, type ReactElement } from "react";
import type { TemplateName } from "@/db/schema";
import type { Address } from "@/db/schema/orders";
import { DelayEmail, delayCopy } from "@/emails/delay";
import { DeliveredEmail, deliveredCopy } from "@/emails/delivered";
import { InquiryResponseEmail, inquiryResponseCopy } from "@/emails/inquiry-response";
import { IssueEmail, issueCopy, type IssueKind } from "@/emails/issue";
import { OrderCompleteEmail, orderCompleteCopy } from "@/emails/order-complete";
import { OrderConfirmationEmail, orderConfirmationCopy } from "@/emails/order-confirmation";
import { OutForDeliveryEmail, outForDeliveryCopy } from "@/emails/out-for-delivery";
import { ProcessingUpdateEmail, processingUpdateCopy } from "@/emails/processing-update";
import { RequestOutcomeEmail, requestOutcomeCopy } from "@/emails/request-outcome";
import { RequestReceivedEmail, requestReceivedCopy } from "@/emails/request-received";
import { ShippedEmail, shippedCopy } from "@/emails/shipped";
import { TrackingUpdatedEmail, trackingUpdatedCopy } from "@/emails/tracking-updated";
import type { BaseProps, Copy, ItemLine, Totals } from "@/emails/components/types";
import { formatDate, formatDateTime, formatMoney, isValidTimeZone } from "@/lib/format";
import { parseAmountToCents } from "@/lib/money";
import { dayNumberFromIso, instantOfLocalTime } from "@/lib/sla/zoned-time";
import { receiptFilename } from "./receipt-pdf";
import { standardText } from "./template-fields";
import type { NoticeFacts } from "./templates";

// From the order's facts and a rep's fields to each template's props. A required value that is missing comes back
// from the context as a marked gap (listed in `missing`); optional ones come back as null and their sentence is left
// out. Nothing here decides what is required of the rep — templates.ts does — only what each stage needs of the order.

export type PropsContext = {
  facts: NoticeFacts;
  /** The zone dates are shown in. */
  zone: string;
  /** A field's checked value; a required or invalid one as a marked gap; an empty optional one as null. */
  field(name: string): string | null;
  /** A fact the template cannot go without: its value, or a marked gap listed under `label`. */
  need(name: string, label: string, value: string | null | undefined): string;
  gap(name: string, label: string): string;
};

type Built = { element: ReactElement; copy: Copy; props: object };

function build<P extends object>(Email: (props: P) => ReactElement, copy: (props: P) => Copy, props: P): Built {
  return { element: createElement(Email, props), copy: copy(props), props };
}

const isGap = (value: string) => value.startsWith("\uE000");

/** A gap as it is, an ISO date as words. */
const showDate = (value: string) => (isGap(value) ? value : formatDate(value));

function showDateTime(ctx: PropsContext, value: string): string {
  if (isGap(value)) return value;
  const [date, time] = value.split("T");
  if (!time) return formatDate(date);
  // Typed in the customer's local time, as sendNotice stores it; shown in the zone asked for.
  const home = isValidTimeZone(ctx.facts.customer.timeZone) ? ctx.facts.customer.timeZone : ctx.zone;
  return formatDateTime(new Date(instantOfLocalTime(home, dayNumberFromIso(date!), time)), ctx.zone);
}

// Sentences end with our own full stop: one typed at the end of a cause would double it.
const clause = (value: string) => value.replace(/[\s.]+$/, "");

const emptyAddress: Address = { name: "", line1: "", city: "", postalCode: "", country: "" };

/** The order (or a stand-in marked as missing, for a template that needs one but was given none). */
function orderOf(ctx: PropsContext) {
  const order = ctx.facts.order;
  const currency = order?.currency ?? "USD";
  const money = (cents: number) => formatMoney(cents, currency);
  const number = order?.number ?? ctx.gap("order", "Order");
  const items: ItemLine[] = (order?.items ?? []).map((i) => ({
    sku: i.sku,
    name: i.name,
    quantity: i.quantity,
    unitPrice: money(i.unitPriceCents),
    lineTotal: money(i.unitPriceCents * i.quantity),
  }));
  const totals: Totals = {
    subtotal: money(order?.subtotalCents ?? 0),
    shipping: money(order?.shippingCents ?? 0),
    tax: money(order?.taxCents ?? 0),
    total: money(order?.totalCents ?? 0),
  };
  return {
    order,
    number,
    items,
    totals,
    money,
    placedAt: order ? formatDateTime(order.placedAt, ctx.zone) : number,
    shippingAddress: order?.shippingAddress ?? emptyAddress,
    billingAddress: order?.billingAddress ?? emptyAddress,
  };
}

function base(ctx: PropsContext, orderNumber: string): BaseProps {
  const { branding, customer, trackingPageUrl } = ctx.facts;
  return {
    brand: {
      shopName: branding.shopName,
      logoUrl: branding.logoUrl,
      primaryColor: branding.primaryColor,
      supportEmail: branding.supportEmail,
      supportPhone: branding.supportPhone,
    },
    // "Hi ," is never sent: no name is a gap like any other.
    firstName: ctx.need("customer.name", "Customer name", customer.firstName),
    orderNumber,
    trackingPageUrl,
  };
}

const hasAddress = (a: Address) => !!(a.line1?.trim() && a.city?.trim() && a.country?.trim());

function needItems(ctx: PropsContext, items: ItemLine[]): ItemLine[] {
  if (items.length > 0 || !ctx.facts.order) return items;
  const gap = ctx.gap("order.items", "Order items");
  return [{ sku: "", name: gap, quantity: 0, unitPrice: "", lineTotal: "" }];
}

function needAddress(ctx: PropsContext, address: Address, name: string, label: string): Address {
  if (!ctx.facts.order || hasAddress(address)) return address;
  return { ...address, line1: ctx.gap(name, label) };
}

/** The carrier, number and link a shipped order's notices need (each a gap when the order has none). */
function tracking(ctx: PropsContext) {
  const order = ctx.facts.order;
  return {
    carrier: ctx.need("order.carrier", "Carrier", order?.carrierLabel),
    trackingNumber: ctx.need("order.trackingNumber", "Tracking number", order?.trackingNumber),
    trackingLink: ctx.need("order.trackingLink", "Carrier tracking link", order?.trackingLink),
  };
}

export const templateBuilders: Record<TemplateName, (ctx: PropsContext) => Built> = {
  order_confirmation(ctx) {
    const o = orderOf(ctx);
    return build(OrderConfirmationEmail, orderConfirmationCopy, {
      ...base(ctx, o.number),
      placedAt: o.placedAt,
      items: needItems(ctx, o.items),
      totals: o.totals,
      paymentMethod: o.order?.paymentMethod ?? "",
      shippingAddress: needAddress(ctx, o.shippingAddress, "order.shippingAddress", "Shipping address"),
      billingAddress: needAddress(ctx, o.billingAddress, "order.billingAddress", "Billing address"),
      estimatedDelivery: showDate(ctx.field("estimatedDelivery")!),
    });
  },

  processing_update(ctx) {
    const o = orderOf(ctx);
    const eta = o.order?.revisedDeliveryDate ?? o.order?.promisedDeliveryDate ?? null;
    return build(ProcessingUpdateEmail, processingUpdateCopy, {
      ...base(ctx, o.number),
      updateExpectedBy: showDateTime(ctx, ctx.field("updateExpectedBy")!),
      reason: ctx.field("reason"),
      estimatedDelivery: eta ? formatDate(eta) : null,
    });
  },

  shipped(ctx) {
    const o = orderOf(ctx);
    const eta = ctx.field("estimatedDelivery");
    const rest = { ...base(ctx, o.number), estimatedDelivery: eta ? showDate(eta) : null, shippingAddress: o.shippingAddress, items: o.items };
    // Shipped without a tracking number (hand delivery, a local courier): how it travels instead of the carrier's link.
    if (o.order?.travelsBy && !o.order.trackingNumber) return build(ShippedEmail, shippedCopy, { ...rest, travelsBy: o.order.travelsBy });
    return build(ShippedEmail, shippedCopy, { ...rest, ...tracking(ctx) });
  },

  tracking_updated(ctx) {
    const o = orderOf(ctx);
    const eta = ctx.field("estimatedDelivery");
    return build(TrackingUpdatedEmail, trackingUpdatedCopy, { ...base(ctx, o.number), ...tracking(ctx), estimatedDelivery: eta ? showDate(eta) : null });
  },

  out_for_delivery(ctx) {
    const o = orderOf(ctx);
    return build(OutForDeliveryEmail, outForDeliveryCopy, {
      ...base(ctx, o.number),
      carrier: o.order?.carrierLabel ?? null,
      timeWindow: ctx.field("timeWindow"),
      trackingLink: o.order?.trackingLink ?? null,
      shippingAddress: o.shippingAddress,
    });
  },

  delivered(ctx) {
    const o = orderOf(ctx);
    const proof = ctx.facts.proofOfDelivery;
    const at = o.order?.deliveredAt ?? proof?.receivedAt ?? null;
    return build(DeliveredEmail, deliveredCopy, {
      ...base(ctx, o.number),
      deliveredAt: ctx.need("order.deliveredAt", "Delivery date and time", at ? formatDateTime(at, ctx.zone) : null),
      receivedBy: proof?.recipientName ?? null,
      receivedAt: proof ? formatDateTime(proof.receivedAt, ctx.zone) : null,
      shippingAddress: o.shippingAddress,
      // The tracking page is where the customer rates the delivery (design.md "People and roles").
      feedbackUrl: ctx.facts.trackingPageUrl ? `${ctx.facts.trackingPageUrl}#feedback` : null,
    });
  },

  delay(ctx) {
    const o = orderOf(ctx);
    const previous = o.order?.promisedDeliveryDate ?? null;
    const revised = ctx.field("revisedEta")!;
    return build(DelayEmail, delayCopy, {
      ...base(ctx, o.number),
      apology: ctx.field("apology") ?? standardText.apology,
      cause: clause(ctx.field("cause")!),
      revisedEta: showDate(revised),
      previousEta: previous && previous !== revised ? formatDate(previous) : null,
      nextSteps: ctx.field("nextSteps") ?? standardText.nextSteps,
    });
  },

  request_received(ctx) {
    const o = orderOf(ctx);
    return build(RequestReceivedEmail, requestReceivedCopy, {
      ...base(ctx, o.number),
      request: ctx.field("request"),
      details: ctx.field("details"),
    });
  },

  request_outcome(ctx) {
    const o = orderOf(ctx);
    const amount = ctx.field("refundAmount");
    const cents = amount ? parseAmountToCents(amount) : null;
    // A refund without a "when" would leave the customer guessing: the timeline is required with an amount.
    const timeline = ctx.field("refundTimeline") ?? (cents ? ctx.gap("refundTimeline", "Refund timeline") : null);
    return build(RequestOutcomeEmail, requestOutcomeCopy, {
      ...base(ctx, o.number),
      decision: ctx.field("decision")!,
      whatChanges: ctx.field("whatChanges")!,
      refund: cents ? { amount: o.money(cents), timeline: clause(timeline!), method: o.order?.paymentMethod ?? "original payment method" } : null,
    });
  },

  order_complete(ctx) {
    const o = orderOf(ctx);
    return build(OrderCompleteEmail, orderCompleteCopy, {
      ...base(ctx, o.number),
      placedAt: o.placedAt,
      items: needItems(ctx, o.items),
      totals: o.totals,
      receiptFilename: receiptFilename(o.order?.number ?? "order"),
    });
  },

  issue(ctx) {
    const o = orderOf(ctx);
    return build(IssueEmail, issueCopy, {
      ...base(ctx, o.number),
      issueKind: (ctx.field("issueKind") as IssueKind | null) ?? null,
      problem: clause(ctx.field("problem")!),
      customerAction: clause(ctx.field("customerAction")!),
    });
  },

  inquiry_response(ctx) {
    // An answer may concern no order at all (a question about the shop); the only template that may.
    const order = ctx.facts.order;
    return build(InquiryResponseEmail, inquiryResponseCopy, {
      ...base(ctx, order?.number ?? ""),
      orderNumber: order?.number ?? null,
      question: ctx.field("question"),
      answer: ctx.field("answer")!,
    });
  },
};
