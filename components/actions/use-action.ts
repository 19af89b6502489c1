"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action";

/**
 * THE way a screen runs a server action: pending state, a toast either way, field errors and the refusal kept for the
 * form to show beside its fields, and a refresh so the page shows things as they now are — after a refusal too, since
 * someone else may have changed them meanwhile (a stale order version, an escalation already taken).
 * `onSuccess` runs after a success (closing a dialog); `run` may give its own for one call.
 */
export function useAction<T = unknown>(onSuccess?: (data: T) => void) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<T>>, success: string, onThisSuccess?: (data: T) => void) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setErrors({});
        setRefusal(null);
        toast({ title: success, variant: "success" });
        (onThisSuccess ?? onSuccess)?.(result.data);
      } else {
        setErrors(result.fieldErrors ?? {});
        // Field errors show beside their fields; a refusal without them (the domain's) shows beside the form.
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
