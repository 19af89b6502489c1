import { TriangleAlert } from "lucide-react";

/** Above every staff page while demo data is on (lib/demo-data.ts): nobody should mistake it for a real installation. */
export function DemoDataBanner() {
  return (
    <div role="note" data-testid="demo-data-banner" className="flex items-center gap-2 border-b border-warning/50 bg-warning/15 px-4 py-2 text-sm font-medium md:px-8">
      <TriangleAlert className="size-4 shrink-0 text-warning" aria-hidden />
      Demo data — do not use for real customers
    </div>
  );
}
