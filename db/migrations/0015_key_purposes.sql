CREATE TYPE "public"."api_key_purpose" AS ENUM('order_intake', 'carrier_events', 'both');--> statement-breakpoint
-- Keys made before purposes existed could post orders and carrier events alike: they keep that ("both"). The
-- default then goes, so every new key must be given its purpose.
ALTER TABLE "api_keys" ADD COLUMN "purpose" "api_key_purpose" DEFAULT 'both' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "purpose" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "carriers" "carrier"[] DEFAULT '{}'::carrier[] NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_carriers_need_events" CHECK (cardinality("api_keys"."carriers") = 0 or "api_keys"."purpose" <> 'order_intake');
