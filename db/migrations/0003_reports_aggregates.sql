-- Aggregate-only reads across tenants for the operator registry and report statistics
-- (docs/decisions/0006-operator-registry.md). SECURITY DEFINER: they run as the owner of the tables,
-- which row-level security does not restrict, and return counts and sums only, never a report row,
-- a reporter or a text. The app role may call them; nobody else.

-- Totals of one operator across every tenant. Amounts (total and average) only when at least three
-- reports with that amount stand behind them AND the reports of other tenants among them are none
-- or at least three: a tenant cannot subtract its own reports and isolate another tenant's amount.
CREATE OR REPLACE FUNCTION report_operator_totals(p_operator_id uuid)
RETURNS jsonb
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  WITH linked AS (
    SELECT r.municipality_code, r.categories, r.amount_contracted, r.amount_paid,
           r.municipality_code = coalesce(current_setting('app.tenant', true), '') AS own
    FROM public.reports r
    WHERE r.operator_id = p_operator_id
  ),
  totals AS (
    SELECT count(*) AS reports,
           count(DISTINCT municipality_code) AS municipalities,
           count(DISTINCT left(municipality_code, 2)) AS prefectures,
           count(*) FILTER (WHERE own) AS own_reports,
           count(amount_contracted) AS contracted_n,
           count(amount_contracted) FILTER (WHERE NOT own) AS contracted_others,
           sum(amount_contracted) AS contracted_sum,
           count(amount_paid) AS paid_n,
           count(amount_paid) FILTER (WHERE NOT own) AS paid_others,
           sum(amount_paid) AS paid_sum
    FROM linked
  ),
  by_category AS (
    SELECT c.category, count(*) AS n
    FROM linked, unnest(linked.categories) AS c(category)
    GROUP BY c.category
  )
  SELECT jsonb_build_object(
    'reports', t.reports,
    'municipalities', t.municipalities,
    'prefectures', t.prefectures,
    'ownReports', t.own_reports,
    'categories', coalesce((SELECT jsonb_object_agg(category, n) FROM by_category), '{}'::jsonb),
    'amountContracted', CASE
      WHEN t.contracted_n >= 3 AND (t.contracted_others = 0 OR t.contracted_others >= 3)
        THEN jsonb_build_object('reports', t.contracted_n, 'total', t.contracted_sum,
                                'average', round(t.contracted_sum::numeric / t.contracted_n))
      ELSE jsonb_build_object('reports', t.contracted_n) END,
    'amountPaid', CASE
      WHEN t.paid_n >= 3 AND (t.paid_others = 0 OR t.paid_others >= 3)
        THEN jsonb_build_object('reports', t.paid_n, 'total', t.paid_sum,
                                'average', round(t.paid_sum::numeric / t.paid_n))
      ELSE jsonb_build_object('reports', t.paid_n) END
  )
  FROM totals t
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION report_operator_totals(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION report_operator_totals(uuid) TO tsunagari_app;
--> statement-breakpoint
-- Counts by prefecture, fiscal year (April–March, Asia/Tokyo) and category across every tenant.
-- category '*' counts reports; other rows count reports naming that category (several per report).
-- Raw counts: the caller (reports.statistics.ts) suppresses small cells before anything is shown.
CREATE OR REPLACE FUNCTION report_statistics(p_from_year integer, p_to_year integer)
RETURNS TABLE (prefecture_code text, fiscal_year integer, category text, reports bigint)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  WITH r AS (
    SELECT left(municipality_code, 2)::text AS prefecture_code,
           extract(year FROM (received_at AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::integer
             AS fiscal_year,
           categories
    FROM public.reports
  )
  SELECT r.prefecture_code, r.fiscal_year, '*'::text, count(*)
  FROM r
  WHERE r.fiscal_year BETWEEN p_from_year AND p_to_year
  GROUP BY r.prefecture_code, r.fiscal_year
  UNION ALL
  SELECT r.prefecture_code, r.fiscal_year, c.category, count(*)
  FROM r, unnest(r.categories) AS c(category)
  WHERE r.fiscal_year BETWEEN p_from_year AND p_to_year
  GROUP BY r.prefecture_code, r.fiscal_year, c.category
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION report_statistics(integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION report_statistics(integer, integer) TO tsunagari_app;
