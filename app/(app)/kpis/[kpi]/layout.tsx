import { notFound } from "next/navigation";
import { isKpiId } from "@/lib/kpis/registry";

// An unknown KPI answers 404 from here, above loading.tsx's Suspense boundary, not a 200 with the not-found page
// streamed into it.
export default async function KpiLayout({ children, params }: { children: React.ReactNode; params: Promise<{ kpi: string }> }) {
  if (!isKpiId((await params).kpi)) notFound();
  return children;
}
