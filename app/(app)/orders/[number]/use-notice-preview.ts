"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { PreviewNoticeInput } from "@/lib/notifications/notice-schemas";
import type { NoticePreview } from "@/lib/notifications/preview-notice";
import { previewNoticeAction } from "./notice-actions";

export const PREVIEW_DEBOUNCE_MS = 300;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The server's rendering of the notice as the rep types: debounced so a burst of keystrokes asks once. `current` is
 * true only when the preview shown is for exactly what is on screen now — the composer sends nothing before that.
 */
export function useNoticePreview(input: PreviewNoticeInput & { fields: Record<string, string> }, enabled: boolean) {
  const key = JSON.stringify(input);
  const debouncedKey = useDebounced(key, PREVIEW_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: ["notice-preview", debouncedKey],
    queryFn: async (): Promise<NoticePreview> => {
      const result = await previewNoticeAction(JSON.parse(debouncedKey) as PreviewNoticeInput);
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    enabled,
    placeholderData: keepPreviousData,
    // Quiet hours depend on the clock: a preview older than a minute may say the wrong time.
    staleTime: 60_000,
    retry: false,
  });
  const current = key === debouncedKey && !query.isPlaceholderData && !query.isFetching && query.isSuccess;
  return { preview: query.data ?? null, current, error: query.error instanceof Error ? query.error.message : null, isFetching: query.isFetching };
}
