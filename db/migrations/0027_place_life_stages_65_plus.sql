-- Issue 21 item 6: the directory's life stages are 学齢期, 就労年齢, 40〜64歳 and 65歳以上. "after_school"
-- was shown as 放課後 (a time of day for school children, not a life stage): it becomes school_age,
-- keeping each list's order and without duplicates. Revision snapshots stay as they were written; the
-- listings' public renderings are redone at start-up (PUBLIC_JSON_VERSION 2).
UPDATE "places" SET "content" = jsonb_set("content", '{lifeStages}', (SELECT coalesce(jsonb_agg(to_jsonb(v) ORDER BY first), '[]'::jsonb) FROM (
      SELECT CASE WHEN s = 'after_school' THEN 'school_age' ELSE s END AS v, min(n) AS first
      FROM jsonb_array_elements_text("content"->'lifeStages') WITH ORDINALITY AS e(s, n) GROUP BY 1) q))
  WHERE "content"->'lifeStages' ? 'after_school';--> statement-breakpoint
UPDATE "place_listings" SET "content" = jsonb_set("content", '{lifeStages}', (SELECT coalesce(jsonb_agg(to_jsonb(v) ORDER BY first), '[]'::jsonb) FROM (
      SELECT CASE WHEN s = 'after_school' THEN 'school_age' ELSE s END AS v, min(n) AS first
      FROM jsonb_array_elements_text("content"->'lifeStages') WITH ORDINALITY AS e(s, n) GROUP BY 1) q))
  WHERE "content"->'lifeStages' ? 'after_school';--> statement-breakpoint
UPDATE "place_listings" SET "life_stages" = ARRAY(SELECT jsonb_array_elements_text("content"->'lifeStages'))
  WHERE 'after_school' = ANY("life_stages");--> statement-breakpoint
UPDATE "place_search" SET "life_stages" = ARRAY(
    SELECT DISTINCT CASE WHEN s = 'after_school' THEN 'school_age' ELSE s END FROM unnest("life_stages") AS s
  ) WHERE 'after_school' = ANY("life_stages");
