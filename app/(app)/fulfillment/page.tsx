import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/orders/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { getFulfillmentBoard } from "@/lib/orders/fulfillment-board";

export const metadata: Metadata = { title: "Fulfillment" };

export default async function FulfillmentPage() {
  await requireScreen("fulfillment");
  const columns = await getFulfillmentBoard(await getDb());
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Fulfillment board</h1>
        <p className="text-sm text-muted-foreground">Oldest orders first in each column.</p>
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {columns.map((column) => (
          <Card key={column.id} aria-labelledby={`column-${column.id}`}>
            <CardHeader>
              <CardTitle id={`column-${column.id}`} className="flex items-center justify-between">
                {column.title}
                <span className="text-sm font-normal text-muted-foreground">{column.total.toLocaleString("en-US")}</span>
              </CardTitle>
            </CardHeader>
            <CardContent>
              {column.cards.length === 0 ? (
                <p className="text-sm text-muted-foreground">Nothing here.</p>
              ) : (
                <ul className="space-y-2">
                  {column.cards.map((card) => (
                    <li key={card.id} className="rounded-md border p-2 text-sm">
                      <div className="flex items-center justify-between gap-2">
                        <Link href={`/orders/${card.number}`} className="font-medium text-primary hover:underline">
                          {card.number}
                        </Link>
                        <StatusBadge status={card.status} />
                      </div>
                      <p className="text-muted-foreground">{card.customerName}</p>
                      <p className="text-xs text-muted-foreground">Promised {formatDate(card.promisedDeliveryDate)}</p>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        ))}
      </div>
    </div>
  );
}
