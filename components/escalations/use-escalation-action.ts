"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action";

/**
 * Runs an escalation action: a toast either way, field errors and the refusal kept for the form to show beside it, and
 * a refresh so the page shows the escalation as it now is — after a refusal too, since another supervisor may have
 * acknowledged or resolved it meanwhile.
 */
export function useEscalationAction<T>() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<T>>, success: string, onSuccess?: (data: T) => void) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setErrors({});
        setRefusal(null);
        toast({ title: success, variant: "success" });
        onSuccess?.(result.data);
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
