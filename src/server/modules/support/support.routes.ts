import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AuditPersonLookup,
  ConsentList,
  PersonDetail,
  PersonList,
  SearchResult,
} from '../../../shared/contracts/support.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { type RequestAudit, staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type Access, loadPerson } from './support.access.ts';
import { listConsents, recordConsent } from './support.consents.ts';
import { assertExportable, PERSON_EXPORT_MAX, personListCsv } from './support.export.ts';
import { listPersons, personsByNicknameForAudit, searchPersons } from './support.person-search.ts';
import {
  addFamilyMember,
  createPerson,
  mergePersons,
  personDetail,
  updateFamilyMember,
  updatePerson,
} from './support.persons.ts';
import {
  AuditPersonLookupQuery,
  ConsentInput,
  CreatePersonBody,
  FamilyMemberInput,
  FamilyParams,
  MergeBody,
  PersonListQuery,
  PersonParams,
  SearchPersonsBody,
  UpdateFamilyMemberBody,
  UpdatePersonBody,
} from './support.schema.ts';
import type { supportPersons } from './support.tables.ts';

type PersonRow = typeof supportPersons.$inferSelect;
type Audit = RequestAudit;

/** What every support route file starts from: the typed app, the context and `onPerson`. */
export function supportRouteKit(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const tags = ['support'];

  /** Work on one person's record the caller may see (404 otherwise); `read` audits a read of it. */
  const onPerson = <T>(
    request: FastifyRequest<{ Params: { id: string } }>,
    read: string | null,
    work: (
      tx: Tx,
      person: PersonRow,
      access: Access,
      actor: Actor,
      audit: (entry: Audit) => void,
    ) => Promise<T>,
  ) =>
    staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
      const { person, access } = await loadPerson(tx, ctx, tenant, actor, request.params.id);
      const result = await work(tx, person, access, actor, audit);
      if (read) audit({ action: read, recordType: 'person', recordId: person.id });
      return result;
    });

  const detailOf = async (tx: Tx, tenant: string, actor: Actor, id: string) => {
    const { person, access } = await loadPerson(tx, ctx, tenant, actor, id);
    return personDetail(tx, ctx, person, access);
  };
  return { app, db, clock, ctx, tags, onPerson, detailOf };
}

/**
 * Support records (issue 6): persons, family and consent here; records and measures in their own route files. Every route: permission → validate → tenant transaction → loadPerson
 * (tenant, visibility: labour consent, merges) → service → audit (ids only; reads of a person's
 * record as record type `person`, which the breach report `personsReadBy` counts) → present.
 * Audit entries are appended last, just before commit (decision 0004).
 */
