import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates migrations here; the app and the tests apply them at run time (db/migrate.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
