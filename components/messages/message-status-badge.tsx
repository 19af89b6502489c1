import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { MessageStatus } from "@/db/schema";
import { humanize } from "@/lib/format";

const variantByStatus: Record<MessageStatus, BadgeProps["variant"]> = {
  queued: "outline",
  sending: "secondary",
  sent: "default",
  delivered: "success",
  bounced: "destructive",
  complained: "destructive",
  failed: "destructive",
  logged: "outline",
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  return <Badge variant={variantByStatus[status]}>{humanize(status)}</Badge>;
}
