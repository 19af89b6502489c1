import { Globe, Mail, MessageSquare, Phone } from "lucide-react";
import type { Channel } from "@/db/schema";
import { channelLabels } from "@/lib/format";

const icons = { email: Mail, sms: MessageSquare, phone: Phone, portal: Globe } as const;

export function ChannelLabel({ channel }: { channel: Channel }) {
  const Icon = icons[channel];
  return (
    <span className="inline-flex items-center gap-1.5">
      <Icon className="size-3.5 text-muted-foreground" aria-hidden />
      {channelLabels[channel]}
    </span>
  );
}
