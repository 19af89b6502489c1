"use client";

import { useQuery } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { useEffect } from "react";
import type { Role } from "@/db/schema";
import { humanize } from "@/lib/format";
import { PRESENCE_BEAT_MS } from "@/lib/orders/presence-timing";

type Viewer = { name: string; role: Role };

/**
 * "Also viewing": who else has this order open right now. Each beat says "I'm here" and answers with the
 * others; leaving the page says goodbye so the others stop seeing us at once.
 */
export function OrderPresence({ orderId }: { orderId: string }) {
  const url = `/api/orders/${orderId}/viewers`;
  const { data } = useQuery({
    queryKey: ["order-viewers", orderId],
    queryFn: async (): Promise<Viewer[]> => {
      const response = await fetch(url, { method: "POST" });
      if (!response.ok) return [];
      return ((await response.json()) as { viewers: Viewer[] }).viewers;
    },
    refetchInterval: PRESENCE_BEAT_MS,
    staleTime: 0,
  });
  useEffect(() => {
    const leave = () => void fetch(url, { method: "DELETE", keepalive: true });
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [url]);

  const viewers = data ?? [];
  return (
    <p className="flex items-center gap-1.5 text-sm text-muted-foreground" aria-live="polite" data-testid="order-presence">
      {viewers.length > 0 ? (
        <>
          <Eye className="size-4" aria-hidden />
          <span>
            Also viewing: {viewers.map((v) => `${v.name} (${humanize(v.role).toLowerCase()})`).join(", ")}
          </span>
        </>
      ) : null}
    </p>
  );
}
