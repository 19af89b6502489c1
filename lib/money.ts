// Amounts typed by a person, in the currency's major units ("12.50", "1,234.5"), to and from integer cents.
// Parsed from the digits, never through a float: 0.1 + 0.2 problems cannot reach an order's total.

// Commas only as thousands separators (1,234.50), so a European "12,50" is refused rather than read as 1250.
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$/;
// Far above any price; keeps the digits inside exact integer arithmetic.
const MAX_WHOLE_DIGITS = 12;

/** Cents for a typed amount, or null when it is not a plain non-negative amount with at most two decimals. */
export function parseAmountToCents(text: string): number | null {
  const match = AMOUNT.exec(text.trim().replace(/^\$\s*/, ""));
  if (!match || (match[1] === undefined && match[2] === undefined)) return null;
  const whole = (match[1] ?? "0").replaceAll(",", "");
  if (whole.length > MAX_WHOLE_DIGITS) return null;
  const fraction = (match[2] ?? "").padEnd(2, "0");
  return Number(whole) * 100 + Number(fraction);
}

/** Cents as an amount to edit ("12.50"), the inverse of parseAmountToCents. */
export function centsToAmount(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = String(Math.abs(cents % 100)).padStart(2, "0");
  return `${cents < 0 && whole === 0 ? "-" : ""}${whole}.${rest}`;
}
