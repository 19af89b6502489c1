import { AppShell } from "@/components/app-shell/app-shell";
import { getDb } from "@/db/client";
import { navigationFor } from "@/lib/auth/access";
import { requireUser } from "@/lib/auth/session";
import { demoDataOn } from "@/lib/demo-data";

// The gate for every signed-in screen; each page checks its own role again (requireScreen).
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const demoData = await demoDataOn(await getDb());
  return (
    <AppShell user={user} navigation={navigationFor(user.role).map(({ href, label }) => ({ href, label }))} demoData={demoData}>
      {children}
    </AppShell>
  );
}
