-- The app logs in as a role of its own that owns nothing (db/roles.ts grants it rows, never DDL, and no UPDATE,
-- DELETE or TRUNCATE on audit_log). Two jobs need more than that, so each is a SECURITY DEFINER function: it runs
-- with its owner's rights (whoever runs the migrations), does exactly one thing, and only the roles db/roles.ts
-- names may call it. search_path is pinned and every name qualified, so a caller cannot slip its own objects in.

-- The KPI rollups (0008): PostgreSQL lets only a materialized view's owner refresh it. lib/kpis/rollups.ts calls
-- this inside its transaction, after taking the refresh lock, so the views still change together.
CREATE FUNCTION refresh_kpi_rollups() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.kpi_delivered_daily;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.kpi_feedback_daily;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.kpi_clocks_due_daily;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.kpi_milestones_daily;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.kpi_duration_bins;
  REFRESH MATERIALIZED VIEW CONCURRENTLY public.kpi_rollup_meta;
END;
$$;
--> statement-breakpoint
-- The retention job's purge (lib/retention/run-retention.ts): one batch of audit entries older than the cutoff,
-- except those about orders and customers on legal hold. The app's role may not DELETE from audit_log at all; this
-- is its only way, and the append-only trigger (0011) still refuses any row younger than 12 months, so no cutoff a
-- caller passes can remove a younger entry. The trigger's key is set for this function's run only.
CREATE FUNCTION purge_audit_log(cutoff timestamptz, max_rows integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET orderline.retention_purge = 'on' AS $$
DECLARE
  purged integer;
BEGIN
  DELETE FROM public.audit_log WHERE id IN (
    SELECT a.id FROM public.audit_log a
    WHERE a.created_at < cutoff
      AND NOT (a.entity_type = 'order' AND EXISTS (
        SELECT 1 FROM public.orders o WHERE o.id::text = a.entity_id AND o.legal_hold_at IS NOT NULL))
      AND NOT (a.entity_type = 'customer' AND EXISTS (
        SELECT 1 FROM public.customers c WHERE c.id::text = a.entity_id AND c.legal_hold_at IS NOT NULL))
    LIMIT max_rows);
  GET DIAGNOSTICS purged = ROW_COUNT;
  RETURN purged;
END;
$$;
--> statement-breakpoint
-- Functions are executable by everyone unless revoked; db/roles.ts grants these two to the app's role.
REVOKE EXECUTE ON FUNCTION refresh_kpi_rollups() FROM PUBLIC;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION purge_audit_log(timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
-- No DDL for anyone but the owner: PostgreSQL 15 made this the default for new databases; a database created
-- earlier (or from an old template) still lets every role create tables in public. A no-op warning, not an error,
-- when the migration role does not own the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
