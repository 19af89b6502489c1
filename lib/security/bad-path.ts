// A path no link of Orderline's can produce: percent-encoding that does not decode (Next.js answers a 500 for it in a
// dynamic segment) or a control character once decoded (a NUL reached PostgreSQL as an order number and failed
// there). proxy.ts answers 400 before any page or route sees it.

// C0 controls and DEL: never part of an order number, token, id or KPI name.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a request path is refused, or null when it is fine. */
export function badPathReason(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "malformed percent-encoding";
    }
    if (CONTROL.test(decoded)) return "a control character";
  }
  return null;
}
