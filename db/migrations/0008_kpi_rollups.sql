-- KPI rollups (docs/kpis.md): daily aggregates keyed by the local day in the business calendar's time zone, so the
-- dashboard sums a few hundred rows instead of scanning millions of clocks and messages. Refreshed together, in one
-- transaction, by lib/kpis/rollups.ts (REFRESH ... CONCURRENTLY needs the unique index each view has). A row
-- without a rep uses the nil uuid, because a unique index treats NULLs as distinct.

-- The business calendar's zone; the fallback must equal defaultBusinessCalendar.timeZone (lib/settings/defaults.ts),
-- which lib/kpis/kpis.test.ts checks. The table is schema-qualified: PostgreSQL 17+ refreshes materialized views with
-- a search_path of pg_catalog only, and a function body is resolved when it runs.
CREATE FUNCTION kpi_business_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value ->> 'timeZone' FROM public.settings WHERE key = 'business_calendar'), 'America/New_York')
$$;--> statement-breakpoint

-- When the rollups were last refreshed, and in which zone their days are: refreshed in the same transaction as the
-- others, so now() is the moment every figure is at least as fresh as.
CREATE MATERIALIZED VIEW kpi_rollup_meta AS
  SELECT 1 AS id, now() AS refreshed_at, kpi_business_zone() AS zone;--> statement-breakpoint
CREATE UNIQUE INDEX kpi_rollup_meta_id_idx ON kpi_rollup_meta (id);--> statement-breakpoint

-- Order accuracy and on-time delivery: delivered orders by delivery day and assignee.
CREATE MATERIALIZED VIEW kpi_delivered_daily AS
  SELECT
    (o.delivered_at AT TIME ZONE z.tz)::date AS day,
    coalesce(o.assignee_id, '00000000-0000-0000-0000-000000000000'::uuid) AS rep_id,
    count(*)::int AS delivered,
    count(*) FILTER (WHERE EXISTS (
      SELECT 1 FROM accuracy_errors e WHERE e.order_id = o.id AND e.cause <> 'customer_request'
    ))::int AS with_error,
    count(*) FILTER (WHERE o.promised_delivery_date IS NOT NULL)::int AS promised,
    count(*) FILTER (WHERE (o.delivered_at AT TIME ZONE c.time_zone)::date <= o.promised_delivery_date)::int AS on_time
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  CROSS JOIN (SELECT kpi_business_zone() AS tz) z
  WHERE o.delivered_at IS NOT NULL
  GROUP BY 1, 2;--> statement-breakpoint
CREATE UNIQUE INDEX kpi_delivered_daily_key_idx ON kpi_delivered_daily (day, rep_id);--> statement-breakpoint

-- CSAT: the current rating of each order, by the day it was given and the order's assignee.
CREATE MATERIALIZED VIEW kpi_feedback_daily AS
  SELECT
    (f.updated_at AT TIME ZONE z.tz)::date AS day,
    coalesce(o.assignee_id, '00000000-0000-0000-0000-000000000000'::uuid) AS rep_id,
    count(*)::int AS responses,
    sum(f.rating)::int AS rating_sum,
    count(*) FILTER (WHERE f.rating >= 4)::int AS satisfied
  FROM feedback f
  JOIN orders o ON o.id = f.order_id
  CROSS JOIN (SELECT kpi_business_zone() AS tz) z
  GROUP BY 1, 2;--> statement-breakpoint
CREATE UNIQUE INDEX kpi_feedback_daily_key_idx ON kpi_feedback_daily (day, rep_id);--> statement-breakpoint

-- SLA compliance: judged clocks by due day, kind and rep. A clock is judged once it is met, cancelled late, open
-- past its due time, or paused after its due time; a met clock is on time unless breached.
CREATE MATERIALIZED VIEW kpi_clocks_due_daily AS
  SELECT
    (c.due_at AT TIME ZONE z.tz)::date AS day,
    c.kind,
    coalesce(CASE WHEN c.kind = 'inquiry_ack' THEN i.assignee_id ELSE o.assignee_id END,
      '00000000-0000-0000-0000-000000000000'::uuid) AS rep_id,
    count(*)::int AS due,
    count(*) FILTER (WHERE c.state = 'met' AND NOT c.breached)::int AS met_on_time
  FROM sla_clocks c
  CROSS JOIN (SELECT kpi_business_zone() AS tz) z
  LEFT JOIN orders o ON o.id = c.order_id
  LEFT JOIN inquiries i ON c.kind = 'inquiry_ack' AND i.id = c.subject_id
  WHERE c.state = 'met'
    OR (c.state = 'cancelled' AND c.breached)
    OR (c.state = 'open' AND c.due_at < now())
    OR (c.state = 'paused' AND c.paused_at > c.due_at)
  GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE UNIQUE INDEX kpi_clocks_due_daily_key_idx ON kpi_clocks_due_daily (day, kind, rep_id);--> statement-breakpoint