export function registerSupportRoutes(fastify: FastifyInstance): void {
  const { app, db, clock, ctx, tags, onPerson, detailOf } = supportRouteKit(fastify);

  // ── persons ──

  app.post(
    '/api/support/persons/search',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary:
          '作成前の検索（呼び名・氏名・ふりがな・生年月日・電話の完全一致。POST なので名前が URL に残らない）',
        body: SearchPersonsBody,
        response: { 200: SearchResult },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const items = await searchPersons(tx, ctx, tenant, actor, request.body);
        audit({ action: 'support.person.search', recordType: 'person', recordId: null });
        for (const item of items)
          audit({ action: 'support.search-result.read', recordType: 'person', recordId: item.id });
        return { items };
      }),
  );

  app.get(
    '/api/support/persons',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '担当ケースの一覧（連絡の間隔が長い順。就労の有無で並べることはしない）',
        querystring: PersonListQuery,
        response: { 200: PersonList },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const list = await listPersons(tx, ctx, tenant, actor, request.query);
        for (const item of list.items)
          audit({ action: 'support.person-list.read', recordType: 'person', recordId: item.id });
        return list;
      }),
  );

  app.get(
    '/api/admin/audit/person-lookup',
    {
      config: { permission: 'audit.search' },
      schema: {
        tags,
        summary: '監査ログを本人で検索するための呼び名検索（ID と呼び名のみ。検索は監査ログに残る）',
        querystring: AuditPersonLookupQuery,
        response: { 200: AuditPersonLookup },
      },
    },
    async (request) => {
      // A national administrator's audit log holds no persons: nothing to pick, not a missing page.
      if (!actorOf(request).tenant) return { items: [], total: 0, nextCursor: null };
      return staffWork(db, request, async ({ tx, tenant, audit }) => {
        const items = await personsByNicknameForAudit(tx, ctx, tenant, request.query.q, 20);
        audit({ action: 'audit.person.lookup', recordType: 'person', recordId: null });
        return { items, total: items.length, nextCursor: null };
      });
    },
  );

  app.get(
    '/api/support/persons.csv',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '担当ケースの一覧 CSV（画面と同じ絞り込み・並び。出力した記録はすべて監査ログに残る）',
        querystring: PersonListQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const list = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const all = await listPersons(tx, ctx, tenant, actor, { ...request.query, limit: PERSON_EXPORT_MAX });
        assertExportable(all.total);
        for (const item of all.items)
          audit({ action: 'support.person-list.export', recordType: 'person', recordId: item.id });
        return all;
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="cases-${isoDateInTokyo(clock.now())}.csv"`)
        .header('cache-control', 'no-store')
        .send(personListCsv(list.items));
    },
  );

  app.post(
    '/api/support/persons',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary: '支援記録を作る（呼び名だけでよい。相談から作るときは記録への同意が必要）',
        body: CreatePersonBody,
        response: { 201: PersonDetail },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, actor, audit }) => {
        const person = await createPerson(tx, ctx, tenant, actor, request.body);
        audit({ action: 'support.person.create', recordType: 'person', recordId: person.id });
        for (const _ of request.body.consents)
          audit({ action: 'support.consent.create', recordType: 'person', recordId: person.id });
        if (request.body.fromConsultationId)
          audit({
            action: 'consultations.consultation.link',
            recordType: 'consultation',
            recordId: request.body.fromConsultationId,
          });
        return detailOf(tx, tenant, actor, person.id);
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/support/persons/:id',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '本人の記録（連絡の希望・家族と世帯・同意の状態を含む。閲覧は監査ログに残る）',
        params: PersonParams,
        response: { 200: PersonDetail },
      },
    },
    async (request) =>
      onPerson(request, 'support.person.read', (tx, person, access) => personDetail(tx, ctx, person, access)),
  );

  app.put(
    '/api/support/persons/:id',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary: '本人の記録を更新（version が古いと 409: current と yours を返す）',
        params: PersonParams,
        body: UpdatePersonBody,
        response: { 200: PersonDetail },
      },
    },
    async (request) =>
      onPerson(request, null, async (tx, person, access, actor, audit) => {
        const row = await updatePerson(tx, ctx, actor, person, access, request.body);
        audit({ action: 'support.person.update', recordType: 'person', recordId: person.id });
        return personDetail(tx, ctx, row, access);
      }),
  );

  app.post(
    '/api/support/persons/:id/merge',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary: '重複した記録をこの記録にまとめる（どちらの記録の履歴もすべて残る）',
        params: PersonParams,
        body: MergeBody,
        response: { 200: PersonDetail },
      },
    },
    async (request) =>
      onPerson(request, null, async (tx, person, access, actor, audit) => {
        const row = await mergePersons(
          tx,
          ctx,
          actor,
          person,
          request.body.duplicateId,
          request.body,
          access,
        );
        audit({ action: 'support.person.merge', recordType: 'person', recordId: person.id });
        audit({
          action: 'support.person.merged-into',
          recordType: 'person',
          recordId: request.body.duplicateId,
        });
        return personDetail(tx, ctx, row, access);
      }),
  );

  app.post(
    '/api/support/persons/:id/family',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary: '家族・世帯員を加える',
        params: PersonParams,
        body: FamilyMemberInput,
        response: { 201: PersonDetail },
      },
    },
    async (request, reply) => {
      const detail = await onPerson(request, null, async (tx, person, access, _actor, audit) => {
        const id = await addFamilyMember(tx, ctx, person, request.body);
        audit({ action: 'support.family.create', recordType: 'family_member', recordId: id });
        return personDetail(tx, ctx, person, access);
      });
      return reply.code(201).send(detail);
    },
  );

  app.put(
    '/api/support/persons/:id/family/:memberId',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary: '家族・世帯員を更新（version が古いと 409）',
        params: FamilyParams,
        body: UpdateFamilyMemberBody,
        response: { 200: PersonDetail },
      },
    },
    async (request) =>
      onPerson(request, null, async (tx, person, access, _actor, audit) => {
        const id = await updateFamilyMember(tx, ctx, person, access, request.params.memberId, request.body);
        audit({ action: 'support.family.update', recordType: 'family_member', recordId: id });
        return personDetail(tx, ctx, person, access);
      }),
  );

  // ── consent ──

  app.get(
    '/api/support/persons/:id/consents',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '同意の記録（目的・提供先ごとの現在の状態と、すべての記録）',
        params: PersonParams,
        response: { 200: ConsentList },
      },
    },
    async (request) =>
      onPerson(request, 'support.consent.read', (tx, person) => listConsents(tx, ctx, person)),
  );

  app.post(
    '/api/support/persons/:id/consents',
    {
      config: { permission: 'support.manage' },
      schema: {
        tags,
        summary: '同意を記録する（同意・拒否・撤回・期限切れ。記録は変更できず、訂正は新しい記録で）',
        params: PersonParams,
        body: ConsentInput,
        response: { 201: ConsentList },
      },
    },
    async (request, reply) => {
      const list = await onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const id = await recordConsent(tx, ctx, actor, person, request.body);
        audit({ action: 'support.consent.create', recordType: 'consent', recordId: id });
        return listConsents(tx, ctx, person);
      });
      return reply.code(201).send(list);
    },
  );
}
