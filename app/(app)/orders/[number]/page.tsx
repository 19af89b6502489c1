import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChannelLabel } from "@/components/orders/channel-label";
import { OrderPresence } from "@/components/orders/order-presence";
import { StatusBadge } from "@/components/orders/status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { formatDate, formatDateTime, formatMoney, humanize } from "@/lib/format";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { buildTimeline } from "@/lib/orders/timeline";
import { loadClockPlanner } from "@/lib/sla/clocks";
import { riskBandAt } from "@/lib/sla/risk";
import { viewerTimeZone } from "@/lib/viewer";
import { canOpen, escalationRaiserRoles, orderCorrectionRoles } from "@/lib/auth/access";
import { correctionRefusal } from "@/lib/orders/corrections";
import { CorrectionControls } from "./correction-dialogs";
import { CustomerRatingCard } from "./customer-rating-card";
import { ExceptionControls } from "./exception-controls";
import { OrderActions } from "./order-actions";
import { ProofOfDeliveryCard } from "./proof-of-delivery-card";
import { RequestsCard } from "./requests-card";
import { InquiriesCard } from "./inquiries-card";
import { EscalationsCard } from "./escalations-card";
import { AddressBlock, ItemsTable, OpenClocks, TrackingLine } from "./order-sections";
import { NoticeComposer } from "./notice-composer";
import { OrderMessages } from "./order-messages";
import { composerSetup } from "@/lib/notifications/composer-setup";
import { noticeSenderRoles } from "@/lib/notifications/notice-schemas";
import { allowedNextStatuses } from "@/lib/orders/lifecycle";
import { proofRecorderRoles } from "@/lib/orders/proof-of-delivery-schema";
import { customerErasureRefusal, recordsRoles } from "@/lib/retention/customer-data";
import { holdView } from "@/components/records/hold-view";
import { RecordsCard } from "./records-card";
import { ShipControls } from "./ship-controls";
import { correctableStatuses } from "@/lib/orders/ship-order";

type Props = { params: Promise<{ number: string }> };

// Five days out: a starting point for the date a rep promises at confirmation.
function defaultPromisedDate(now: Date): string {
  return new Date(now.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).number.toUpperCase() };
}

