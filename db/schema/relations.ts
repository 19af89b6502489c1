import { relations } from "drizzle-orm";
import { customers } from "./customers";
import { orderItems, orders } from "./orders";
import { accuracyErrors, orderEvents } from "./order-events";
import { orderExceptions } from "./order-exceptions";
import { slaClocks } from "./sla-clocks";
import { messageEvents, messages } from "./messages";
import { changeRequests } from "./change-requests";
import { inquiries } from "./inquiries";
import { escalations } from "./escalations";
import { feedback } from "./feedback";
import { users } from "./users";

export const customersRelations = relations(customers, ({ many }) => ({ orders: many(orders) }));

export const ordersRelations = relations(orders, ({ one, many }) => ({
  customer: one(customers, { fields: [orders.customerId], references: [customers.id] }),
  assignee: one(users, { fields: [orders.assigneeId], references: [users.id] }),
  items: many(orderItems),
  events: many(orderEvents),
  exceptions: many(orderExceptions),
  clocks: many(slaClocks),
  messages: many(messages),
  requests: many(changeRequests),
  inquiries: many(inquiries),
  escalations: many(escalations),
  accuracyErrors: many(accuracyErrors),
  feedback: one(feedback),
}));

export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
}));

export const orderEventsRelations = relations(orderEvents, ({ one }) => ({
  order: one(orders, { fields: [orderEvents.orderId], references: [orders.id] }),
  actor: one(users, { fields: [orderEvents.actorUserId], references: [users.id] }),
}));

export const accuracyErrorsRelations = relations(accuracyErrors, ({ one }) => ({
  order: one(orders, { fields: [accuracyErrors.orderId], references: [orders.id] }),
}));

export const orderExceptionsRelations = relations(orderExceptions, ({ one }) => ({
  order: one(orders, { fields: [orderExceptions.orderId], references: [orders.id] }),
}));

export const slaClocksRelations = relations(slaClocks, ({ one }) => ({
  order: one(orders, { fields: [slaClocks.orderId], references: [orders.id] }),
}));

export const messagesRelations = relations(messages, ({ one, many }) => ({
  order: one(orders, { fields: [messages.orderId], references: [orders.id] }),
  customer: one(customers, { fields: [messages.customerId], references: [customers.id] }),
  sender: one(users, { fields: [messages.senderUserId], references: [users.id] }),
  events: many(messageEvents),
}));

export const messageEventsRelations = relations(messageEvents, ({ one }) => ({
  message: one(messages, { fields: [messageEvents.messageId], references: [messages.id] }),
}));

export const changeRequestsRelations = relations(changeRequests, ({ one }) => ({
  order: one(orders, { fields: [changeRequests.orderId], references: [orders.id] }),
}));

export const inquiriesRelations = relations(inquiries, ({ one }) => ({
  order: one(orders, { fields: [inquiries.orderId], references: [orders.id] }),
  customer: one(customers, { fields: [inquiries.customerId], references: [customers.id] }),
}));

export const escalationsRelations = relations(escalations, ({ one }) => ({
  order: one(orders, { fields: [escalations.orderId], references: [orders.id] }),
  raiser: one(users, { fields: [escalations.raisedBy], references: [users.id] }),
}));

export const feedbackRelations = relations(feedback, ({ one }) => ({
  order: one(orders, { fields: [feedback.orderId], references: [orders.id] }),
}));
