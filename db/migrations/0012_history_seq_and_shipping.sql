-- Trigram search of customers' names and emails (queue and board search).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."untracked_reason" AS ENUM('hand_delivery', 'local_courier', 'other');--> statement-breakpoint
ALTER TYPE "public"."template" ADD VALUE 'tracking_updated';--> statement-breakpoint
CREATE SEQUENCE "public"."history_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
DROP INDEX "order_events_order_time_idx";--> statement-breakpoint
DROP INDEX "messages_order_time_idx";--> statement-breakpoint
DROP INDEX "messages_created_idx";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "untracked_reason" "untracked_reason";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "untracked_note" text;--> statement-breakpoint
ALTER TABLE "order_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "inquiries" ADD COLUMN "seq" bigint;--> statement-breakpoint
-- Rows written before this migration take their places in time order; at one instant an event comes first, then a
-- question, then the message they caused. (A nextval() default here would number rows in the order they are stored.)
WITH history AS (
  SELECT 0 AS source, id AS event_id, NULL::uuid AS row_id, created_at FROM "order_events"
  UNION ALL
  SELECT 1, NULL::bigint, id, created_at FROM "inquiries"
  UNION ALL
  SELECT 2, NULL::bigint, id, created_at FROM "messages"
), numbered AS (
  SELECT source, event_id, row_id, row_number() OVER (ORDER BY created_at, source, event_id, row_id) AS seq FROM history
), numbered_events AS (
  UPDATE "order_events" e SET seq = n.seq FROM numbered n WHERE n.source = 0 AND n.event_id = e.id RETURNING 1
), numbered_inquiries AS (
  UPDATE "inquiries" i SET seq = n.seq FROM numbered n WHERE n.source = 1 AND n.row_id = i.id RETURNING 1
)
UPDATE "messages" m SET seq = n.seq FROM numbered n WHERE n.source = 2 AND n.row_id = m.id;--> statement-breakpoint
SELECT setval('history_seq', greatest(
  (SELECT coalesce(max(seq), 0) FROM "order_events"),
  (SELECT coalesce(max(seq), 0) FROM "inquiries"),
  (SELECT coalesce(max(seq), 0) FROM "messages")
) + 1, false);--> statement-breakpoint
ALTER TABLE "order_events" ALTER COLUMN "seq" SET DEFAULT nextval('history_seq');--> statement-breakpoint
ALTER TABLE "order_events" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "inquiries" ALTER COLUMN "seq" SET DEFAULT nextval('history_seq');--> statement-breakpoint
ALTER TABLE "inquiries" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "seq" SET DEFAULT nextval('history_seq');--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_name_trgm_idx" ON "customers" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_email_trgm_idx" ON "customers" USING gin (lower("email") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orders_number_prefix_idx" ON "orders" USING btree ("number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "order_events_order_seq_idx" ON "order_events" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "messages_order_seq_idx" ON "messages" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "messages" USING btree ("created_at","seq");