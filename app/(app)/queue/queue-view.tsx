"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import type { QueuePage, QueueRow } from "@/lib/queue/list-queue";
import { assignToMe, releaseAssignment } from "./actions";
import { QueueTable } from "./queue-table";
import { ShortcutsDialog } from "./shortcuts-dialog";

type Props = { initialPage: QueuePage; search: string; userId: string; timeZone: string };

// The live part of the queue: the server renders the first page, React Query keeps it fresh (every 15 s and on
// focus) for the same filters and cursor, so the rep keeps their page and their selected order across refreshes.
export function QueueView({ initialPage, search, userId, timeZone }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const queryKey = ["queue", search];
  const { data, isFetching, isError } = useQuery({
    queryKey,
    queryFn: async (): Promise<QueuePage> => {
      const response = await fetch(`/api/queue${search}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`queue refresh failed: ${response.status}`);
      return response.json();
    },
    initialData: initialPage,
    initialDataUpdatedAt: Date.parse(initialPage.generatedAt),
    refetchInterval: 15_000,
    refetchOnWindowFocus: true,
    placeholderData: keepPreviousData,
  });
  const rows = data.rows;
  const [selectedId, setSelectedId] = useState<string | null>(rows[0]?.orderId ?? null);
  const [pendingOrderId, setPendingOrderId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  // Keep the selection on the same order across refreshes; if it left the queue, stay at the same position.
  const [previousRows, setPreviousRows] = useState(rows);
  if (previousRows !== rows) {
    setPreviousRows(rows);
    if (!rows.some((r) => r.orderId === selectedId)) {
      const oldIndex = previousRows.findIndex((r) => r.orderId === selectedId);
      setSelectedId(rows[Math.min(Math.max(oldIndex, 0), rows.length - 1)]?.orderId ?? null);
    }
  }

  const runAssignment = useCallback(
    async (row: QueueRow, kind: "assign" | "release") => {
      setPendingOrderId(row.orderId);
      const result = await (kind === "assign" ? assignToMe : releaseAssignment)({ orderId: row.orderId });
      setPendingOrderId(null);
      if (result.ok) toast({ title: kind === "assign" ? `${row.number} is yours` : `${row.number} released`, variant: "success" });
      else toast({ title: result.message, variant: "destructive" });
      await queryClient.invalidateQueries({ queryKey: ["queue"] });
    },
    [queryClient],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.metaKey || event.ctrlKey || event.altKey || helpOpen) return;
      const target = event.target as HTMLElement | null;
      if (target && (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable)) return;
      const index = rows.findIndex((r) => r.orderId === selectedId);
      const selected = rows[index];
      if (event.key === "j" || event.key === "k") {
        const next = rows[Math.min(Math.max(index + (event.key === "j" ? 1 : -1), 0), rows.length - 1)];
        if (next) {
          setSelectedId(next.orderId);
          document.querySelector(`[data-order="${next.number}"]`)?.scrollIntoView({ block: "nearest" });
        }
      } else if (event.key === "Enter" && selected) {
        router.push(`/orders/${selected.number}`);
      } else if (event.key === "/") {
        document.getElementById("queue-search")?.focus();
      } else if (event.key === "a" && selected && !selected.assigneeId) {
        void runAssignment(selected, "assign");
      } else if (event.key === "?") {
        setHelpOpen(true);
      } else {
        return;
      }
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selectedId, router, runAssignment, helpOpen]);

  return (
    <div className="space-y-2">
      <div className="flex h-5 items-center justify-end gap-2 text-xs text-muted-foreground" aria-live="polite">
        {isError ? <span className="text-destructive">Could not refresh; showing the last list.</span> : null}
        {isFetching ? <Spinner label="Refreshing" /> : null}
        <button type="button" className="underline-offset-4 hover:underline" onClick={() => setHelpOpen(true)}>
          Keyboard shortcuts (?)
        </button>
      </div>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed p-10 text-center">
          <p className="font-medium">Nothing in this view.</p>
          <p className="text-sm text-muted-foreground">No order with an open SLA clock matches these filters.</p>
        </div>
      ) : (
        <QueueTable
          rows={rows}
          selectedId={selectedId}
          userId={userId}
          timeZone={timeZone}
          pendingOrderId={pendingOrderId}
          onSelect={setSelectedId}
          onAssign={(row) => void runAssignment(row, "assign")}
          onRelease={(row) => void runAssignment(row, "release")}
        />
      )}
      <ShortcutsDialog open={helpOpen} onOpenChange={setHelpOpen} />
    </div>
  );
}