export default async function OrderPage({ params }: Props) {
  const user = await requireScreen("orders");
  const { number } = await params;
  const db = await getDb();
  const [detail, timeZone, planner] = await Promise.all([getOrderDetail(db, decodeURIComponent(number)), viewerTimeZone(), loadClockPlanner(db)]);
  if (!detail) notFound();
  const now = new Date();
  // The same band and counted time left as the queue shows for this order.
  const openClocks = detail.clocks
    .filter((clock) => clock.state === "open" || clock.state === "paused")
    .map((clock) => ({ clock, band: riskBandAt(clock, now), secondsLeft: Math.round(planner.basisFor(clock.timeBase).between(now, clock.dueAt) / 1000) }));
  const { order, customer } = detail;
  const openExceptions = detail.exceptions.filter((e) => !e.resolvedAt);
  const timeline = buildTimeline(detail, timeZone);
  const showRecords = (recordsRoles as readonly string[]).includes(user.role);
  const erasureRefusal = showRecords ? await customerErasureRefusal(db, customer) : null;
  // The composer suggests what the most urgent running clock is owed (paused clocks wait for the hold to end).
  const noticeSetup = (noticeSenderRoles as readonly string[]).includes(user.role)
    ? await composerSetup(db, order.id, openClocks.filter(({ clock }) => clock.state === "open").map(({ clock }) => clock.kind))
    : null;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/orders" className="text-sm text-muted-foreground hover:underline">
          ← Orders
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{order.number}</h1>
          <StatusBadge status={order.status} />
          {order.holdReason ? <Badge variant="warning">On hold: {humanize(order.holdReason)}</Badge> : null}
          {openExceptions.length > 0 ? <Badge variant="destructive">Delayed</Badge> : null}
        </div>
        <p className="text-sm text-muted-foreground">
          Placed {formatDateTime(order.placedAt, timeZone)}
          {order.externalId ? ` · Shop reference ${order.externalId}` : ""} · Assignee {detail.assignee?.name ?? "unassigned"} ·{" "}
          <a href={`/track/${order.trackingToken}`} target="_blank" rel="noreferrer" className="text-primary underline-offset-4 hover:underline">
            Customer tracking page
          </a>
        </p>
        <OrderPresence orderId={order.id} />
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>Customer</CardTitle>
          </CardHeader>
          <CardContent className="space-y-1 text-sm">
            <p className="font-medium">{customer.name}</p>
            <p>{customer.email ?? "No email"}</p>
            <p>{customer.phone ?? "No phone"}</p>
            <p className="flex items-center gap-2">
              Prefers <ChannelLabel channel={customer.preferredChannel} />
            </p>
            <p className="text-muted-foreground">
              SMS consent: {customer.smsConsent ? "yes" : "no"} · {customer.timeZone}
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Delivery</CardTitle>
          </CardHeader>
          <CardContent className="space-y-1 text-sm">
            <p>Promised: {formatDate(order.promisedDeliveryDate)}</p>
            {order.revisedDeliveryDate ? <p className="font-medium text-destructive">Revised: {formatDate(order.revisedDeliveryDate)}</p> : null}
            <TrackingLine order={order} />
            <p>Shipped: {formatDateTime(order.shippedAt, timeZone)}</p>
            <p>Delivered: {formatDateTime(order.deliveredAt, timeZone)}</p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Payment</CardTitle>
          </CardHeader>
          <CardContent className="space-y-1 text-sm">
            <p>
              {humanize(order.paymentMethod)} · {humanize(order.paymentStatus)}
            </p>
            <p>Subtotal {formatMoney(order.subtotalCents, order.currency)}</p>
            <p>Shipping {formatMoney(order.shippingCents, order.currency)}</p>
            <p>Tax {formatMoney(order.taxCents, order.currency)}</p>
            <p className="font-medium">Total {formatMoney(order.totalCents, order.currency)}</p>
          </CardContent>
        </Card>
      </div>

      <ProofOfDeliveryCard
        order={order}
        proof={detail.proofOfDelivery}
        timeZone={timeZone}
        canRecord={(proofRecorderRoles as readonly string[]).includes(user.role)}
      />

      <CustomerRatingCard feedback={detail.feedback} timeZone={timeZone} />

      <OpenClocks clocks={openClocks} timeZone={timeZone} />

      {user.role !== "admin" ? (
        <OrderActions
          orderId={order.id}
          version={order.version}
          status={order.status}
          allowed={allowedNextStatuses(order)}
          defaultPromisedDate={order.promisedDeliveryDate ?? defaultPromisedDate(now)}
          exceptions={
            <>
              <ShipControls
                orderId={order.id}
                version={order.version}
                canShip={allowedNextStatuses(order).includes("shipped")}
                canSetTracking={correctableStatuses.includes(order.status)}
                hasTracking={order.trackingNumber !== null}
              />
              {noticeSetup ? <NoticeComposer orderId={order.id} setup={noticeSetup} /> : null}
              <ExceptionControls
                orderId={order.id}
                version={order.version}
                open={openExceptions.map((e) => ({ id: e.id, kind: e.kind }))}
                canFlag={order.status !== "cancelled" && order.status !== "closed"}
              />
              {orderCorrectionRoles.includes(user.role) ? (
                <CorrectionControls
                  orderId={order.id}
                  version={order.version}
                  confirmed={order.confirmedAt !== null}
                  currency={order.currency}
                  address={order.shippingAddress}
                  items={detail.items.map(({ sku, name, quantity, unitPriceCents }) => ({ sku, name, quantity, unitPriceCents }))}
                  shippingCents={order.shippingCents}
                  taxCents={order.taxCents}
                  refusals={{ address: correctionRefusal(order.status, "address"), items: correctionRefusal(order.status, "items") }}
                />
              ) : null}
            </>
          }
        />
      ) : null}

      {openExceptions.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Open exceptions</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2 text-sm">
            {openExceptions.map((e) => (
              <div key={e.id}>
                <p className="font-medium">
                  {humanize(e.kind)} — revised ETA {formatDate(e.revisedEta)}
                </p>
                <p className="text-muted-foreground">{e.explanation}</p>
              </div>
            ))}
          </CardContent>
        </Card>
      ) : null}

      <RequestsCard order={order} items={detail.items} canDecide={canOpen(user.role, "requests")} canEscalate={escalationRaiserRoles.includes(user.role)} timeZone={timeZone} />

      <InquiriesCard inquiries={detail.inquiries} orderNumber={order.number} customerEmail={customer.email} canWork={canOpen(user.role, "inquiries")} timeZone={timeZone} />

      <EscalationsCard
        orderId={order.id}
        orderNumber={order.number}
        canRaise={escalationRaiserRoles.includes(user.role)}
        canHandle={canOpen(user.role, "escalations")}
        timeZone={timeZone}
      />

      {showRecords ? (
        <RecordsCard
          orderId={order.id}
          orderNumber={order.number}
          customerId={customer.id}
          customerEmail={customer.email}
          orderHold={holdView({ reason: order.legalHoldReason, at: order.legalHoldAt }, timeZone)}
          customerHold={holdView({ reason: customer.legalHoldReason, at: customer.legalHoldAt }, timeZone)}
          erased={customer.anonymisedAt !== null}
          erasureRefusal={erasureRefusal}
        />
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <AddressBlock title="Shipping address" address={order.shippingAddress} />
        <AddressBlock title="Billing address" address={order.billingAddress} />
      </div>

      <ItemsTable items={detail.items} currency={order.currency} />

      <OrderMessages messages={detail.messages} timeZone={timeZone} linked={canOpen(user.role, "messages")} />

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        {timeline.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing has happened to this order yet.</p>
        ) : (
          <ol className="space-y-3 border-l pl-4" data-testid="order-history">
            {timeline.map((entry) => (
              <li key={entry.key} className="text-sm">
                <p className="font-medium">{entry.title}</p>
                {entry.detail ? <p className="text-muted-foreground">{entry.detail}</p> : null}
                <p className="text-xs text-muted-foreground">
                  {formatDateTime(entry.at, timeZone)} · {entry.actor}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
