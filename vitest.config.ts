import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside React Server Components; tests call server code directly.
      "server-only": path.resolve(import.meta.dirname, "db/testing/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    // Migrates once per run (a PGlite snapshot, or a template database on PostgreSQL); files clone from it.
    globalSetup: ["./db/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
