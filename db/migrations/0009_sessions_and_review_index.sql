DROP INDEX "messages_sender_time_idx";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sessions_valid_after" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_reviewed_idx" ON "messages" USING btree ("created_at","sender_user_id","sender_type","review_score") WHERE "messages"."reviewed_at" is not null;--> statement-breakpoint
CREATE INDEX "messages_sender_time_idx" ON "messages" USING btree ("sender_user_id","created_at","sender_type");