-- Notification coverage: judged milestone notices by the day the milestone was reached (the clock started).
CREATE MATERIALIZED VIEW kpi_milestones_daily AS
  SELECT
    (c.started_at AT TIME ZONE z.tz)::date AS day,
    c.kind,
    coalesce(o.assignee_id, '00000000-0000-0000-0000-000000000000'::uuid) AS rep_id,
    count(*)::int AS reached,
    count(*) FILTER (WHERE c.state = 'met')::int AS sent
  FROM sla_clocks c
  CROSS JOIN (SELECT kpi_business_zone() AS tz) z
  LEFT JOIN orders o ON o.id = c.order_id
  WHERE c.kind IN ('confirmation', 'shipping_notice', 'out_for_delivery_notice', 'delivery_notice', 'delay_notice')
    AND (c.state = 'met'
      OR (c.state = 'cancelled' AND c.breached)
      OR (c.state = 'open' AND c.due_at < now())
      OR (c.state = 'paused' AND c.paused_at > c.due_at))
  GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE UNIQUE INDEX kpi_milestones_daily_key_idx ON kpi_milestones_daily (day, kind, rep_id);--> statement-breakpoint

-- Durations (delay resolution, time to notify, first response) as histograms: per metric, day and rep, how many
-- durations fell in each 5 %-wide logarithmic bin, with the smallest and largest of them. Medians and p90 are read
-- from the bins (lib/kpis/dashboard-queries.ts): exact while a bin holds at most two values, otherwise within the
-- bin's width, typically far closer. Bin 0 holds durations under a second; bin b >= 1 holds [1.05^(b-1), 1.05^b) s.
CREATE MATERIALIZED VIEW kpi_duration_bins AS
  WITH z AS (SELECT kpi_business_zone() AS tz),
  d AS (
    SELECT 'delay_resolution'::text AS metric, (x.resolved_at AT TIME ZONE z.tz)::date AS day,
      '00000000-0000-0000-0000-000000000000'::uuid AS rep_id,
      extract(epoch FROM x.resolved_at - x.opened_at)::double precision AS seconds
    FROM order_exceptions x CROSS JOIN z
    WHERE x.resolved_at IS NOT NULL
    UNION ALL
    SELECT 'delay_notify', (x.customer_notified_at AT TIME ZONE z.tz)::date,
      '00000000-0000-0000-0000-000000000000'::uuid,
      extract(epoch FROM x.customer_notified_at - x.opened_at)::double precision
    FROM order_exceptions x CROSS JOIN z
    WHERE x.customer_notified_at IS NOT NULL
    UNION ALL
    SELECT CASE c.kind WHEN 'inquiry_ack' THEN 'first_response_inquiry' ELSE 'first_response_request' END,
      (c.met_at AT TIME ZONE z.tz)::date,
      coalesce(m.sender_user_id, '00000000-0000-0000-0000-000000000000'::uuid),
      extract(epoch FROM c.met_at - c.started_at)::double precision
    FROM sla_clocks c
    CROSS JOIN z
    LEFT JOIN messages m ON m.id = c.met_by_message_id
    WHERE c.kind IN ('inquiry_ack', 'request_ack') AND c.state = 'met'
  )
  SELECT metric, day, rep_id,
    CASE WHEN seconds < 1 THEN 0 ELSE floor(ln(seconds) / ln(1.05))::int + 1 END AS bin,
    count(*)::int AS n, min(seconds) AS lo, max(seconds) AS hi
  FROM d
  GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE UNIQUE INDEX kpi_duration_bins_key_idx ON kpi_duration_bins (day, metric, rep_id, bin);--> statement-breakpoint

-- Open breaches now, per kind: live, not rolled up. One index-only range scan per kind on the open clocks
-- (sla_clocks_open_kind_due_idx); a plain GROUP BY would make the planner, which cannot tell how few open clocks are
-- past due, start parallel workers that cost more than the count.
CREATE FUNCTION kpi_open_breaches() RETURNS TABLE (kind clock_kind, n int) LANGUAGE sql STABLE AS $$
  SELECT k.kind, (SELECT count(*)::int FROM public.sla_clocks c WHERE c.kind = k.kind AND c.state = 'open' AND c.due_at < now())
  FROM unnest(enum_range(NULL::public.clock_kind)) AS k(kind)
$$;
