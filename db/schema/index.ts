// The one barrel: the whole schema, for drizzle(), drizzle-kit and typed queries.
export * from "./enums";
export * from "./users";
export * from "./customers";
export * from "./orders";
export * from "./order-events";
export * from "./order-exceptions";
export * from "./sla-clocks";
export * from "./messages";
export * from "./change-requests";
export * from "./inquiries";
export * from "./escalations";
export * from "./feedback";
export * from "./settings";
export * from "./audit-log";
export * from "./api-keys";
export * from "./fulfillment";
export * from "./relations";
