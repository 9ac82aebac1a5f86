import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Caseload,
  ImportView,
  Instruments,
  MeasureList,
  MeasureView,
} from '../../../shared/contracts/support.ts';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { pickLang } from '../../platform/errors.ts';
import { receiveOneFile } from '../../platform/uploads/index.ts';
import { unansweredSummary } from '../consultations/index.ts';
import { caseload } from './support.caseload.ts';
import { applyImport, createImport, parseImport, presentImport } from './support.import.ts';
import { listMeasures, recordMeasure } from './support.measures.ts';
import { supportRouteKit } from './support.routes.ts';
import {
  CaseloadQuery,
  ConfirmImportBody,
  ImportParams,
  MeasureInput,
  PersonParams,
} from './support.schema.ts';
import {
  GAS_LEVELS,
  GAS_RHO,
  HQ25_CUTOFF,
  HQ25_SUBSCALES,
  PARTICIPATION_LADDER,
  UCLA3_CHOICES,
  UCLA3_ITEMS,
  WHO5_CHOICES,
  WHO5_ITEMS,
  WHO5_POOR_WELLBEING_CUTOFF,
} from './support.scoring.ts';

/** Routes of measures and instruments, the caseload and the CSV import. */
export function registerSupportMeasureRoutes(fastify: FastifyInstance): void {
  const { app, db, clock, ctx, tags, onPerson } = supportRouteKit(fastify);

  // ── measures ──

  app.get(
    '/api/support/persons/:id/measures',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '評価尺度の記録と、変化のグラフ用の系列',
        params: PersonParams,
        response: { 200: MeasureList },
      },
    },
    async (request) =>
      onPerson(request, 'support.measure.read', (tx, person) => listMeasures(tx, ctx, person)),
  );

  app.post(
    '/api/support/persons/:id/measures',
    {
      config: { permission: 'support.write' },
      schema: {
        tags,
        summary: '評価尺度を記録する（WHO-5-J・UCLA 3項目・HQ-25 の入力値・社会参加の段階・GAS）',
        params: PersonParams,
        body: MeasureInput,
        response: { 201: MeasureView },
      },
    },
    async (request, reply) => {
      const measure = await onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const saved = await recordMeasure(tx, ctx, actor, person, request.body);
        audit({ action: 'support.measure.create', recordType: 'measure', recordId: saved.id });
        return saved;
      });
      return reply.code(201).send(measure);
    },
  );

  app.get(
    '/api/support/instruments',
    {
      config: { permission: 'support.read' },
      schema: { tags, summary: '評価尺度の項目と選択肢（画面の表示用）', response: { 200: Instruments } },
    },
    async () => ({
      who5: { items: [...WHO5_ITEMS], choices: [...WHO5_CHOICES], cutoff: WHO5_POOR_WELLBEING_CUTOFF },
      ucla3: { items: [...UCLA3_ITEMS], choices: [...UCLA3_CHOICES] },
      hq25: { cutoff: HQ25_CUTOFF, subscales: HQ25_SUBSCALES },
      participationLadder: [...PARTICIPATION_LADDER],
      gas: { levels: [...GAS_LEVELS], rho: GAS_RHO },
    }),
  );

  // ── caseload ──

  app.get(
    '/api/support/caseload',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '担当ケース: 見直しが近いもの、連絡の間が空いたもの、返信待ちの相談',
        querystring: CaseloadQuery,
        response: { 200: Caseload },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const result = await caseload(tx, ctx, tenant, actor, request.query);
        for (const id of result.persons)
          audit({ action: 'support.caseload.read', recordType: 'person', recordId: id });
        // Consultation counts only for those who answer them (labour staff see none).
        const unanswered = actor.roles.includes('consultation')
          ? await unansweredSummary(tx, tenant, clock.now())
          : { count: 0, oldest: [] };
        return {
          myCases: result.myCases,
          reviewsDue: result.reviewsDue,
          longGaps: result.longGaps,
          unansweredConsultations: {
            count: unanswered.count,
            oldest: unanswered.oldest.map((c) => ({
              id: c.id,
              awaitingReplySince: c.awaitingReplySince,
              unansweredHours: c.unansweredHours,
            })),
          },
        };
      }),
  );

  // ── import ──

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 2, parts: 3 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/support/imports',
      {
        config: { permission: 'support.manage' },
        bodyLimit: UPLOAD_LIMIT_BYTES + 64 * 1024,
        schema: {
          tags,
          summary:
            'ケース一覧（CSV: UTF-8 / Shift_JIS）の取り込み（1）: 全行を検査してプレビュー。記録には書き込まない',
          consumes: ['multipart/form-data'],
          response: { 201: ImportView },
        },
      },
      async (request, reply) => {
        const bytes = await receiveOneFile(request, { maxFileBytes: UPLOAD_LIMIT_BYTES });
        const view = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
          const parsed = await parseImport(tx, tenant, bytes, isoDateInTokyo(clock.now()));
          const rowCount =
            parsed.rows.length + new Set(parsed.problems.filter((p) => p.row > 0).map((p) => p.row)).size;
          const row = await createImport(tx, ctx, tenant, actor, parsed, rowCount);
          audit({ action: 'support.import.preview', recordType: 'support_import', recordId: row.id });
          return presentImport(tx, ctx, tenant, row.id, pickLang(request.headers['accept-language']));
        });
        return reply.code(201).send(view);
      },
    );
  });

  app.get(
    '/api/support/imports/:id',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary: '取り込みのプレビュー（行ごとの問題と、反映したときの作成・更新の数）',
        params: ImportParams,
        response: { 200: ImportView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const view = await presentImport(
          tx,
          ctx,
          tenant,
          request.params.id,
          pickLang(request.headers['accept-language']),
        );
        audit({ action: 'support.import.read', recordType: 'support_import', recordId: view.id });
        return view;
      }),
  );

  app.post(
    '/api/support/imports/:id/confirm',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary:
          '取り込み（2）: プレビューの内容を 1 つのトランザクションで反映（外部ID で照合するので重複しない）',
        params: ImportParams,
        body: ConfirmImportBody,
        response: { 200: ImportView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const done = await applyImport(tx, ctx, tenant, actor, request.params.id, request.body.skipInvalid);
        audit({
          action: 'support.import.confirm',
          recordType: 'support_import',
          recordId: request.params.id,
        });
        for (const id of done.created)
          audit({ action: 'support.person.create', recordType: 'person', recordId: id });
        for (const id of done.updated)
          audit({ action: 'support.person.update', recordType: 'person', recordId: id });
        return presentImport(
          tx,
          ctx,
          tenant,
          request.params.id,
          pickLang(request.headers['accept-language']),
        );
      }),
  );
}
