import { z } from "zod";
import { orderContentFields, refineOrderTotal } from "@/lib/integrations/order-intake-schema";

// A phone order is validated by the API's own rules (the same field schemas, the same total limit), so an order
// a rep types in is held to what a shop's system must send. It differs only where a person is the source: no
// external id (there is no sending system), no placedAt (the order is placed when the rep submits it), and the
// payment method the customer names on the call.

export const paymentMethods = ["card", "bank_transfer", "paypal"] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const phoneOrderSchema = z
  .object({
    ...orderContentFields,
    paymentMethod: z.enum(paymentMethods, { error: "Pick how the customer pays" }),
  })
  .superRefine(refineOrderTotal);

export type PhoneOrder = z.output<typeof phoneOrderSchema>;
export type PhoneOrderInput = z.input<typeof phoneOrderSchema>;
