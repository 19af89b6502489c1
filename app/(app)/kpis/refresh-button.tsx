"use client";

import * as React from "react";
import { RefreshCwIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { refreshKpisAction } from "./actions";

/** Recomputes the rollups now; the page re-renders with the new figures when the action returns. */
export function RefreshButton() {
  const [pending, startTransition] = React.useTransition();
  const [message, setMessage] = React.useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex items-center gap-2">
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await refreshKpisAction({});
            setMessage(result.ok ? { ok: true, text: `Refreshed in ${(result.data.ms / 1000).toFixed(1)} s.` } : { ok: false, text: result.message });
          })
        }
      >
        {pending ? <Spinner label="Refreshing the figures" /> : <RefreshCwIcon aria-hidden="true" />}
        {pending ? "Refreshing…" : "Refresh now"}
      </Button>
      <span role="status" className={message?.ok === false ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
        {message?.text}
      </span>
    </div>
  );
}
