import type { Carrier, UntrackedReason } from "@/db/schema";

// Tracking numbers per carrier: the formats each carrier issues, and the public tracking link built from one.
// "other" carriers give their own link template with {tracking} where the number goes.

type CarrierRule = { label: string; pattern: RegExp; example: string; link: (tracking: string) => string };

export const carrierRules: Record<Exclude<Carrier, "other">, CarrierRule> = {
  ups: {
    label: "UPS",
    pattern: /^1Z[0-9A-Z]{16}$/,
    example: "1Z999AA10123456784",
    link: (t) => `https://www.ups.com/track?tracknum=${encodeURIComponent(t)}`,
  },
  usps: {
    label: "USPS",
    pattern: /^(\d{20}|\d{22}|\d{26}|\d{30}|[A-Z]{2}\d{9}US)$/,
    example: "9400111899223100012345",
    link: (t) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(t)}`,
  },
  fedex: {
    label: "FedEx",
    pattern: /^(\d{12}|\d{15}|\d{20}|\d{22})$/,
    example: "123456789012",
    link: (t) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(t)}`,
  },
  dhl: {
    label: "DHL",
    pattern: /^(\d{10,11}|[A-Z]{3}\d{7}|JJD\d{18,20})$/,
    example: "1234567890",
    link: (t) => `https://www.dhl.com/en/express/tracking.html?AWB=${encodeURIComponent(t)}`,
  },
};

export const carrierLabels: Record<Carrier, string> = { ups: "UPS", usps: "USPS", fedex: "FedEx", dhl: "DHL", other: "Other carrier" };

/** Upper-cases and removes spaces and dashes people type or paste. */
export function normaliseTrackingNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** Why this tracking number cannot be right for the carrier, or null. */
export function trackingNumberProblem(carrier: Carrier, tracking: string, urlTemplate?: string | null): string | null {
  if (!tracking) return "Enter the tracking number.";
  if (carrier === "other") {
    if (!/^[A-Z0-9]{4,40}$/.test(tracking)) return "Tracking numbers are 4–40 letters and digits.";
    if (!urlTemplate) return "Give the carrier's tracking link, with {tracking} where the number goes.";
    return trackingUrlTemplateProblem(urlTemplate);
  }
  const rule = carrierRules[carrier];
  return rule.pattern.test(tracking) ? null : `This is not a ${rule.label} tracking number (for example ${rule.example}).`;
}

export function trackingUrlTemplateProblem(template: string): string | null {
  if (!template.includes("{tracking}")) return "The tracking link must contain {tracking} where the number goes.";
  try {
    const url = new URL(template.replace("{tracking}", "X"));
    return url.protocol === "https:" ? null : "The tracking link must start with https://.";
  } catch {
    return "The tracking link is not a valid web address.";
  }
}

/** The customer-facing tracking link, or null when there is nothing to link to. */
export function trackingLink(carrier: Carrier | null, tracking: string | null, urlTemplate?: string | null): string | null {
  if (!carrier || !tracking) return null;
  if (carrier === "other") return urlTemplate ? urlTemplate.replace("{tracking}", encodeURIComponent(tracking)) : null;
  return carrierRules[carrier].link(tracking);
}

/** Why an order ships without a tracking number, as staff choose it. */
export const untrackedReasonLabels: Record<UntrackedReason, string> = {
  hand_delivery: "Hand delivery by our own team",
  local_courier: "Local courier without tracking",
  other: "Other (say how)",
};

/** How an order without a tracking number travels, in the customer's words: "… is on its way <words>". */
export function travelsByWords(reason: UntrackedReason, note: string | null): string {
  if (reason === "hand_delivery") return note ? `by hand with our own delivery team (${note})` : "by hand with our own delivery team";
  if (reason === "local_courier") return note ? `with a local courier (${note})` : "with a local courier";
  return note ?? "without a tracking number";
}
