import { defineConfig, devices } from "@playwright/test";

// The cluster's Playwright pass (e2e/cluster/*.spec.ts): bench/cluster.ts starts nginx in front of three
// `next start` instances and one worker, then runs this with CLUSTER_URL (the balancer), CLUSTER_INSTANCES (each
// instance's own address, to pin a step to one instance), DATABASE_URL and CLUSTER_CONTROL_URL (what the fake
// providers received). No webServer: the cluster is already running. The main suite (../../playwright.config.ts)
// ignores this folder.
const baseURL = process.env.CLUSTER_URL;
if (!baseURL) throw new Error("The cluster pass runs through the cluster script: npm run build && npx tsx bench/cluster.ts --quick");

export default defineConfig({
  testDir: ".",
  fullyParallel: false,
  workers: 1,
  // At most one retry, as the main suite; every test makes its own account or takes an order no earlier try took.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: process.env.CLUSTER_REPORT_FILE ?? "../../test-results/cluster/report.json" }]],
  outputDir: "../../test-results/cluster/artifacts",
  // A ceiling, not a wait: three instances and a worker share two busy cores.
  timeout: 90_000,
  expect: { timeout: 15_000 },
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
          args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
});
