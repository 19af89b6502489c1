import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { canOpen } from "@/lib/auth/access";
import { requireScreen } from "@/lib/auth/session";
import { queueFiltersToSearch } from "@/lib/queue/queue-filters";
import { breachedClocksWords, ordersWords, type OpenBreaches } from "@/lib/sla/open-breaches";
import { getSupervisorOverview } from "@/lib/supervisor/overview";
import type { Role } from "@/db/schema";

export const metadata: Metadata = { title: "Supervisor overview" };

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)} %`;
}

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";
/** The queue's breached band: the same orders, one row each. */
const breachedQueueHref = `/queue${queueFiltersToSearch({ band: "breached", assignee: "anyone" })}`;
/** The KPI drill-down that lists the breached clocks one by one. */
const breachedClocksHref = "/kpis/sla-compliance?view=open";

// Clocks and orders side by side, each named: one order can have several clocks past due, so the two differ, and
// each links to where it is listed (only the screens this role can open).
function BreachesTile({ breaches, openClocks, role }: { breaches: OpenBreaches; openClocks: number; role: Role }) {
  const orders = ordersWords(breaches.orders);
  const clocks = (
    <>
      <span className="text-3xl tabular-nums">{breaches.clocks.toLocaleString("en-US")}</span>{" "}
      <span className="text-base font-medium">breached {breaches.clocks === 1 ? "clock" : "clocks"}</span>
    </>
  );
  return (
    <Card data-testid="overview-breaches">
      <CardHeader>
        <CardDescription>Open breaches</CardDescription>
        <CardTitle>
          {canOpen(role, "kpis") ? (
            <Link href={breachedClocksHref} className="underline-offset-4 hover:underline" data-testid="overview-breached-clocks">
              {clocks}
            </Link>
          ) : (
            <span data-testid="overview-breached-clocks">{clocks}</span>
          )}
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-1 text-sm text-muted-foreground">
        <p>
          on{" "}
          {canOpen(role, "queue") ? (
            <Link href={breachedQueueHref} className={linkClass} data-testid="overview-breached-orders">
              {orders}
            </Link>
          ) : (
            <span data-testid="overview-breached-orders">{orders}</span>
          )}{" "}
          (the queue&apos;s Breached)
        </p>
        {breaches.withoutOrder > 0 ? <p>{breachedClocksWords(breaches.withoutOrder)} about no order</p> : null}
        <p>of {openClocks.toLocaleString("en-US")} open SLA clocks</p>
      </CardContent>
    </Card>
  );
}

export default async function SupervisorPage() {
  const user = await requireScreen("supervisor");
  const o = await getSupervisorOverview(await getDb());
  const tiles = [
    { label: "Open escalations", value: o.openEscalations.toLocaleString("en-US"), hint: "open or acknowledged", href: "/escalations" },
    { label: "SLA met on time, 7 days", value: percent(o.metLast7d - o.metLateLast7d, o.metLast7d), hint: `${o.metLateLast7d} met late` },
    { label: "Messages, 24 hours", value: o.messagesLast24h.toLocaleString("en-US"), hint: `${o.bouncedOrFailedLast7d} bounced or failed in 7 days` },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Supervisor overview</h1>
        <p className="text-sm text-muted-foreground">Where the team stands right now.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <BreachesTile breaches={o.openBreaches} openClocks={o.openClocks} role={user.role} />
        {tiles.map((tile) => {
          const card = (
            <Card className={"href" in tile ? "h-full transition-colors hover:bg-accent/50" : undefined}>
              <CardHeader>
                <CardDescription>{tile.label}</CardDescription>
                <CardTitle className="text-3xl tabular-nums">{tile.value}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">{tile.hint}</CardContent>
            </Card>
          );
          // A tile with somewhere to go is one link (its label and figure read as the link's name).
          return "href" in tile && tile.href ? (
            <Link key={tile.label} href={tile.href} className="rounded-xl focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
              {card}
            </Link>
          ) : (
            <div key={tile.label}>{card}</div>
          );
        })}
      </div>
    </div>
  );
}
