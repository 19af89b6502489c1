CREATE INDEX "sla_clocks_kind_started_idx" ON "sla_clocks" USING btree ("kind","started_at");--> statement-breakpoint
CREATE INDEX "sla_clocks_kind_met_idx" ON "sla_clocks" USING btree ("kind","met_at") WHERE "sla_clocks"."met_at" is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_open_kind_due_idx" ON "sla_clocks" USING btree ("kind","due_at") WHERE "sla_clocks"."state" = 'open';--> statement-breakpoint
CREATE INDEX "feedback_updated_idx" ON "feedback" USING btree ("updated_at");