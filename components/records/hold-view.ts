import { formatDateTime } from "@/lib/format";
import type { HoldView } from "./legal-hold-control";

/** A legal hold as the records controls show it: the reason, and who placed it when, in the viewer's zone. */
export function holdView(hold: { reason: string | null; at: Date | null; by?: string | null } | null, timeZone: string): HoldView {
  if (!hold?.at) return null;
  return { reason: hold.reason ?? "", placed: `placed ${hold.by ? `by ${hold.by} ` : ""}${formatDateTime(hold.at, timeZone)}` };
}
