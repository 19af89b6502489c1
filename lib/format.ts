// Display formatting shared by server and client components. Times are stored as UTC instants; every view
// formats them in the viewer's time zone.

import type { Channel } from "@/db/schema/enums";
import { dateTimeFormat, numberFormat } from "@/lib/intl-cache";

export const TIME_ZONE_COOKIE = "ol_tz";

export const channelLabels: Record<Channel, string> = { email: "Email", sms: "SMS", phone: "Phone", portal: "Portal" };
export const FALLBACK_TIME_ZONE = "UTC";

export function isValidTimeZone(zone: string | undefined | null): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return dateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(value));
}

/** A calendar date (YYYY-MM-DD, no time zone) as words. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const [y, m, d] = value.split("-").map(Number);
  return dateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric", weekday: "short" }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

export function formatMoney(cents: number, currency: string): string {
  return numberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

/** "2 h 5 min", "3 d 4 h", "45 min" — a duration in seconds, for SLA time left or overdue. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.abs(Math.round(totalSeconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

export function humanize(value: string): string {
  const words = value.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
