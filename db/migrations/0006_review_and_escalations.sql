ALTER TABLE "escalations" ADD COLUMN "clock_id" uuid;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin (to_tsvector('english'::regconfig, coalesce("subject", '') || ' ' || "body_text"));--> statement-breakpoint
CREATE INDEX "messages_sender_time_idx" ON "messages" USING btree ("sender_user_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_status_time_idx" ON "messages" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "escalations_request_idx" ON "escalations" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "escalations_inquiry_idx" ON "escalations" USING btree ("inquiry_id");--> statement-breakpoint
CREATE INDEX "escalations_assignee_idx" ON "escalations" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_clock_idx" ON "escalations" USING btree ("clock_id") WHERE "escalations"."clock_id" is not null;