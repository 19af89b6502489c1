import { describe, expect, it } from "vitest";
import { roles } from "@/db/schema";
import { recordsRoles } from "@/lib/retention/customer-data";
import { canOpen, navigationFor, roleHome, screens } from "./access";

describe("access table", () => {
  it("sends each role home to a screen it may open", () => {
    for (const role of roles) {
      const home = Object.values(screens).find((s) => s.href === roleHome[role]);
      expect(home, role).toBeDefined();
      expect(canOpen(role, home!.id)).toBe(true);
    }
    expect(roleHome).toEqual({ rep: "/queue", fulfillment: "/fulfillment", supervisor: "/supervisor", admin: "/settings" });
  });

  it("shows each role only the screens it may open, home first", () => {
    expect(navigationFor("rep").map((s) => s.id)).toEqual(["queue", "requests", "inquiries", "orders", "messages"]);
    expect(navigationFor("fulfillment").map((s) => s.id)).toEqual(["fulfillment", "orders"]);
    expect(navigationFor("supervisor").map((s) => s.id)).toEqual(["supervisor", "kpis", "escalations", "queue", "requests", "inquiries", "fulfillment", "orders", "messages", "settings", "records"]);
    expect(navigationFor("admin").map((s) => s.id)).toEqual(["settings", "records"]);
  });

  it("keeps supervisor pages away from reps and fulfillment", () => {
    expect(canOpen("rep", "supervisor")).toBe(false);
    expect(canOpen("fulfillment", "supervisor")).toBe(false);
    expect(canOpen("admin", "supervisor")).toBe(false);
    expect(canOpen("rep", "settings")).toBe(false);
    expect(canOpen("admin", "orders")).toBe(false);
    expect(canOpen("fulfillment", "messages")).toBe(false);
    expect(canOpen("admin", "messages")).toBe(false);
    expect(canOpen("fulfillment", "requests")).toBe(false);
    expect(canOpen("admin", "requests")).toBe(false);
    expect(canOpen("fulfillment", "inquiries")).toBe(false);
    expect(canOpen("admin", "inquiries")).toBe(false);
  });

  it("opens the records screen to exactly the roles its actions and the export allow", () => {
    expect([...screens.records.roles].sort()).toEqual([...recordsRoles].sort());
  });
});
