import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Address, Order, OrderItem, SlaClock } from "@/db/schema";
import { carrierLabels, trackingLink, untrackedReasonLabels } from "@/lib/orders/tracking";
import { RiskBadge } from "@/components/sla/risk-badge";
import { formatDateTime, formatDuration, formatMoney } from "@/lib/format";
import { clockDueLabels } from "@/lib/sla/clock-labels";
import type { RiskBand } from "@/lib/sla/risk";

export function AddressBlock({ title, address }: { title: string; address: Address }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <address className="text-sm not-italic">
          {address.name}
          <br />
          {address.line1}
          {address.line2 ? (
            <>
              <br />
              {address.line2}
            </>
          ) : null}
          <br />
          {address.city}
          {address.region ? `, ${address.region}` : ""} {address.postalCode}
          <br />
          {address.country}
        </address>
      </CardContent>
    </Card>
  );
}

export function ItemsTable({ items, currency }: { items: OrderItem[]; currency: string }) {
  return (
    <section aria-labelledby="items-heading" className="space-y-3">
      <h2 id="items-heading" className="text-lg font-semibold">
        Items
      </h2>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>SKU</TableHead>
            <TableHead>Item</TableHead>
            <TableHead className="text-right">Qty</TableHead>
            <TableHead className="text-right">Unit price</TableHead>
            <TableHead className="text-right">Line total</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableCell className="font-mono text-xs">{item.sku}</TableCell>
              <TableCell>{item.name}</TableCell>
              <TableCell className="text-right tabular-nums">{item.quantity}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMoney(item.unitPriceCents, currency)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMoney(item.unitPriceCents * item.quantity, currency)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

export type OpenClockView = { clock: SlaClock; band: RiskBand; secondsLeft: number };

export function OpenClocks({ clocks, timeZone }: { clocks: OpenClockView[]; timeZone: string }) {
  if (clocks.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Open SLA clocks</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="space-y-1 text-sm" data-testid="open-clocks">
          {clocks.map(({ clock, band, secondsLeft }) => (
            <li key={clock.id} className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{clockDueLabels[clock.kind]}</span>
              <span className="text-muted-foreground">{formatDateTime(clock.dueAt, timeZone)}</span>
              {clock.state === "paused" ? (
                <Badge variant="outline">Paused</Badge>
              ) : (
                <>
                  <RiskBadge band={band} />
                  <span className="tabular-nums text-muted-foreground">
                    {secondsLeft < 0 ? `${formatDuration(secondsLeft)} overdue` : `${formatDuration(secondsLeft)} left`}
                    {clock.timeBase === "business" ? " (business hours)" : ""}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/** Carrier, tracking number and the customer's tracking link, as the customer will be sent it. */
export function TrackingLine({ order }: { order: Pick<Order, "carrier" | "carrierName" | "trackingNumber" | "trackingUrlTemplate" | "untrackedReason" | "untrackedNote"> }) {
  if (!order.carrier && order.untrackedReason) {
    return (
      <p data-testid="untracked-shipment">
        No tracking number: {untrackedReasonLabels[order.untrackedReason]}
        {order.untrackedNote ? ` — ${order.untrackedNote}` : ""}
      </p>
    );
  }
  if (!order.carrier) return <p>Carrier: —</p>;
  const name = order.carrier === "other" ? (order.carrierName ?? carrierLabels.other) : carrierLabels[order.carrier];
  const link = trackingLink(order.carrier, order.trackingNumber, order.trackingUrlTemplate);
  return (
    <p>
      Carrier: {name}
      {order.trackingNumber ? " · " : ""}
      {link ? (
        <a href={link} target="_blank" rel="noreferrer noopener" className="font-mono underline underline-offset-2">
          {order.trackingNumber}
        </a>
      ) : (
        <span className="font-mono">{order.trackingNumber}</span>
      )}
    </p>
  );
}
