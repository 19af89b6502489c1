"use client";

import * as React from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { cva } from "class-variance-authority";
import { XIcon } from "lucide-react";

import { cn } from "@/lib/utils";

type ToastVariant = "default" | "destructive" | "success";

type ToastOptions = {
  title: string;
  description?: string;
  variant?: ToastVariant;
  /** Milliseconds before auto-dismiss; defaults to the Toaster's duration. */
  duration?: number;
};

type ToastRecord = ToastOptions & { id: number; open: boolean };

/* ---- tiny module-level store ------------------------------------------------ */

const MAX_TOASTS = 3;
const REMOVE_DELAY_MS = 300;
const EMPTY: ToastRecord[] = [];

let records: ToastRecord[] = EMPTY;
let nextId = 0;
const listeners = new Set<() => void>();

function setRecords(next: ToastRecord[]) {
  records = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function dismissToast(id: number) {
  setRecords(records.map((t) => (t.id === id ? { ...t, open: false } : t)));
  // Keep the closed toast mounted briefly so Radix can finish its close/swipe.
  setTimeout(() => setRecords(records.filter((t) => t.id !== id)), REMOVE_DELAY_MS);
}

/** Show a toast from any client component. Requires <Toaster /> mounted once (root layout). */
function toast(options: ToastOptions): { id: number; dismiss: () => void } {
  const id = ++nextId;
  setRecords([...records, { ...options, id, open: true }].slice(-MAX_TOASTS));
  return { id, dismiss: () => dismissToast(id) };
}

/* ---- UI ----------------------------------------------------------------------- */

const toastVariants = cva(
  "group pointer-events-auto relative flex w-full items-start justify-between gap-3 overflow-hidden rounded-md border p-4 pr-8 shadow-lg transition-all data-[swipe=cancel]:translate-x-0 data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x) data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=move]:transition-none",
  {
    variants: {
      variant: {
        default: "border-border bg-background text-foreground",
        destructive: "border-destructive bg-destructive text-destructive-foreground",
        success: "border-success/50 bg-background text-foreground [&_[data-slot=toast-title]]:text-success",
      },
    },
    defaultVariants: { variant: "default" },
  },
);

function Toaster({ duration = 5000 }: { duration?: number }) {
  const toasts = React.useSyncExternalStore(subscribe, () => records, () => EMPTY);

  return (
    <ToastPrimitive.Provider swipeDirection="right" duration={duration}>
      {toasts.map(({ id, title, description, variant = "default", duration: own, open }) => (
        <ToastPrimitive.Root
          key={id}
          open={open}
          onOpenChange={(isOpen) => {
            if (!isOpen) dismissToast(id);
          }}
          duration={own}
          type={variant === "destructive" ? "foreground" : "background"}
          data-slot="toast"
          className={toastVariants({ variant })}
        >
          <div className="grid gap-1">
            <ToastPrimitive.Title data-slot="toast-title" className="text-sm font-semibold">
              {title}
            </ToastPrimitive.Title>
            {description ? (
              <ToastPrimitive.Description className="text-sm opacity-90">
                {description}
              </ToastPrimitive.Description>
            ) : null}
          </div>
          <ToastPrimitive.Close
            aria-label="Close"
            className={cn(
              "absolute top-2 right-2 rounded-sm p-1 opacity-70 transition-opacity outline-none hover:opacity-100",
              "focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background",
            )}
          >
            <XIcon className="size-4" aria-hidden="true" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport
        className="fixed right-0 bottom-0 z-[100] m-0 flex max-h-screen w-full list-none flex-col gap-2 p-4 outline-none sm:max-w-[420px]"
      />
    </ToastPrimitive.Provider>
  );
}

export { Toaster, toast, type ToastOptions, type ToastVariant };
