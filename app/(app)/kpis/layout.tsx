import { requireScreen } from "@/lib/auth/session";

// The role check sits here, above every loading.tsx's Suspense boundary: a page below one starts streaming the skeleton
// (and its 200) before its own requireScreen runs, so a refused page would answer 200. From the layout it answers 403.
// The dashboard's page and skeleton live in the (dashboard) group so that its loading boundary does not wrap
// [kpi]/layout.tsx, whose unknown-KPI check must run before anything streams too.
export default async function KpisLayout({ children }: { children: React.ReactNode }) {
  await requireScreen("kpis");
  return children;
}
