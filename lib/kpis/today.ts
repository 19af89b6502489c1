import { dateTimeFormat } from "@/lib/intl-cache";
import { dayNumberOf, isoFromDayNumber } from "@/lib/sla/zoned-time";

/** Today's local date (YYYY-MM-DD) in a time zone. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return isoFromDayNumber(dayNumberOf(zone, now.getTime()));
}

/** "10:32 AM EST" when it was today in the viewer's zone, else with the date. */
export function formatAsOf(at: Date, viewerZone: string, now: Date = new Date()): string {
  const sameDay = todayIn(viewerZone, at) === todayIn(viewerZone, now);
  return dateTimeFormat("en-US", {
    timeZone: viewerZone,
    ...(sameDay ? {} : { month: "short", day: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(at);
}
