import { z } from "zod";
import { apiKeyPurposes, carriers, type ApiKeyPurpose, type Carrier } from "@/db/schema/enums";
import { carrierLabels } from "@/lib/orders/tracking";

// What an API key may do, and the form that makes one (Settings → API keys). Shared by the form, the server action
// and the API handlers, so the settings screen, the validation and the refusals use the same words.

export const apiKeyPurposeLabels: Record<ApiKeyPurpose, string> = {
  order_intake: "Order intake",
  carrier_events: "Carrier events",
  both: "Order intake and carrier events",
};

/** Whether a key with this purpose may send orders (POST /api/v1/orders). */
export const mayPostOrders = (purpose: ApiKeyPurpose): boolean => purpose !== "carrier_events";

/** Whether a key with this purpose may send carrier events (POST /api/v1/tracking-events). */
export const mayPostCarrierEvents = (purpose: ApiKeyPurpose): boolean => purpose !== "order_intake";

export const ORDERS_REFUSED =
  "This key may not post orders: it was made for carrier events only. Create a key for order intake in Settings → API keys. Nothing was recorded.";
export const CARRIER_EVENTS_REFUSED =
  "This key may not post carrier events: it was made for order intake only. Create a key for carrier events in Settings → API keys. Nothing was recorded.";

/** The refusal for a carrier-bound key naming an order shipped with another carrier (or with none). */
export function carrierRefusal(shippedWith: string | null, bound: readonly Carrier[]): string {
  const may = bound.map((c) => carrierLabels[c]).join(", ");
  const head = shippedWith ? `This key may not move orders shipped with ${shippedWith}` : "This key may not move orders shipped without a carrier";
  return `${head}: it is limited to ${may}. Nothing was recorded.`;
}

const NAME_MESSAGE = "Name the key, e.g. after the shop or system that will use it";

// Checkboxes arrive as one value, several, or none at all.
function asList(value: unknown): unknown {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

const isCarrier = (value: string): value is Carrier => (carriers as readonly string[]).includes(value);

export const createApiKeySchema = z
  .object({
    name: z.string({ error: NAME_MESSAGE }).trim().min(1, { error: NAME_MESSAGE }).max(100, { error: "Use at most 100 characters" }),
    purpose: z.enum(apiKeyPurposes, { error: "Choose what the key is for: order intake, carrier events, or both" }),
    // Left out: no carriers (the key is bound to none).
    carriers: z.preprocess(asList, z.array(z.string({ error: "Carriers must be carrier names" }), { error: "Carriers must be a list" }).max(carriers.length * 2)).optional(),
  })
  .superRefine((input, ctx) => {
    const chosen = input.carriers ?? [];
    const unknown = chosen.filter((c) => !isCarrier(c));
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", path: ["carriers"], message: `Unknown carrier ${unknown.map((c) => `"${c.slice(0, 40)}"`).join(", ")}: choose from ${carriers.join(", ")}` });
    } else if (chosen.length > 0 && !mayPostCarrierEvents(input.purpose)) {
      ctx.addIssue({ code: "custom", path: ["carriers"], message: "Carriers limit carrier events: choose them only for a key that sends carrier events" });
    }
  })
  // One entry per carrier, in the usual order, so the list reads the same however the form sent it.
  .transform((input) => ({ ...input, carriers: carriers.filter((c) => (input.carriers ?? []).includes(c)) }));

export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;
