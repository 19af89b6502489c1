import { defineConfig, devices } from "@playwright/test";
import { e2eServerEnv } from "./e2e/server-env";

// The suite runs against the production server as `npm start` runs it, server.mjs (build first: `npm run build`).
// With DATABASE_URL set it uses that PostgreSQL (CI seeds it before the run); otherwise an embedded PGlite folder of
// its own, seeded on first start (e2e/server-env.ts).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  // The cluster pass needs nginx and three instances: bench/cluster.ts runs it with its own config.
  testIgnore: ["**/e2e/cluster/**"],
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // A ceiling, not a wait: multi-step flows on a busy 2-core CI machine can take 20 s.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          // The machines have no internet: keep Chromium from reaching for Google's services.
          args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    command: `node server.mjs -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/signin`,
    timeout: 120_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    env: e2eServerEnv(),
  },
});
