import { LogOut } from "lucide-react";
import { signOutAction } from "@/app/(app)/actions";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { roleLabels } from "@/lib/auth/access";
import type { SessionUser } from "@/lib/auth/authenticate";
import { SidebarNav, type NavItem } from "./sidebar-nav";
import { DemoDataBanner } from "./demo-data-banner";
import { SignOutEverywhere } from "./sign-out-everywhere";
import { TimeZoneSync } from "./time-zone-sync";

export function AppShell({ user, navigation, demoData, children }: { user: SessionUser; navigation: NavItem[]; demoData: boolean; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="flex shrink-0 flex-col border-b bg-muted/30 md:w-56 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4">
          <span className="text-lg font-semibold tracking-tight">Orderline</span>
          <ThemeToggle />
        </div>
        <SidebarNav items={navigation} />
        <div className="mt-auto space-y-2 border-t px-4 py-4 text-sm">
          <div>
            <p className="font-medium" data-testid="current-user">
              {user.name}
            </p>
            <p className="text-muted-foreground" data-testid="current-role">
              {roleLabels[user.role]}
            </p>
          </div>
          <form action={signOutAction}>
            <Button type="submit" variant="outline" size="sm" className="w-full">
              <LogOut className="size-4" aria-hidden />
              Sign out
            </Button>
          </form>
          <SignOutEverywhere />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {demoData ? <DemoDataBanner /> : null}
        <main id="main" className="min-w-0 flex-1 p-4 md:p-8">
          {children}
        </main>
      </div>
      <TimeZoneSync />
    </div>
  );
}
