import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemoStaff } from '../../../../test/factories/accounts.ts';
import { attachmentUpload, caseBody } from '../../../../test/factories/cases.ts';
import { minimalPdf, pdfWithMetadata } from '../../../../test/factories/hostile-uploads.ts';
import { hasLocationMetadata, jpegWithGps, pngWithExif } from '../../../../test/factories/receipts.ts';
import { replaceStatusReturns } from '../../../../test/factories/status-returns.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { type LoggedIn, login } from '../../../../test/helpers/auth.ts';
import { rows } from '../../platform/db/client.ts';
import { asSystem, inTransaction } from '../../platform/db/tenant.ts';
import { DEMO_PASSWORD } from '../../platform/demo/registry.ts';
import { DEMO_EVENT_IDS } from '../events/events.demo.ts';
import { DEMO_PLACE_IDS } from '../places/places.demo.ts';
import { DEMO_CASE_IDS } from './knowledge.demo.ts';

/**
 * Model cases (issue 17) through the real app: 401 / 400 / 403 / other-tenant 404, the workflow
 * (draft → submitted → returned → submitted → accepted → published) with the public seeing nothing
 * before publication, attachments without metadata, the personal-data warning, reading search,
 * "towns like mine", questions between towns through the outbox, and the open data.
 */
let t: TestApp;
let kai: LoggedIn;
let kofu: LoggedIn;
let kofuConsultation: LoggedIn;
let pref: LoggedIn;
let nation: LoggedIn;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [kai, kofu, kofuConsultation, pref, nation] = await loginDemoStaff(t, [
    'municipal_admin@kai',
    'municipal_admin@kofu',
    'consultation@kofu',
    'prefecture@yamanashi',
    'national',
  ]);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const as = (who: LoggedIn | null, options: InjectOptions) =>
  t.request({
    ...options,
    headers: { ...(who?.headers() ?? {}), ...((options.headers as Record<string, string>) ?? {}) },
  });

