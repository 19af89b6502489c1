import "server-only";
import { cookies } from "next/headers";
import { FALLBACK_TIME_ZONE, isValidTimeZone, TIME_ZONE_COOKIE } from "./format";

/** The viewer's IANA time zone, as their browser reported it (components/app-shell/time-zone-sync.tsx). */
export async function viewerTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  const zone = value ? decodeURIComponent(value) : undefined;
  return isValidTimeZone(zone) ? zone : FALLBACK_TIME_ZONE;
}
