import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { buttonVariants } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { auditChanges } from "@/lib/audit/audit-diff";
import { orderAuditTrail } from "@/lib/audit/order-audit-trail";
import { formatDateTime, humanize } from "@/lib/format";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { recordsRoles } from "@/lib/retention/customer-data";
import { viewerTimeZone } from "@/lib/viewer";

// The audit trail of one order (supervisors): its entries and those of its requests, escalations, messages and
// customer, newest first, 25 a page (lib/audit/order-audit-trail.ts).

type Props = { params: Promise<{ number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Audit trail · ${(await params).number.toUpperCase()}` };
}

export default async function OrderAuditPage({ params, searchParams }: Props) {
  const user = await requireScreen("orders");
  if (!(recordsRoles as readonly string[]).includes(user.role)) forbidden();
  const { number } = await params;
  const pageParam = (await searchParams).page;
  const requested = Number(Array.isArray(pageParam) ? pageParam[0] : pageParam);
  const db = await getDb();
  const [detail, timeZone] = await Promise.all([getOrderDetail(db, decodeURIComponent(number)), viewerTimeZone()]);
  if (!detail) notFound();
  const trail = await orderAuditTrail(db, { orderId: detail.order.id, page: Number.isInteger(requested) && requested > 0 ? requested : 1 });
  const base = `/orders/${encodeURIComponent(detail.order.number)}`;

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <Link href={base} className="text-sm text-muted-foreground hover:underline">
          ← {detail.order.number}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Audit trail</h1>
        <p className="text-sm text-muted-foreground">
          Who changed what on this order, its requests, escalations, messages and customer. The log cannot be edited or deleted; entries
          older than the retention period are purged.
        </p>
      </div>
      {trail.total === 0 ? (
        <p className="text-sm text-muted-foreground">No audit entries for this order yet.</p>
      ) : (
        <Table data-testid="audit-trail">
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Who</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Before → after</TableHead>
              <TableHead>From where</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {trail.entries.map((entry) => {
              const changes = auditChanges(entry.before, entry.after);
              return (
                <TableRow key={entry.id} className="align-top">
                  <TableCell className="whitespace-nowrap">{formatDateTime(entry.at, timeZone)}</TableCell>
                  <TableCell>{entry.actorName ?? humanize(entry.actorType)}</TableCell>
                  <TableCell>
                    <span className="font-medium">{entry.action}</span>
                    <span className="block text-xs text-muted-foreground">{humanize(entry.entityType)}</span>
                  </TableCell>
                  <TableCell className="max-w-md">
                    {changes.length === 0 ? (
                      <span className="text-muted-foreground">—</span>
                    ) : (
                      <ul className="space-y-0.5 text-xs">
                        {changes.map((c) => (
                          <li key={c.field} className="break-words">
                            <span className="font-medium">{c.field}</span>: {c.before} → {c.after}
                          </li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                  <TableCell className="text-xs text-muted-foreground">
                    {entry.ip ?? "—"}
                    {entry.userAgent ? <span className="block max-w-48 truncate" title={entry.userAgent}>{entry.userAgent}</span> : null}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {trail.pageCount > 1 ? (
        <nav aria-label="Audit trail pages" className="flex items-center gap-3 text-sm">
          {trail.page > 1 ? (
            <Link href={`${base}/audit?page=${trail.page - 1}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Newer
            </Link>
          ) : null}
          <span>
            Page {trail.page} of {trail.pageCount} · {trail.total} entries
          </span>
          {trail.page < trail.pageCount ? (
            <Link href={`${base}/audit?page=${trail.page + 1}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
