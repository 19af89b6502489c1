import type { Role } from "@/db/schema";

// The one table of which role may open which screen. Pages guard themselves with it (requireScreen), and the
// sidebar is drawn from it, so a link is never shown for a page that would refuse the user.

export type ScreenId =
  | "queue"
  | "requests"
  | "inquiries"
  | "orders"
  | "phoneOrder"
  | "fulfillment"
  | "messages"
  | "messageQuality"
  | "supervisor"
  | "kpis"
  | "escalations"
  | "records"
  | "settings";

export type Screen = { id: ScreenId; href: string; label: string; roles: readonly Role[] };

export const screens: Record<ScreenId, Screen> = {
  queue: { id: "queue", href: "/queue", label: "Queue", roles: ["rep", "supervisor"] },
  // Modification and cancellation requests: reps decide them (design.md "People and roles"), supervisors too.
  requests: { id: "requests", href: "/requests", label: "Requests", roles: ["rep", "supervisor"] },
  // Customer questions: reps answer inquiries (design.md "People and roles"), supervisors too.
  inquiries: { id: "inquiries", href: "/inquiries", label: "Inquiries", roles: ["rep", "supervisor"] },
  orders: { id: "orders", href: "/orders", label: "Orders", roles: ["rep", "fulfillment", "supervisor"] },
  // Order entry is customer service's work (SOP 003 §3.1); supervisors have everything a rep has. Not in the sidebar:
  // the orders list links to it.
  phoneOrder: { id: "phoneOrder", href: "/orders/new", label: "New phone order", roles: ["rep", "supervisor"] },
  fulfillment: { id: "fulfillment", href: "/fulfillment", label: "Fulfillment", roles: ["fulfillment", "supervisor"] },
  // The communication log (and, without provider keys, the local outbox): customer service's record of what was said.
  messages: { id: "messages", href: "/messages", label: "Messages", roles: ["rep", "supervisor"] },
  // Quality review of the log (SOP 002 §6): the per-rep summary. Not in the sidebar: the log links to it.
  messageQuality: { id: "messageQuality", href: "/messages/quality", label: "Quality review", roles: ["supervisor"] },
  supervisor: { id: "supervisor", href: "/supervisor", label: "Overview", roles: ["supervisor"] },
  kpis: { id: "kpis", href: "/kpis", label: "KPIs", roles: ["supervisor"] },
  // Anyone who works orders raises escalations (from the order, request or inquiry); supervisors handle them here.
  escalations: { id: "escalations", href: "/escalations", label: "Escalations", roles: ["supervisor"] },
  // Legal holds, a customer's data export and erasure, without the order workspace: admins hold these duties but not
  // the orders screen (docs/decisions.md). The same roles as the records actions (lib/retention recordsRoles).
  records: { id: "records", href: "/records", label: "Records", roles: ["supervisor", "admin"] },
  // Supervisors edit SLA policies here; admins the calendar, branding and users.
  settings: { id: "settings", href: "/settings", label: "Settings", roles: ["supervisor", "admin"] },
};

/** Who reviews the communication log, exports it and sees its quality summary (SOP 002 §6: managers review). */
export const messageReviewRoles: readonly Role[] = screens.messageQuality.roles;

/** Who may correct an order's address or items (design.md: reps decide modifications; supervisors too). */
export const orderCorrectionRoles: readonly Role[] = ["rep", "supervisor"];

/** Who may raise an escalation of an order, request or inquiry (design.md "Escalations": anyone who works orders). */
export const escalationRaiserRoles: readonly Role[] = ["rep", "fulfillment", "supervisor"];

/** Where each role lands after signing in. */
export const roleHome: Record<Role, string> = {
  rep: screens.queue.href,
  fulfillment: screens.fulfillment.href,
  supervisor: screens.supervisor.href,
  admin: screens.settings.href,
};

// Sidebar order per role: home first.
const navOrder: ScreenId[] = ["supervisor", "kpis", "escalations", "queue", "requests", "inquiries", "fulfillment", "orders", "messages", "settings", "records"];

export function canOpen(role: Role, screen: ScreenId): boolean {
  return screens[screen].roles.includes(role);
}

export function navigationFor(role: Role): Screen[] {
  return navOrder.filter((id) => canOpen(role, id)).map((id) => screens[id]);
}

export const roleLabels: Record<Role, string> = {
  rep: "Customer service",
  fulfillment: "Fulfillment",
  supervisor: "Supervisor",
  admin: "Admin",
};
