"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider } from "next-themes";
import { useState } from "react";
import { z } from "zod";
import { Toaster } from "@/components/ui/toast";

// zod probes whether it may compile parsers with new Function(); under the Content-Security-Policy (no
// 'unsafe-eval') the browser refuses and reports a violation every time. In the browser, skip the probe and the
// compiling; the server keeps its faster compiled parsers.
if (typeof window !== "undefined") z.config({ jitless: true });

/** `nonce`: this page's script nonce (proxy.ts), for next-themes' inline script that sets the theme before paint. */
export function Providers({ children, nonce }: { children: React.ReactNode; nonce?: string }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } }));
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <QueryClientProvider client={queryClient}>
        {children}
        <Toaster />
      </QueryClientProvider>
    </ThemeProvider>
  );
}
