import type { Metadata } from "next";
import Link from "next/link";
import { GetFilterForm } from "@/components/filters/get-filter-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { parseRecordsSearch, RECORDS_SEARCH_LIMIT, searchCustomerRecords } from "@/lib/retention/customer-records";
import { firstSearchParams, type PageSearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Records" };

const link = "text-primary underline-offset-4 hover:underline";

// The records screen (supervisors and admins): find a customer by email or order number, then their records page
// (holds, orders, export, erasure). No order workspace: admins may not open order pages.
export default async function RecordsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireScreen("records");
  const search = parseRecordsSearch(firstSearchParams(await searchParams).q);
  const result = search.kind === "search" ? await searchCustomerRecords(await getDb(), search) : null;
  const term = search.kind === "empty" ? "" : search.term;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Records</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Legal holds, a customer&apos;s data export and erasure. Find the customer by their email address (or how it begins) or by one of their order
          numbers.
        </p>
      </div>

      <GetFilterForm action="/records" role="search" aria-label="Find a customer's records" className="flex flex-wrap items-end gap-2">
        <div className="space-y-1">
          <Label htmlFor="q">Email or order number</Label>
          <Input
            id="q"
            name="q"
            defaultValue={term}
            className="w-80"
            placeholder="e.g. ines.walk or OL-100123"
            aria-invalid={search.kind === "invalid" ? true : undefined}
            aria-describedby={search.kind === "invalid" ? "q-error" : undefined}
          />
        </div>
        <Button type="submit">Search</Button>
      </GetFilterForm>
      {search.kind === "invalid" ? (
        <p id="q-error" role="alert" className="text-sm font-medium text-destructive">
          {search.message}
        </p>
      ) : null}

      {result && result.hits.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">No customer matches “{term}”.</p>
          <p className="text-sm text-muted-foreground">
            Check the spelling, type less of the email, or search by an order number. Erased customers are found by their order numbers only.
          </p>
        </div>
      ) : null}

      {result && result.hits.length > 0 ? (
        <section aria-labelledby="results-heading" className="space-y-2">
          <h2 id="results-heading" className="text-lg font-semibold">
            {result.more ? `The first ${RECORDS_SEARCH_LIMIT} customers` : `${result.hits.length} ${result.hits.length === 1 ? "customer" : "customers"}`}
          </h2>
          {result.more ? <p className="text-sm text-muted-foreground">More customers match; type more of the email to narrow it down.</p> : null}
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Customer</TableHead>
                <TableHead>Email</TableHead>
                <TableHead className="text-right">Orders</TableHead>
                <TableHead>Records</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.hits.map((hit) => (
                <TableRow key={hit.customerId}>
                  <TableCell className="font-medium">
                    <Link href={`/records/customers/${hit.customerId}`} className={link}>
                      {hit.name}
                    </Link>
                    {hit.matchedOrderNumber ? <span className="ml-2 text-xs text-muted-foreground">placed {hit.matchedOrderNumber}</span> : null}
                  </TableCell>
                  <TableCell>{hit.email ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{hit.orderCount.toLocaleString("en-US")}</TableCell>
                  <TableCell className="space-x-1">
                    {hit.anonymisedAt ? <Badge variant="outline">Erased</Badge> : null}
                    {hit.onHold ? <Badge variant="warning">Legal hold</Badge> : null}
                    {!hit.anonymisedAt && !hit.onHold ? <span className="text-muted-foreground">—</span> : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ) : null}
    </div>
  );
}
