import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { getSupervisorOverview } from "@/lib/supervisor/overview";

export const metadata: Metadata = { title: "Supervisor overview" };

function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${((part / whole) * 100).toFixed(1)} %`;
}

export default async function SupervisorPage() {
  await requireScreen("supervisor");
  const o = await getSupervisorOverview(await getDb());
  const tiles = [
    { label: "Open breaches", value: o.openBreaches.toLocaleString("en-US"), hint: `of ${o.openClocks.toLocaleString("en-US")} open SLA clocks` },
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
