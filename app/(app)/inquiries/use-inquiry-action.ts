"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/action";

/**
 * Runs an inquiry action: a toast either way, field errors kept for the form, and a refresh so the page shows the
 * inquiry as it now is — after a refusal too (someone else may have answered or resolved it meanwhile).
 */
export function useInquiryAction<T>(onSuccess: (data: T) => void) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [isPending, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<T>>, success: string) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setErrors({});
        toast({ title: success, variant: "success" });
        onSuccess(result.data);
      } else {
        setErrors(result.fieldErrors ?? {});
        toast({ title: result.message, variant: "destructive" });
      }
      router.refresh();
    });
  }

  return { run, errors, isPending };
}
