import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Security headers on every response, static files included; proxy.ts adds the Content-Security-Policy.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(staticSecurityHeaders()).map(([key, value]) => ({ key, value })) }];
  },
  experimental: {
    // forbidden() answers a real 403 for pages a role may not open.
    authInterrupts: true,
    // Proof-of-delivery photos (up to 8 MB) travel in a server action's body; the default limit is 1 MB.
    serverActions: { bodySizeLimit: "10mb" },
  },
};

export default nextConfig;
