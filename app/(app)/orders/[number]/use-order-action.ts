"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action";

/**
 * Runs an order-page action: a toast either way, field errors kept for the form, and a refresh so the page shows
 * the order as it now is — after a refused stale edit too, so the user sees what changed.
 */
export function useOrderAction(onSuccess: () => void) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [isPending, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<unknown>>, success: string) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onSuccess();
        setErrors({});
        toast({ title: success, variant: "success" });
      } else {
        setErrors(result.fieldErrors ?? {});
        toast({ title: result.message, variant: "destructive" });
      }
      router.refresh();
    });
  }

  return { run, errors, isPending };
}
