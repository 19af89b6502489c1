"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action";

/**
 * Runs a records action (legal hold, erasure): a toast either way, field errors and the refusal kept for the dialog to
 * show beside the form, and a refresh so the page shows the records as they now are — after a refusal too, since
 * someone else may have placed or released a hold meanwhile.
 */
export function useRecordsAction() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<unknown>>, success: string, onSuccess?: () => void) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setErrors({});
        setRefusal(null);
        toast({ title: success, variant: "success" });
        onSuccess?.();
      } else {
        setErrors(result.fieldErrors ?? {});
        setRefusal(result.fieldErrors ? null : result.message);
        toast({ title: result.message, variant: "destructive" });
      }
      router.refresh();
    });
  }

  function reset() {
    setErrors({});
    setRefusal(null);
  }

  return { run, errors, refusal, isPending, reset };
}