async function draft(title = '図書館の一角ではじめた居場所') {
  const res = await as(kai, { method: 'POST', url: '/api/cases', payload: caseBody({ title }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; state: string };
}

describe('model cases: access', () => {
  it('answers 401 without a session, 403 without the permission, 400 for a bad body', async () => {
    expect((await as(null, { method: 'GET', url: '/api/cases' })).statusCode).toBe(401);
    const peer = await login(t, 'peer_supporter@kai.demo.example', DEMO_PASSWORD);
    expect((await as(peer, { method: 'GET', url: '/api/cases' })).statusCode).toBe(403);
    const labour = await login(t, 'labour@kai.demo.example', DEMO_PASSWORD);
    expect((await as(labour, { method: 'POST', url: '/api/cases', payload: caseBody() })).statusCode).toBe(
      403,
    );
    const bad = await as(kai, { method: 'POST', url: '/api/cases', payload: { ...caseBody(), extra: 1 } });
    expect(bad.statusCode).toBe(400);
    const unknownTheme = await as(kai, {
      method: 'POST',
      url: '/api/cases',
      payload: caseBody({ themes: ['nope'] }),
    });
    expect(unknownTheme.statusCode).toBe(400);
    expect(unknownTheme.json().errors[0].pointer).toBe('/themes/0');
  });

  it("answers 404 when another municipality names a draft (and the public too); the author's own is 200", async () => {
    const kofuDraft = DEMO_CASE_IDS.kofuDraft;
    expect((await as(kai, { method: 'GET', url: `/api/cases/${kofuDraft}` })).statusCode).toBe(404);
    expect(
      (
        await as(kai, {
          method: 'PUT',
          url: `/api/cases/${kofuDraft}`,
          payload: { version: 1, ...caseBody() },
        })
      ).statusCode,
    ).toBe(404);
    expect((await as(null, { method: 'GET', url: `/api/public/cases/${kofuDraft}` })).statusCode).toBe(404);
    expect((await as(pref, { method: 'GET', url: `/api/cases/${kofuDraft}` })).statusCode).toBe(404);
    expect((await as(nation, { method: 'GET', url: `/api/cases/${kofuDraft}` })).statusCode).toBe(404);
    expect((await as(kofu, { method: 'GET', url: `/api/cases/${kofuDraft}` })).statusCode).toBe(200);
  });

  it('lists the demo library without signing in', async () => {
    const res = await as(null, { method: 'GET', url: '/api/public/cases' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(8);
    expect(body.items.some((c: { id: string }) => c.id === DEMO_CASE_IDS.kofuDraft)).toBe(false);
    expect(
      body.items.filter((c: { prefectureCode: string }) => c.prefectureCode === '19').length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('model cases: workflow', () => {
  it('draft → warned → submitted → returned with a comment → resubmitted → accepted → published; public 404 until then', async () => {
    const created = await draft('本人の声から生まれた夜の居場所');
    const id = created.id;
    const publicGet = () => as(null, { method: 'GET', url: `/api/public/cases/${id}` });
    const kofuGet = () => as(kofu, { method: 'GET', url: `/api/cases/${id}` });

    // A phone number and a full name in the text: the submit is held with the warnings.
    const withPersonal = caseBody({
      title: '本人の声から生まれた夜の居場所',
      whatWasDone: '山田太郎さんの家族（090-1234-5678）から相談があり始めた。',
    });
    const edited = await as(kai, {
      method: 'PUT',
      url: `/api/cases/${id}`,
      payload: { version: 1, ...withPersonal },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    const warned = await as(kai, { method: 'POST', url: `/api/cases/${id}/submit`, payload: { version: 2 } });
    expect(warned.statusCode).toBe(422);
    expect(warned.json().code).toBe('cases.personal_data_warning');
    const kinds = warned.json().warnings.map((w: { kind: string }) => w.kind);
    expect(kinds).toContain('phone');
    expect(kinds).toContain('full_name');
    expect(warned.json().warnings[0].pointer).toBe('/content/whatWasDone');

    const cleaned = await as(kai, {
      method: 'PUT',
      url: `/api/cases/${id}`,
      payload: { version: 2, ...caseBody({ title: '本人の声から生まれた夜の居場所' }) },
    });
    expect(cleaned.statusCode).toBe(200);
    const submitted = await as(kai, {
      method: 'POST',
      url: `/api/cases/${id}/submit`,
      payload: { version: 3 },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().state).toBe('submitted');
    expect((await publicGet()).statusCode).toBe(404);
    expect((await kofuGet()).statusCode).toBe(404);
    // National staff see it only once the prefecture accepted it.
    expect((await as(nation, { method: 'GET', url: `/api/cases/${id}` })).statusCode).toBe(404);
    // Only the prefecture reviews; the author cannot review its own.
    expect(
      (
        await as(kai, {
          method: 'POST',
          url: `/api/cases/${id}/review`,
          payload: { version: 3, decision: 'accept' },
        })
      ).statusCode,
    ).toBe(403);
    const noComment = await as(pref, {
      method: 'POST',
      url: `/api/cases/${id}/review`,
      payload: { version: 3, decision: 'return' },
    });
    expect(noComment.statusCode).toBe(400);
    const returned = await as(pref, {
      method: 'POST',
      url: `/api/cases/${id}/review`,
      payload: { version: 3, decision: 'return', comment: '予算の財源を書き添えてください。' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().state).toBe('returned');
    expect((await publicGet()).statusCode).toBe(404);
    expect((await kofuGet()).statusCode).toBe(404);

    const mine = await as(kai, { method: 'GET', url: `/api/cases/${id}` });
    expect(mine.json().history.at(-1)).toMatchObject({
      action: 'returned',
      comment: '予算の財源を書き添えてください。',
    });
    expect(mine.json().can.edit).toBe(true);
    const resubmitted = await as(kai, {
      method: 'POST',
      url: `/api/cases/${id}/submit`,
      payload: { version: 3 },
    });
    expect(resubmitted.statusCode).toBe(200);
    const accepted = await as(pref, {
      method: 'POST',
      url: `/api/cases/${id}/review`,
      payload: { version: 3, decision: 'accept', comment: '' },
    });
    expect(accepted.json().state).toBe('accepted');
    expect((await publicGet()).statusCode).toBe(404);
    expect(
      (await as(kai, { method: 'POST', url: `/api/cases/${id}/publish`, payload: { version: 3 } }))
        .statusCode,
    ).toBe(403);
    const published = await as(nation, {
      method: 'POST',
      url: `/api/cases/${id}/publish`,
      payload: { version: 3 },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect((await publicGet()).statusCode).toBe(200);
    expect((await kofuGet()).statusCode).toBe(200);
    // Every version and step kept; other towns see the published text, not the review's comments.
    const history = (await as(kai, { method: 'GET', url: `/api/cases/${id}` })).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'updated',
      'updated',
      'submitted',
      'returned',
      'submitted',
      'accepted',
      'published',
    ]);
    expect((await kofuGet()).json().history).toEqual([]);
    // Published: no further edits.
    expect(
      (await as(kai, { method: 'PUT', url: `/api/cases/${id}`, payload: { version: 3, ...caseBody() } }))
        .statusCode,
    ).toBe(409);
  });
});

describe('model cases: linked figures from the national layer', () => {
  /**
   * 甲斐市's aggregates for the latest fiscal year the layer holds: WHO-5 change over 3 persons (below
   * the threshold of 10, so suppressed) and the participation ladder over 25 (shown).
   */
  async function seedKaiAggregates(): Promise<number> {
    return asSystem(t.db, async (tx) => {
      const [latest] = await rows<{ year: number }>(
        tx,
        sql`select coalesce(max(fiscal_year), 2026)::int as year from insight_aggregates
            where indicator in ('who5_change', 'ladder_steps') and disaggregation = 'all'`,
      );
      const year = latest!.year;
      for (const [indicator, n, value, lower, upper] of [
        ['who5_change', 3, 6.5, 1.2, 11.8],
        ['ladder_steps', 25, 1.4, 1.1, 1.7],
      ] as const)
        await tx.execute(sql`insert into insight_aggregates values
          ('192104', ${year}, ${indicator}, 'all', ${n}, ${value}, ${lower}, ${upper}, now())
          on conflict (municipality_code, fiscal_year, indicator, disaggregation)
          do update set n = excluded.n, value = excluded.value, lower = excluded.lower, upper = excluded.upper`);
      return year;
    });
  }

  it('shows the figures the author linked once published, suppressed as the indicators API is; never for a draft', async () => {
    const year = await seedKaiAggregates();
    const created = await draft('数字でも見える参加の変化');
    const linked = await as(kai, {
      method: 'PUT',
      url: `/api/cases/${created.id}`,
      payload: { version: 1, ...caseBody(), linkedIndicators: ['who5_change', 'ladder_steps'] },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().linkedIndicators).toEqual(['who5_change', 'ladder_steps']);
    // A draft (and its figures) is not public.
    expect((await as(null, { method: 'GET', url: `/api/public/cases/${created.id}` })).statusCode).toBe(404);

    for (const [who, url, payload] of [
      [kai, 'submit', { version: 2 }],
      [pref, 'review', { version: 2, decision: 'accept', comment: '' }],
      [nation, 'publish', { version: 2 }],
    ] as const) {
      const step = await as(who, { method: 'POST', url: `/api/cases/${created.id}/${url}`, payload });
      expect(step.statusCode, step.body).toBe(200);
    }
    const res = await as(null, { method: 'GET', url: `/api/public/cases/${created.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().linkedFigures).toEqual([
      {
        indicator: 'who5_change',
        labelJa: 'WHO-5 の変化（平均）',
        labelEn: 'WHO-5 change (mean)',
        fiscalYear: year,
        state: 'suppressed',
        value: null,
        lower: null,
        upper: null,
      },
      {
        indicator: 'ladder_steps',
        labelJa: '参加のはしごの段数の変化（平均）',
        labelEn: 'Participation-ladder steps (mean)',
        fiscalYear: year,
        state: 'value',
        value: 1.4,
        lower: 1.1,
        upper: 1.7,
      },
    ]);
    // The same figures as the public indicators API gives the town.
    for (const figure of res.json().linkedFigures) {
      const api = await as(null, {
        method: 'GET',
        url: `/api/public/indicators?indicator=${figure.indicator}&fiscalYear=${year}&level=municipality&prefecture=19&limit=100`,
      });
      expect(api.statusCode, api.body).toBe(200);
      const kaiRow = api.json().items.find((i: { code: string }) => i.code === '192104');
      expect({ state: kaiRow.state, value: kaiRow.value }).toEqual({
        state: figure.state,
        value: figure.value,
      });
    }
  });

  it('nothing is linked by default; an unknown indicator or more than six answer 400 naming the field', async () => {
    const created = await draft('何も結びつけない事例');
    const mine = await as(kai, { method: 'GET', url: `/api/cases/${created.id}` });
    expect(mine.json().linkedIndicators).toEqual([]);
    const unknown = await as(kai, {
      method: 'PUT',
      url: `/api/cases/${created.id}`,
      payload: { version: 1, ...caseBody(), linkedIndicators: ['ladder_steps', 'happiness'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().errors)).toContain('/linkedIndicators/1');
    const tooMany = await as(kai, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        ...caseBody(),
        linkedIndicators: [
          'window',
          'platform',
          'needs_survey',
          'places_total',
          'who5_change',
          'gas_t',
          'ladder_steps',
        ],
      },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(JSON.stringify(tooMany.json().errors)).toContain('/linkedIndicators');
    // Nothing was written by the refused update.
    const after = await as(kai, { method: 'GET', url: `/api/cases/${created.id}` });
    expect(after.json()).toMatchObject({ version: 1, linkedIndicators: [] });
  });
});

describe('model cases: links to the town', () => {
  it("links the town's own published places and events, and refuses another town's", async () => {
    const body = caseBody({ title: 'リンクのテスト' });
    const linked = await as(kai, {
      method: 'POST',
      url: '/api/cases',
      payload: {
        ...body,
        content: {
          ...body.content,
          linkedPlaceIds: [DEMO_PLACE_IDS.kaiIbasho],
          linkedEventIds: [DEMO_EVENT_IDS.kaiSalon],
        },
      },
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().content.linkedPlaceIds).toEqual([DEMO_PLACE_IDS.kaiIbasho]);
    const foreign = await as(kai, {
      method: 'POST',
      url: '/api/cases',
      payload: { ...body, content: { ...body.content, linkedPlaceIds: [DEMO_PLACE_IDS.hidamari] } },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].pointer).toBe('/content/linkedPlaceIds/0');
    const foreignEvent = await as(kai, {
      method: 'POST',
      url: '/api/cases',
      payload: { ...body, content: { ...body.content, linkedEventIds: [DEMO_EVENT_IDS.kofuSalon] } },
    });
    expect(foreignEvent.statusCode).toBe(400);
  });
});

describe('model cases: attachments', () => {
  it('stores pictures without their metadata and refuses a non-PDF disguised as PDF', async () => {
    const { id } = await draft('添付のテスト');
    const jpeg = await as(
      kai,
      attachmentUpload(`/api/cases/${id}/attachments`, jpegWithGps(), {
        filename: 'photo.jpg',
        contentType: 'image/jpeg',
        name: '活動の写真',
      }),
    );
    expect(jpeg.statusCode, jpeg.body).toBe(201);
    const png = await as(
      kai,
      attachmentUpload(`/api/cases/${id}/attachments`, pngWithExif(), {
        filename: 'chart.png',
        contentType: 'image/png',
      }),
    );
    expect(png.statusCode, png.body).toBe(201);
    for (const a of [jpeg.json(), png.json()]) {
      const back = await as(kai, { method: 'GET', url: `/api/cases/${id}/attachments/${a.id}` });
      expect(back.statusCode).toBe(200);
      expect(hasLocationMetadata(back.rawPayload)).toBe(false);
    }
    expect(jpeg.json().name).toBe('活動の写真');

    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const disguised = await as(
      kai,
      attachmentUpload(`/api/cases/${id}/attachments`, html, {
        filename: 'report.pdf',
        contentType: 'application/pdf',
      }),
    );
    expect(disguised.statusCode).toBe(415);
    const fakePdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('not really a pdf')]);
    const fake = await as(
      kai,
      attachmentUpload(`/api/cases/${id}/attachments`, fakePdf, {
        filename: 'report.pdf',
        contentType: 'application/pdf',
      }),
    );
    expect(fake.statusCode).toBeGreaterThanOrEqual(400);
    expect(fake.statusCode).toBeLessThan(500);
    expect(fake.json().code).toBe('upload.not_pdf');
    const pdf = await as(
      kai,
      attachmentUpload(`/api/cases/${id}/attachments`, await pdfWithMetadata(), {
        filename: 'report.pdf',
        contentType: 'application/pdf',
      }),
    );
    expect(pdf.statusCode, pdf.body).toBe(201);
    // A PDF comes back rewritten: its pages, without author, app, XMP or the Exif of its pictures.
    const pdfBack = await as(kai, { method: 'GET', url: `/api/cases/${id}/attachments/${pdf.json().id}` });
    expect(pdfBack.statusCode).toBe(200);
    expect(pdfBack.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(hasLocationMetadata(pdfBack.rawPayload)).toBe(false);
    expect(pdfBack.rawPayload.toString('latin1')).not.toMatch(/TsunagariXmp|\/Author|\/Creator/);
    // Another town cannot attach to, or read, a draft it may not see.
    expect(
      (
        await as(
          kofu,
          attachmentUpload(`/api/cases/${id}/attachments`, minimalPdf(), {
            filename: 'x.pdf',
            contentType: 'application/pdf',
          }),
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await as(kofu, { method: 'GET', url: `/api/cases/${id}/attachments/${jpeg.json().id}` })).statusCode,
    ).toBe(404);
    expect(
      (await as(null, { method: 'GET', url: `/api/public/cases/${id}/attachments/${jpeg.json().id}` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('model cases: finding', () => {
  const ids = async (url: string) =>
    ((await as(null, { method: 'GET', url })).json().items as Array<{ id: string }>).map((c) => c.id);

  it('matches on readings as the directory does: いばしょ, イバショ, ｲﾊﾞｼｮ and 居場所 find the same cases', async () => {
    const kanji = await ids(`/api/public/cases?q=${encodeURIComponent('居場所')}`);
    expect(kanji).toContain(DEMO_CASE_IDS.kofuIbasho);
    expect(kanji).toContain(DEMO_CASE_IDS.itsukiIbasho);
    for (const q of ['いばしょ', 'イバショ', 'ｲﾊﾞｼｮ']) {
      const found = await ids(`/api/public/cases?q=${encodeURIComponent(q)}`);
      expect(found, q).toContain(DEMO_CASE_IDS.kofuIbasho);
      expect(found, q).toContain(DEMO_CASE_IDS.itsukiIbasho);
      expect(found, q).not.toContain(DEMO_CASE_IDS.toyonakaPlatform);
    }
    expect(await ids(`/api/public/cases?q=${encodeURIComponent('和菓子')}`)).toEqual([
      DEMO_CASE_IDS.fujikawaShortHours,
    ]);
  });

  it('filters by theme, prefecture, life stage, type and size', async () => {
    const family = await ids('/api/public/cases?theme=family_support');
    expect(family).toEqual([DEMO_CASE_IDS.kaiFamilyStudy]);
    const yamanashi = await ids('/api/public/cases?prefecture=19');
    expect(yamanashi).toEqual(
      expect.arrayContaining([
        DEMO_CASE_IDS.kofuIbasho,
        DEMO_CASE_IDS.kaiFamilyStudy,
        DEMO_CASE_IDS.fujikawaShortHours,
      ]),
    );
    expect(await ids('/api/public/cases?municipalityType=village')).toEqual([DEMO_CASE_IDS.itsukiIbasho]);
    expect(await ids('/api/public/cases?lifeStage=school_age')).toEqual([DEMO_CASE_IDS.toyonakaPlatform]);
    expect(await ids('/api/public/cases?populationBand=under_10k&areaClass=rural')).toEqual(
      expect.arrayContaining([DEMO_CASE_IDS.koumiOutreach, DEMO_CASE_IDS.itsukiIbasho]),
    );
    expect((await as(null, { method: 'GET', url: '/api/public/cases?theme=BAD!' })).statusCode).toBe(400);
  });

  it('towns like mine: the town itself first, then towns of the same type and size, scores never rising', async () => {
    const res = await as(null, { method: 'GET', url: '/api/public/cases?similarTo=192104' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.town).toMatchObject({ code: '192104', name: '甲斐市', municipalityType: 'city' });
    // The demo's 甲斐市 return is a draft: the national layer knows nothing it lacks, so the order is
    // similarity alone (the test after this one seeds accepted returns).
    expect(body.town).toMatchObject({ lacks: [], lacksFiscalYear: null });
    expect(body.items[0].municipalityCode).toBe('192104');
    expect(body.items[0].similarity.sameTown).toBe(true);
    const scores = body.items.map((c: { similarity: { score: number } }) => c.similarity.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // 紫波町 (a town of the same size band) comes before 北九州市 (a designated city of another band).
    const order = body.items.map((c: { id: string }) => c.id);
    expect(order.indexOf(DEMO_CASE_IDS.shiwaTransport)).toBeLessThan(
      order.indexOf(DEMO_CASE_IDS.kitakyushuRelearning),
    );
    expect((await as(null, { method: 'GET', url: '/api/public/cases?similarTo=192105' })).statusCode).toBe(
      400,
    );
  });

  it('towns like mine: a town that lacked what 甲斐市 lacks and built it comes right after 甲斐市 itself', async () => {
    type Item = {
      id: string;
      municipalityCode: string;
      similarity: { sameTown: boolean };
      builtWhatYouLack: string[];
    };
    const codeOf = async (id: string) =>
      (await as(null, { method: 'GET', url: `/api/public/cases/${id}` })).json().municipalityCode as string;
    const kitakyushu = await codeOf(DEMO_CASE_IDS.kitakyushuRelearning);
    const shiwa = await codeOf(DEMO_CASE_IDS.shiwaTransport);
    const kofuCode = '192015';
    const caseTowns = new Set<string>();
    for (const c of (await as(null, { method: 'GET', url: '/api/public/cases?limit=100' })).json()
      .items as Item[])
      caseTowns.add(c.municipalityCode);
    // The national layer, controlled: the demo's fictional returns of every town with a case are
    // replaced, so only what is seeded here can move a case.
    await replaceStatusReturns(
      t.db,
      [
        // 甲斐市 had a 居場所 once, and its latest accepted return (FY2025) has none: that is what it lacks.
        { municipalityCode: '192104', fiscalYear: 2023, places: 1 },
        { municipalityCode: '192104', fiscalYear: 2025, places: 0 },
        // Its draft for FY2026 claims one: a return not accepted says nothing to anyone.
        { municipalityCode: '192104', fiscalYear: 2026, places: 2, state: 'submitted' },
        // Town A (北九州市): no 居場所 in FY2023, two in FY2025.
        { municipalityCode: kitakyushu, fiscalYear: 2023, places: 0 },
        { municipalityCode: kitakyushu, fiscalYear: 2025, places: 2 },
        // 甲府市 lacked one in FY2023 and says it has one only in a return still under review.
        { municipalityCode: kofuCode, fiscalYear: 2023, places: 0 },
        { municipalityCode: kofuCode, fiscalYear: 2025, places: 3, state: 'submitted' },
        // 紫波町 always had one: not an example of building one.
        { municipalityCode: shiwa, fiscalYear: 2023, places: 1 },
        { municipalityCode: shiwa, fiscalYear: 2025, places: 1 },
      ],
      // The national layer, controlled: the demo's fictional returns of every town with a case are
      // cleared, so only what is seeded here can move a case.
      [...caseTowns],
    );

    const res = await as(null, { method: 'GET', url: '/api/public/cases?similarTo=192104&limit=100' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: Item[]; town: { lacks: string[]; lacksFiscalYear: number } };
    expect(body.town).toMatchObject({ lacks: ['居場所'], lacksFiscalYear: 2025 });
    const own = body.items.filter((c) => c.similarity.sameTown);
    expect(own.length).toBeGreaterThan(0);
    expect(body.items.slice(0, own.length).every((c) => c.municipalityCode === '192104')).toBe(true);
    const next = body.items[own.length]!;
    expect(next.id).toBe(DEMO_CASE_IDS.kitakyushuRelearning);
    expect(next.builtWhatYouLack).toEqual(['居場所']);
    // Everyone else built nothing 甲斐市 lacks (甲府市's return saying so is not accepted yet).
    expect(body.items.filter((c) => c.builtWhatYouLack.length).map((c) => c.id)).toEqual([
      DEMO_CASE_IDS.kitakyushuRelearning,
    ]);
    expect(body.items.find((c) => c.id === DEMO_CASE_IDS.kofuIbasho)!.builtWhatYouLack).toEqual([]);

    // A town whose return is not accepted: nothing is known of what it lacks, the usual order stands.
    const unknown = (await as(null, { method: 'GET', url: '/api/public/cases?similarTo=192091' })).json();
    expect(unknown.town).toMatchObject({ lacks: [], lacksFiscalYear: null });
    expect(unknown.items.every((c: Item) => c.builtWhatYouLack.length === 0)).toBe(true);
  });

  it('publishes open data as JSON and CSV, published cases only', async () => {
    const json = await as(null, { method: 'GET', url: '/api/public/cases/open-data.json' });
    expect(json.statusCode).toBe(200);
    const items = JSON.parse(json.body).items as Array<{ id: string }>;
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(items.map((i) => i.id)).not.toContain(DEMO_CASE_IDS.kofuDraft);
    const csv = await as(null, { method: 'GET', url: '/api/public/cases/open-data.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\ufeffID,全国地方公共団体コード')).toBe(true);
    expect(csv.body).toContain('きっかけ');
    expect(csv.body).not.toContain('（下書き）');
  });
});

describe('model cases: the staff lists filter and sort (issue 22)', () => {
  type Item = { id: string; title: string; municipalityCode: string; municipalityName: string };
  const all = async (query: string, limit = 100) => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/cases?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await as(nation, { method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    return seen;
  };

  it('the library by part of a title or a town in either kana script, by title and by town, paged whole', async () => {
    const everything = await all('view=library');
    expect(everything.length).toBeGreaterThan(3);
    const collator = new Intl.Collator('ja');
    const byTitle = await all('view=library&sort=title', 2);
    expect(byTitle.map((c) => c.title)).toEqual(everything.map((c) => c.title).sort(collator.compare));
    const byTown = await all('view=library&sort=town', 3);
    expect(byTown.map((c) => c.municipalityCode)).toEqual(everything.map((c) => c.municipalityCode).sort());
    expect(new Set(byTown.map((c) => c.id))).toEqual(new Set(everything.map((c) => c.id)));
    for (const q of ['居場所', 'いばしょ', 'イバショ']) {
      const found = await all(`view=library&q=${encodeURIComponent(q)}`);
      expect(
        found.map((c) => c.id),
        q,
      ).toContain(DEMO_CASE_IDS.kofuIbasho);
      expect(found.length, q).toBeLessThan(everything.length);
    }
    const town = everything[0]!.municipalityName;
    const inTown = await all(`view=library&q=${encodeURIComponent(town)}`);
    expect(inTown.length).toBeGreaterThan(0);
    expect(inTown.length).toBeLessThan(everything.length);
    // Every case of that town is found, in the default order (the latest edit first).
    const ofTown = everything.filter((c) => c.municipalityName === town).map((c) => c.id);
    expect(inTown.map((c) => c.id).filter((id) => ofTown.includes(id))).toEqual(ofTown);
  });

  it('answers 400 problem+json for an unknown order or an overlong filter', async () => {
    for (const url of ['/api/cases?view=library&sort=popular', `/api/cases?q=${'あ'.repeat(101)}`]) {
      const res = await as(nation, { method: 'GET', url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('model cases: questions between towns', () => {
  it("goes through the outbox to the author's staff, and the answer back to the one who asked", async () => {
    const id = DEMO_CASE_IDS.kaiFamilyStudy;
    // A draft cannot be asked about (its own town gets 409, others 404); the library's cases can.
    expect(
      (
        await as(kofuConsultation, {
          method: 'POST',
          url: `/api/cases/${DEMO_CASE_IDS.kofuDraft}/questions`,
          payload: { question: 'x' },
        })
      ).statusCode,
    ).toBe(409);
    const asked = await as(kofuConsultation, {
      method: 'POST',
      url: `/api/cases/${id}/questions`,
      payload: { question: '講師はどのように探しましたか。' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const question = asked.json();
    const kaiOutbox = (await as(kai, { method: 'GET', url: '/api/admin/outbox' })).json().items as Array<{
      templateKey: string;
      body: string;
    }>;
    const alert = kaiOutbox.find((m) => m.templateKey === 'case.question');
    expect(alert).toBeDefined();
    expect(alert?.body).not.toContain('講師');
    expect(alert?.body).toContain(`/console/cases/${id}`);

    const inbox = (await as(kai, { method: 'GET', url: '/api/cases/questions' })).json().items;
    expect(inbox[0]).toMatchObject({
      id: question.id,
      toUs: true,
      askerMunicipalityName: '甲府市',
      answer: null,
    });
    expect(
      (
        await as(kofu, {
          method: 'POST',
          url: `/api/cases/${id}/questions/${question.id}/answer`,
          payload: { answer: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const answered = await as(kai, {
      method: 'POST',
      url: `/api/cases/${id}/questions/${question.id}/answer`,
      payload: { answer: '県のセンターに相談して紹介してもらいました。' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(
      (
        await as(kai, {
          method: 'POST',
          url: `/api/cases/${id}/questions/${question.id}/answer`,
          payload: { answer: 'again' },
        })
      ).statusCode,
    ).toBe(409);
    const mine = (await as(kofuConsultation, { method: 'GET', url: '/api/cases/questions' })).json().items;
    expect(mine[0]).toMatchObject({
      id: question.id,
      toUs: false,
      answer: '県のセンターに相談して紹介してもらいました。',
    });
    const kofuOutbox = (await as(kofu, { method: 'GET', url: '/api/admin/outbox' })).json().items as Array<{
      templateKey: string;
      recipient: string;
    }>;
    expect(kofuOutbox.find((m) => m.templateKey === 'case.answer')?.recipient).toBe(
      'consultation@kofu.demo.example',
    );
  });
});

describe('model cases: row-level security backstop', () => {
  const states = (tenant: string | null) =>
    inTransaction(t.db, { tenant }, (tx) =>
      rows<{ id: string; state: string }>(tx, sql`select id, state from cases`),
    );
  it('a query with no filter sees only what the workflow lets its tenant see', async () => {
    const kaiSees = await states('192104');
    expect(kaiSees.map((r) => r.id)).not.toContain(DEMO_CASE_IDS.kofuDraft);
    expect((await states('192015')).map((r) => r.id)).toContain(DEMO_CASE_IDS.kofuDraft);
    // The prefecture sees no draft; a transaction without a tenant sees nothing before acceptance.
    expect((await states('190004')).filter((r) => r.state === 'draft')).toEqual([]);
    expect((await states(null)).filter((r) => !['accepted', 'published'].includes(r.state))).toEqual([]);
    // Another town cannot change a published case, even by naming it.
    const changed = await inTransaction(t.db, { tenant: '192104' }, (tx) =>
      rows(tx, sql`update cases set author_name = 'x' where id = ${DEMO_CASE_IDS.kofuIbasho} returning id`),
    );
    expect(changed).toEqual([]);
  });
});
