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
  // The last refusal's message, for a dialog that shows it beside the form as well as in the toast.
  const [failure, setFailure] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<unknown>>, success: string) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onSuccess();
        setErrors({});
        setFailure(null);
        toast({ title: success, variant: "success" });
      } else {
        setErrors(result.fieldErrors ?? {});
        setFailure(result.message);
        toast({ title: result.message, variant: "destructive" });
      }
      router.refresh();
    });
  }

  return { run, errors, failure, isPending };
}
