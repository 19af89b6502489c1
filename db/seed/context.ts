import type {
  accuracyErrors,
  changeRequests,
  ClockKind,
  escalationComments,
  escalations,
  feedback,
  inquiries,
  messageEvents,
  NewMessage,
  NewOrder,
  NewSlaClock,
  orderEvents,
  orderExceptions,
  orderItems,
  OrderStatus,
} from "@/db/schema";
import { clockPlanner } from "@/lib/sla/clock-plan";
import { clockRow } from "@/lib/sla/clocks";
import { defaultBusinessCalendar, defaultSlaPolicy } from "@/lib/settings/defaults";
import type { CustomerProfile, SeedUsers } from "./people";
import type { Rng } from "./random";

// The seed writes the default settings, so clocks are planned exactly as the app plans them.
export const seedPlanner = clockPlanner(defaultBusinessCalendar, defaultSlaPolicy);
const planner = seedPlanner;

// Shared types of the seed: the rows of one chunk, the run-wide context and the per-order working state.

export type ChunkRows = {
  orders: NewOrder[];
  orderItems: (typeof orderItems.$inferInsert)[];
  orderEvents: (typeof orderEvents.$inferInsert)[];
  orderExceptions: (typeof orderExceptions.$inferInsert)[];
  accuracyErrors: (typeof accuracyErrors.$inferInsert)[];
  changeRequests: (typeof changeRequests.$inferInsert)[];
  inquiries: (typeof inquiries.$inferInsert)[];
  escalations: (typeof escalations.$inferInsert)[];
  escalationComments: (typeof escalationComments.$inferInsert)[];
  slaClocks: NewSlaClock[];
  messages: NewMessage[];
  messageEvents: (typeof messageEvents.$inferInsert)[];
  feedback: (typeof feedback.$inferInsert)[];
};

export function emptyRows(): ChunkRows {
  return {
    orders: [],
    orderItems: [],
    orderEvents: [],
    orderExceptions: [],
    accuracyErrors: [],
    changeRequests: [],
    inquiries: [],
    escalations: [],
    escalationComments: [],
    slaClocks: [],
    messages: [],
    messageEvents: [],
    feedback: [],
  };
}

export type SeedContext = {
  seed: number;
  now: number;
  total: number;
  customerCount: number;
  /** Order i gets the number OL-(orderBase + i). */
  orderBase: number;
  users: SeedUsers;
  /** Cumulative placement weights per hour, newest hour last (see placement.ts). */
  placement: Float64Array;
  /** Orders that are put into a given status so that every status appears even in a small seed. */
  forced: Map<number, OrderStatus>;
};

export type OrderCtx = {
  ctx: SeedContext;
  rng: Rng;
  rows: ChunkRows;
  index: number;
  orderId: string;
  number: string;
  customer: CustomerProfile;
  assigneeId: string | null;
  messageSeq: number;
};

export function pickRep(o: OrderCtx): string {
  return o.assigneeId ?? o.rng.weighted(o.ctx.users.reps);
}

export type ClockInput = {
  id?: string;
  kind: ClockKind;
  startedAt: number;
  dueAt?: number;
  subjectId?: string | null;
  /** When the obligation was fulfilled (if at or before now). */
  metAt?: number | null;
  metByMessageId?: string | null;
  /** When the obligation fell away: the order was cancelled (or put on hold, with pause). */
  endAt?: number | null;
  pause?: boolean;
};

/** Writes one SLA clock whose state follows from what happened by `now`. Returns its id. */
export function pushClock(o: OrderCtx, c: ClockInput): string {
  const now = o.ctx.now;
  const started = new Date(c.startedAt);
  const planned = c.dueAt != null ? planner.planUntil(c.kind, started, new Date(c.dueAt)) : planner.plan(c.kind, started);
  const dueAt = planned.dueAt.getTime();
  const id = c.id ?? o.rng.uuid();
  const row: NewSlaClock = { ...clockRow(planned, o.orderId, c.subjectId ?? null), id };
  if (c.metAt != null && c.metAt <= now) {
    row.state = "met";
    row.metAt = new Date(c.metAt);
    row.breached = c.metAt > dueAt;
    row.metByMessageId = c.metByMessageId ?? null;
  } else if (c.endAt != null && c.endAt <= now) {
    if (c.pause) {
      row.state = "paused";
      row.pausedAt = new Date(Math.max(c.endAt, c.startedAt));
    } else {
      row.state = "cancelled";
      row.breached = c.endAt > dueAt;
    }
  }
  o.rows.slaClocks.push(row);
  return id;
}

export type EventInput = {
  at: number;
  type: string;
  from?: OrderStatus | null;
  to?: OrderStatus | null;
  actorType: "user" | "system" | "carrier" | "customer" | "api";
  actorUserId?: string | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
};

export function pushEvent(o: OrderCtx, events: EventInput[], e: EventInput): void {
  if (e.at > o.ctx.now) return;
  events.push(e);
}

/** Writes the collected events in time order (bigserial ids then follow the history). */
export function flushEvents(o: OrderCtx, events: EventInput[]): number {
  events.sort((a, b) => a.at - b.at);
  for (const e of events) {
    o.rows.orderEvents.push({
      orderId: o.orderId,
      type: e.type,
      fromStatus: e.from ?? null,
      toStatus: e.to ?? null,
      actorType: e.actorType,
      actorUserId: e.actorUserId ?? null,
      reason: e.reason ?? null,
      data: e.data ?? null,
      createdAt: new Date(e.at),
    });
  }
  return events.length;
}
