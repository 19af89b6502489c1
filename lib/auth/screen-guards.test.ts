import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A page under a loading.tsx (or a <Suspense>) streams its fallback, and with it a 200, before the page's own
// requireScreen runs, so a refused user would get the 403 page with a 200. Such pages must be guarded by a layout
// at or above the boundary (below the (app) gate, which checks only the session). See app/(app)/kpis/layout.tsx.

const root = path.resolve(import.meta.dirname, "../..");
const appGroup = path.join(root, "app/(app)");

function streamingFiles(): string[] {
  return readdirSync(appGroup, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx$/.test(e.name) && !/\.test\.tsx$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => path.basename(file) === "loading.tsx" || /<Suspense[\s>]/.test(readFileSync(file, "utf8")));
}

function guardingLayout(file: string): string | null {
  for (let dir = path.dirname(file); dir.startsWith(appGroup) && dir !== appGroup; dir = path.dirname(dir)) {
    const layout = path.join(dir, "layout.tsx");
    if (existsSync(layout) && /\brequire(Screen|Role)\(/.test(readFileSync(layout, "utf8"))) return layout;
  }
  return null;
}

describe("streaming pages and their role checks", () => {
  it("finds the KPI pages' loading states (the check below has something to check)", () => {
    expect(streamingFiles().map((f) => path.relative(root, f))).toEqual(expect.arrayContaining(["app/(app)/kpis/(dashboard)/loading.tsx", "app/(app)/kpis/[kpi]/loading.tsx"]));
  });

  it("guards every loading.tsx and <Suspense> with a layout that checks the role above the boundary", () => {
    const unguarded = streamingFiles()
      .filter((file) => guardingLayout(file) === null)
      .map((file) => path.relative(root, file));
    expect(unguarded, "add a layout.tsx calling requireScreen at or above these").toEqual([]);
  });
});
