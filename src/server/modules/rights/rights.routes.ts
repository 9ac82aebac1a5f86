import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AccessReport,
  CorrectionList,
  CorrectionView,
  DisclosureDocument,
  DisclosureList,
  DisclosureView,
  PurgeReport,
  RetentionView,
} from '../../../shared/contracts/rights.ts';
import { type RequestAudit, staffWork } from '../../platform/access/request-transaction.ts';
import { accessReport } from './rights.access-report.ts';
import { createCorrection, decideCorrection, listCorrections } from './rights.corrections.ts';
import {
  approveDisclosure,
  createDisclosure,
  decideItems,
  disclosureDocument,
  getDisclosure,
  listDisclosures,
} from './rights.disclosures.ts';
import { purgeReport, retention, setRetention } from './rights.retention.ts';
import {
  ApproveBody,
  CreateCorrectionBody,
  CreateDisclosureBody,
  DecideCorrectionBody,
  DecideItemsBody,
  IdParams,
  PersonParams,
  RetentionBody,
} from './rights.schema.ts';

type Audit = RequestAudit;

/**
 * The person's rights (issue 7): disclosure drafts reviewed and approved by staff, correction
 * requests, the access report (from the audit log), retention settings and the purge report.
 */
export function registerRightsRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['rights'];

  const readOf = (personId: string, action: string): Audit => ({
    action,
    recordType: 'person',
    recordId: personId,
  });

  app.post(
    '/api/rights/persons/:id/disclosures',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary:
          '開示請求を受け付け、保有する全項目の下書きを作る（第三者の発言・支援会議の非公開資料は理由つきで不開示の案）',
        params: PersonParams,
        body: CreateDisclosureBody,
        response: { 201: DisclosureView },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const d = await createDisclosure(tx, ctx, tenant, actor, request.params.id, request.body);
        audit({ action: 'rights.disclosure.create', recordType: 'disclosure', recordId: d.id });
        audit(readOf(d.personId, 'rights.disclosure.read'));
        return d;
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/rights/persons/:id/disclosures',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '本人の開示請求の一覧',
        params: PersonParams,
        response: { 200: DisclosureList },
      },
    },
    async (request) =>
      staffWork(db, request, ({ tx, tenant, actor }) =>
        listDisclosures(tx, ctx, tenant, actor, request.params.id),
      ),
  );

  app.get(
    '/api/rights/disclosures/:id',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '開示の下書き（全項目と開示・不開示の案）',
        params: IdParams,
        response: { 200: DisclosureView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const d = await getDisclosure(tx, ctx, tenant, actor, request.params.id);
        audit(readOf(d.personId, 'rights.disclosure.read'));
        return d;
      }),
  );

  app.put(
    '/api/rights/disclosures/:id/items',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '項目ごとに開示・不開示（理由）を決める（承認前だけ。version が古いと 409）',
        params: IdParams,
        body: DecideItemsBody,
        response: { 200: DisclosureView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const d = await decideItems(tx, ctx, tenant, actor, request.params.id, request.body);
        audit({ action: 'rights.disclosure.update', recordType: 'disclosure', recordId: d.id });
        audit(readOf(d.personId, 'rights.disclosure.read'));
        return d;
      }),
  );

  app.post(
    '/api/rights/disclosures/:id/approve',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '開示を承認する（以後、本人に渡せる）',
        params: IdParams,
        body: ApproveBody,
        response: { 200: DisclosureView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const d = await approveDisclosure(tx, ctx, tenant, actor, request.params.id, request.body.version);
        audit({ action: 'rights.disclosure.approve', recordType: 'disclosure', recordId: d.id });
        return d;
      }),
  );

  app.get(
    '/api/rights/disclosures/:id/document',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '承認済みの開示文書（読みやすい印刷用の内容と JSON。承認前は 409）',
        params: IdParams,
        response: { 200: DisclosureDocument },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const doc = await disclosureDocument(tx, ctx, tenant, actor, request.params.id);
        audit({
          action: 'rights.disclosure-document.read',
          recordType: 'disclosure',
          recordId: request.params.id,
        });
        return doc;
      }),
  );

  app.post(
    '/api/rights/persons/:id/corrections',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '訂正請求を受け付ける',
        params: PersonParams,
        body: CreateCorrectionBody,
        response: { 201: CorrectionView },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await createCorrection(tx, ctx, tenant, actor, request.params.id, request.body);
        audit({ action: 'rights.correction.create', recordType: 'correction', recordId: c.id });
        return c;
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/rights/persons/:id/corrections',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '訂正請求の一覧と結果',
        params: PersonParams,
        response: { 200: CorrectionList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const list = await listCorrections(tx, ctx, tenant, actor, request.params.id);
        if (list.items.length) audit(readOf(list.items[0]!.personId, 'rights.correction.read'));
        return list;
      }),
  );

  app.post(
    '/api/rights/corrections/:id/decide',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '訂正請求の結果（訂正した・一部訂正・訂正しない）と説明を記録',
        params: IdParams,
        body: DecideCorrectionBody,
        response: { 200: CorrectionView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const c = await decideCorrection(tx, ctx, tenant, actor, request.params.id, request.body);
        audit({ action: 'rights.correction.decide', recordType: 'correction', recordId: c.id });
        return c;
      }),
  );

  app.get(
    '/api/rights/persons/:id/access-report',
    {
      config: { permission: 'rights.handle' },
      schema: {
        tags,
        summary: '本人の記録を、どの役割・どの機関がいつ見たか（職員の名前は出さない）',
        params: PersonParams,
        response: { 200: AccessReport },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const report = await accessReport(tx, ctx, tenant, actor, request.params.id);
        audit({ action: 'rights.access-report.create', recordType: 'person', recordId: report.personId });
        return report;
      }),
  );

  app.get(
    '/api/rights/retention',
    {
      config: { permission: 'retention.manage' },
      schema: { tags, summary: '記録の種類ごとの保存期間（月）', response: { 200: RetentionView } },
    },
    async (request) => staffWork(db, request, ({ tx, tenant }) => retention(tx, tenant)),
  );

  app.put(
    '/api/rights/retention',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags,
        summary: '保存期間を設定する（12 か月以上）',
        body: RetentionBody,
        response: { 200: RetentionView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const result = await setRetention(tx, ctx, tenant, actor, request.body);
        audit({ action: 'rights.retention.update', recordType: 'tenant', recordId: tenant });
        return result;
      }),
  );

  app.get(
    '/api/rights/purges',
    {
      config: { permission: 'retention.manage' },
      schema: {
        tags,
        summary: '保存期間を過ぎて消去した記録の報告（ID と件数だけ）',
        response: { 200: PurgeReport },
      },
    },
    async (request) => staffWork(db, request, ({ tx, tenant }) => purgeReport(tx, tenant)),
  );
}
