-- The audit log is append-only at the database: UPDATE and TRUNCATE are always refused, and DELETE is refused
-- unless it is the retention job's purge (lib/retention/run-retention.ts), which says so with
-- `set local orderline.retention_purge = 'on'` inside its transaction — and even then only for rows older than
-- the 12-month floor (design.md "Records"), so no setting or bug can remove a younger entry.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND coalesce(current_setting('orderline.retention_purge', true), '') = 'on'
     AND OLD.created_at < now() - interval '12 months' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only_rows
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
