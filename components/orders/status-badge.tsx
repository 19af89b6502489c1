import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { OrderStatus } from "@/db/schema";
import { humanize } from "@/lib/format";

const variantByStatus: Record<OrderStatus, BadgeProps["variant"]> = {
  received: "warning",
  confirmed: "default",
  processing: "default",
  shipped: "secondary",
  in_transit: "secondary",
  out_for_delivery: "secondary",
  delivered: "success",
  closed: "outline",
  on_hold: "warning",
  cancelled: "destructive",
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <Badge variant={variantByStatus[status]}>{humanize(status)}</Badge>;
}
