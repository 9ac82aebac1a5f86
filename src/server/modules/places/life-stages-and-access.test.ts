import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { rows } from '../../platform/db/client.ts';
import { DEMO_PLACE_IDS } from './places.demo.ts';

/**
 * Issue 21 item 6: 行き方 on the public entry; the life stages 学齢期, 就労年齢, 40〜64歳, 65歳以上; and the
 * migration that moved "after_school" (shown as 放課後) to school_age in stored entries.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string) => t.request({ method: 'GET', url });

describe('places: 行き方 and life stages', () => {
  it('the public entry carries 行き方 and 65歳以上', async () => {
    const res = await get(`/api/public/places/${DEMO_PLACE_IDS.kofuWindow}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      access: expect.stringContaining('JR甲府駅南口から歩いて約10分'),
      lifeStages: ['school_age', 'working_age', 'age_40_64', 'age_65_plus'],
    });
    const elder = (await get('/api/public/places?lifeStage=age_65_plus&limit=200')).json();
    expect(elder.items.length).toBeGreaterThan(0);
    expect(elder.items.every((i: { lifeStages: string[] }) => i.lifeStages.includes('age_65_plus'))).toBe(
      true,
    );
    // The old value is no longer a life stage.
    expect((await get('/api/public/places?lifeStage=after_school')).statusCode).toBe(400);
  });

  it('migration 0026 turns a stored after_school into school_age, keeping order and without duplicates', async () => {
    const id = DEMO_PLACE_IDS.hidamari;
    // An entry as written before this release.
    await t.db.orm.execute(sql`update places set content = jsonb_set(content, '{lifeStages}',
      '["after_school","working_age","school_age"]') where id = ${id}`);
    await t.db.orm.execute(sql`update place_listings set content = jsonb_set(content, '{lifeStages}',
      '["working_age","after_school"]'), life_stages = array['working_age','after_school'] where id = ${id}`);
    await t.db.orm.execute(
      sql`update place_search set life_stages = array['after_school','school_age'] where id = ${id}`,
    );
    const migration = readFileSync('db/migrations/0027_place_life_stages_65_plus.sql', 'utf8');
    for (const statement of migration.split('--> statement-breakpoint'))
      await t.db.orm.execute(sql.raw(statement));
    const [place] = await rows<{ stages: string[] }>(
      t.db.orm,
      sql`select content->'lifeStages' as stages from places where id = ${id}`,
    );
    expect(place!.stages).toEqual(['school_age', 'working_age']);
    const [listing] = await rows<{ stages: string[]; column: string[] }>(
      t.db.orm,
      sql`select content->'lifeStages' as stages, life_stages as column from place_listings where id = ${id}`,
    );
    expect(listing).toEqual({ stages: ['working_age', 'school_age'], column: ['working_age', 'school_age'] });
    const [search] = await rows<{ column: string[] }>(
      t.db.orm,
      sql`select life_stages as column from place_search where id = ${id}`,
    );
    expect(search!.column).toEqual(['school_age']);
  });
});
