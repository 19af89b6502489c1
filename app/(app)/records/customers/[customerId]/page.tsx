import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/orders/status-badge";
import { EraseCustomerControl } from "@/components/records/erase-customer-control";
import { ExportCustomerLink } from "@/components/records/export-customer-link";
import { holdView } from "@/components/records/hold-view";
import { LegalHoldControl } from "@/components/records/legal-hold-control";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { canOpen } from "@/lib/auth/access";
import { requireScreen } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { loadCustomerRecords } from "@/lib/retention/customer-records";
import { customerIdSchema } from "@/lib/retention/records-schemas";
import { viewerTimeZone } from "@/lib/viewer";

type Props = { params: Promise<{ customerId: string }> };

export const metadata: Metadata = { title: "Customer records" };

const link = "text-primary underline-offset-4 hover:underline";

// One customer's records (supervisors and admins): who they are and whether they were erased, their legal hold,
// their orders with each order's hold, the data export and erasure. Order numbers link to the order page only for
// roles that may open it; admins work from here.
export default async function CustomerRecordsPage({ params }: Props) {
  const user = await requireScreen("records");
  const id = customerIdSchema.safeParse((await params).customerId);
  if (!id.success) notFound();
  const [records, timeZone] = await Promise.all([loadCustomerRecords(await getDb(), id.data), viewerTimeZone()]);
  if (!records) notFound();
  const { customer } = records;
  const erased = customer.anonymisedAt !== null;
  const linkOrders = canOpen(user.role, "orders");

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/records" className="text-sm text-muted-foreground hover:underline">
          ← Records
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{erased ? "Erased customer" : customer.name}</h1>
          {erased ? <Badge variant="outline">Erased</Badge> : null}
          {records.hold ? <Badge variant="warning">Legal hold</Badge> : null}
        </div>
      </div>

      <Card data-testid="customer-records">
        <CardHeader>
          <CardTitle>Customer</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3 text-sm">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
            <dt className="text-muted-foreground">Name</dt>
            <dd>{customer.name}</dd>
            <dt className="text-muted-foreground">Email</dt>
            <dd>{customer.email ?? "—"}</dd>
            <dt className="text-muted-foreground">Phone</dt>
            <dd>{customer.phone ?? "—"}</dd>
            <dt className="text-muted-foreground">Customer since</dt>
            <dd>{formatDateTime(customer.createdAt, timeZone)}</dd>
            <dt className="text-muted-foreground">Personal data</dt>
            <dd>{erased ? `Erased ${formatDateTime(customer.anonymisedAt, timeZone)}` : "Held (not erased)"}</dd>
          </dl>
          <LegalHoldControl target="customer" id={customer.id} hold={holdView(records.hold, timeZone)} label="Customer" />
          <div className="flex flex-wrap items-center gap-2 pt-1">
            <ExportCustomerLink customerId={customer.id} />
            <EraseCustomerControl customerId={customer.id} email={customer.email} erased={erased} refusal={records.erasureRefusal} />
          </div>
        </CardContent>
      </Card>

      <section aria-labelledby="orders-heading" className="space-y-2">
        <h2 id="orders-heading" className="text-lg font-semibold">
          Orders ({records.orderCount.toLocaleString("en-US")})
        </h2>
        {records.orders.length < records.orderCount ? (
          <p className="text-sm text-muted-foreground">The newest orders and every order on legal hold are listed; search by an order number for another.</p>
        ) : null}
        {records.orders.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">This customer has no orders.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Order</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Placed</TableHead>
                <TableHead>Legal hold</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {records.orders.map((order) => (
                <TableRow key={order.id} data-testid={`records-order-${order.number}`}>
                  <TableCell className="whitespace-nowrap font-medium">
                    {linkOrders ? (
                      <Link href={`/orders/${order.number}`} className={link}>
                        {order.number}
                      </Link>
                    ) : (
                      order.number
                    )}
                    {order.anonymisedAt ? <Badge variant="outline" className="ml-2">Anonymised</Badge> : null}
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={order.status} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{formatDateTime(order.placedAt, timeZone)}</TableCell>
                  <TableCell className="text-sm">
                    <LegalHoldControl target="order" id={order.id} hold={holdView(order.hold, timeZone)} which={order.number} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
