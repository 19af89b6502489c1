import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireScreen } from "@/lib/auth/session";
import { readSettings } from "@/lib/settings/read-settings";
import { PhoneOrderForm } from "./phone-order-form";

export const metadata: Metadata = { title: "New phone order" };

// Orders are kept in one currency here: receiveOrder's default, as for API orders that send none.
const CURRENCY = "USD";

/** Every zone the platform knows, plus the calendar's own if it is an alias missing from that list. */
function timeZoneOptions(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

export default async function NewPhoneOrderPage() {
  await requireScreen("phoneOrder");
  const { businessCalendar } = await readSettings(await getDb());
  return (
    <div className="max-w-4xl space-y-6">
      <div className="space-y-1">
        <Link href="/orders" className="text-sm text-muted-foreground hover:underline">
          ← Orders
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">New phone order</h1>
        <p className="text-sm text-muted-foreground">
          Enter the order as the customer gives it. It is checked as strictly as an order from the shop, arrives as received, and is
          confirmed like any other order.
        </p>
      </div>
      <PhoneOrderForm currency={CURRENCY} defaultTimeZone={businessCalendar.timeZone} timeZones={timeZoneOptions(businessCalendar.timeZone)} />
    </div>
  );
}
