"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";

// Changing the range re-renders the whole dashboard on the server. Navigations run in a transition, so the current
// figures stay on screen, dimmed and marked busy, until the new ones arrive; links stay real links (middle-click,
// no JavaScript).

type Navigation = { pending: boolean; navigate(href: string): void };
const NavigationContext = React.createContext<Navigation>({ pending: false, navigate: () => {} });

export function KpiNavigation({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = React.useTransition();
  const value = React.useMemo<Navigation>(() => ({ pending, navigate: (href) => startTransition(() => router.push(href, { scroll: false })) }), [pending, router]);
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useKpiNavigation(): Navigation {
  return React.useContext(NavigationContext);
}

/** A link that navigates inside the dashboard's transition (a plain link for modified clicks). */
export function KpiNavLink({ href, onClick, ...props }: React.ComponentProps<"a"> & { href: string }) {
  const { navigate } = useKpiNavigation();
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
      {...props}
    />
  );
}

/** The dashboard's figures: dimmed and busy while a new range loads. */
export function KpiPendingArea({ children, className }: { children: React.ReactNode; className?: string }) {
  const { pending } = useKpiNavigation();
  return (
    <div className={cn("relative", className)} aria-busy={pending}>
      {pending ? (
        <div className="absolute inset-x-0 top-0 z-10 flex justify-center">
          <span className="mt-2 inline-flex items-center gap-2 rounded-full border bg-background px-3 py-1 text-sm shadow-sm">
            <Spinner label="Loading the figures for the new range" /> Updating…
          </span>
        </div>
      ) : null}
      <div className={cn("transition-opacity", pending && "pointer-events-none opacity-50")}>{children}</div>
    </div>
  );
}
