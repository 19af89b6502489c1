import type { OrderStatus } from "@/db/schema";

// design.md "Order lifecycle": received → confirmed → processing → shipped → in_transit → out_for_delivery →
// delivered → closed; cancelled and on_hold beside it. The one table of allowed moves, with the reason for each
// refusal, used by the status menu (what to offer) and by changeOrderStatus (what to refuse).

export const mainLine: readonly OrderStatus[] = [
  "received",
  "confirmed",
  "processing",
  "shipped",
  "in_transit",
  "out_for_delivery",
  "delivered",
  "closed",
];

const cancellable: readonly OrderStatus[] = ["received", "confirmed", "processing"];
// Once shipped, carriers may skip steps (shipped → delivered); before that each step is a check someone makes.
const firstCarrierStep = mainLine.indexOf("shipped");

export type OrderState = { status: OrderStatus; statusBeforeHold: OrderStatus | null };

/** Why this move is not allowed, or null when it is. */
export function transitionRefusal(order: OrderState, to: OrderStatus): string | null {
  const from = order.status;
  if (from === to) return `The order is already ${label(to)}.`;
  if (from === "cancelled") return "The order is cancelled; nothing more can change.";
  if (from === "closed") return "The order is closed; nothing more can change.";
  if (to === "cancelled") {
    if (from === "on_hold" || cancellable.includes(from)) return null;
    return "Already shipped — it can no longer be cancelled; a return can be arranged instead.";
  }
  if (to === "on_hold") {
    return cancellable.includes(from) ? null : "Only orders not yet shipped can be put on hold.";
  }
  if (from === "on_hold") {
    return to === order.statusBeforeHold ? null : `An order on hold goes back to ${label(order.statusBeforeHold ?? "received")} when released.`;
  }
  const i = mainLine.indexOf(from);
  const j = mainLine.indexOf(to);
  if (j < i) return `Orders never go backwards (${label(from)} → ${label(to)}).`;
  if (to === "closed" && from !== "delivered") return "Only delivered orders can be closed.";
  if (j > i + 1 && i < firstCarrierStep) return `Next comes ${label(mainLine[i + 1]!)}; steps before shipping cannot be skipped.`;
  return null;
}

/** The statuses this order may move to now, in lifecycle order. */
export function allowedNextStatuses(order: OrderState): OrderStatus[] {
  const candidates: OrderStatus[] = [...mainLine, "on_hold", "cancelled"];
  return candidates.filter((to) => transitionRefusal(order, to) === null);
}

function label(status: OrderStatus): string {
  return status.replaceAll("_", " ");
}
