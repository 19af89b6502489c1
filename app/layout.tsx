import type { Metadata } from "next";
import { headers } from "next/headers";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Orderline", template: "%s · Orderline" },
  description: "Keeps your customers truthfully informed about their orders.",
};

// Reading the request's nonce (proxy.ts) renders every page per request, which the nonce needs anyway: a page
// built ahead of time would carry scripts without it, and the Content-Security-Policy would block them.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen font-sans">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
