import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { safeColor } from "@/emails/components/styles";
import { readSettings } from "@/lib/settings/read-settings";
import { textColorOn } from "@/lib/tracking-page/brand-colour";

// The customer's page: the shop's name and colour, no app shell, no sign-in (outside the (app) group's gate).

async function branding() {
  return (await readSettings(await getDb())).branding;
}

export async function generateMetadata(): Promise<Metadata> {
  const { shopName } = await branding();
  return {
    title: { absolute: `Your order · ${shopName}` },
    robots: { index: false, follow: false, nocache: true },
    referrer: "same-origin",
  };
}

export default async function TrackingLayout({ children }: { children: React.ReactNode }) {
  const brand = await branding();
  const colour = safeColor(brand.primaryColor);
  return (
    <div className="flex min-h-screen flex-col bg-muted/40">
      <header style={{ backgroundColor: colour, color: textColorOn(colour) }}>
        <p className="mx-auto max-w-xl px-4 py-3 text-lg font-semibold">{brand.shopName}</p>
      </header>
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-6">{children}</main>
      <footer className="mx-auto w-full max-w-xl px-4 pb-8 text-sm text-muted-foreground">
        Questions? Email <a className="underline" href={`mailto:${brand.supportEmail}`}>{brand.supportEmail}</a> or call{" "}
        <a className="underline" href={`tel:${brand.supportPhone.replace(/[^+\d]/g, "")}`}>
          {brand.supportPhone}
        </a>
        .
      </footer>
    </div>
  );
}
