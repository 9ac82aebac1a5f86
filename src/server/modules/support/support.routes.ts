import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { type RequestAudit, staffWork } from '../../platform/access/request-transaction.ts';
import type { Tx } from '../../platform/db/client.ts';
import { fieldError, pickLang } from '../../platform/errors.ts';
import { receiveOneFile } from '../../platform/uploads/index.ts';
import { getAgency } from '../agencies/agencies.service.ts';
import { unansweredSummary } from '../consultations/consultations.service.ts';
import { assertExportable, PERSON_EXPORT_MAX, personListCsv } from './support.export.ts';
import { applyImport, createImport, parseImport, presentImport } from './support.import.ts';
import { matchPlaces, placeDirectory } from './support.matching.ts';
import {
  AuditPersonLookup,
  AuditPersonLookupQuery,
  CaseFilePrint,
  Caseload,
  CaseloadQuery,
  ConfirmImportBody,
  ConsentInput,
  ConsentList,
  CreateIntakeBody,
  CreatePersonBody,
  CreatePlanBody,
  FamilyMemberInput,
  FamilyParams,
  ImportParams,
  ImportView,
  Instruments,
  IntakeList,
  IntakeParams,
  IntakeView,
  MatchList,
  MatchQuery,
  MeasureInput,
  MeasureList,
  MeasureView,
  MergeBody,
  NoteHistory,
  NoteInput,
  NoteParams,
  NotesPrint,
  NotesPrintQuery,
  NoteView,
  PersonDetail,
  PersonList,
  PersonListQuery,
  PersonParams,
  PlanList,
  PlanParams,
  PlanView,
  PrintablePlan,
  SearchPersonsBody,
  SearchResult,
  Timeline,
  TimelineQuery,
  UpdateFamilyMemberBody,
  UpdateIntakeBody,
  UpdateNoteBody,
  UpdatePersonBody,
  UpdatePlanBody,
  VersionQuery,
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
import {
  type Access,
  addFamilyMember,
  caseFilePrint,
  caseload,
  correctNote,
  createNote,
  createPerson,
  getIntake,
  getNote,
  getPlan,
  listConsents,
  listIntakes,
  listMeasures,
  listPersons,
  listPlans,
  loadPerson,
  mergePersons,
  notesPrint,
  personDetail,
  personsByNicknameForAudit,
  printablePlan,
  recordConsent,
  recordMeasure,
  saveIntake,
  savePlan,
  searchPersons,
  summarize,
  timeline,
  updateFamilyMember,
  updatePerson,
} from './support.service.ts';
import type { supportPersons } from './support.tables.ts';

type PersonRow = typeof supportPersons.$inferSelect;
type Audit = RequestAudit;

/**
 * Support records (issue 6). Every route: permission → validate → tenant transaction → loadPerson
 * (tenant, visibility: labour consent, merges) → service → audit (ids only; reads of a person's
 * record as record type `person`, which the breach report `personsReadBy` counts) → present.
 * Audit entries are appended last, just before commit (decision 0004).
 */
export function registerSupportRoutes(fastify: FastifyInstance): void {
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
        // The agency named as recipient must be one of this tenant's (another tenant's or a made-up
        // id would leave a consent that points at nothing). Checked here: agencies' service already
        // calls into support's, so support's service does not call back into agencies'.
        const agencyId = request.body.recipientAgencyId;
        if (agencyId)
          await getAgency(tx, person.municipalityCode, agencyId).catch(() => {
            throw fieldError(
              '/body/recipientAgencyId',
              'この自治体の関係機関を選んでください',
              'Choose an agency of this municipality',
            );
          });
        const id = await recordConsent(tx, ctx, actor, person, request.body);
        audit({ action: 'support.consent.create', recordType: 'consent', recordId: id });
        return listConsents(tx, ctx, person);
      });
      return reply.code(201).send(list);
    },
  );

  // ── intake and assessment ──

  app.get(
    '/api/support/persons/:id/intakes',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '受付・アセスメント（各記録の最新版と版の一覧）',
        params: PersonParams,
        response: { 200: IntakeList },
      },
    },
    async (request) =>
      onPerson(request, 'support.intake.read', async (tx, person) => ({
        items: await listIntakes(tx, ctx, person),
      })),
  );

  app.post(
    '/api/support/persons/:id/intakes',
    {
      config: { permission: 'support.write' },
      schema: {
        tags,
        summary: '受付・アセスメントを作る（相談経路から緊急性までの各領域）',
        params: PersonParams,
        body: CreateIntakeBody,
        response: { 201: IntakeView },
      },
    },
    async (request, reply) => {
      const view = await onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const saved = await saveIntake(tx, ctx, actor, person, null, 0, request.body.content, request.body);
        audit({ action: 'support.intake.create', recordType: 'intake', recordId: saved.id });
        return saved;
      });
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/support/persons/:id/intakes/:intakeId',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '受付・アセスメントの 1 件（?version= で過去の版）',
        params: IntakeParams,
        querystring: VersionQuery,
        response: { 200: IntakeView },
      },
    },
    async (request) =>
      onPerson(request, 'support.intake.read', (tx, person) =>
        getIntake(tx, ctx, person, request.params.intakeId, request.query.version),
      ),
  );

  app.put(
    '/api/support/persons/:id/intakes/:intakeId',
    {
      config: { permission: 'support.write' },
      schema: {
        tags,
        summary: '受付・アセスメントの新しい版（version が古いと 409: current と yours を返す）',
        params: IntakeParams,
        body: UpdateIntakeBody,
        response: { 200: IntakeView },
      },
    },
    async (request) =>
      onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const saved = await saveIntake(
          tx,
          ctx,
          actor,
          person,
          request.params.intakeId,
          request.body.version,
          request.body.content,
          request.body,
        );
        audit({ action: 'support.intake.update', recordType: 'intake', recordId: saved.id });
        return saved;
      }),
  );

  // ── plans ──

  app.get(
    '/api/support/persons/:id/plans',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '支援計画（各計画の最新版と版の一覧）',
        params: PersonParams,
        response: { 200: PlanList },
      },
    },
    async (request) =>
      onPerson(request, 'support.plan.read', async (tx, person) => ({
        items: await listPlans(tx, ctx, person),
      })),
  );

  app.post(
    '/api/support/persons/:id/plans',
    {
      config: { permission: 'support.write' },
      schema: {
        tags,
        summary: '支援計画を作る（本人の言葉の目標が先頭。目標ごとに GAS、担当つきの行動、居場所、見直し日）',
        params: PersonParams,
        body: CreatePlanBody,
        response: { 201: PlanView },
      },
    },
    async (request, reply) => {
      const plan = await onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const saved = await savePlan(tx, ctx, actor, person, null, 0, request.body, request.body);
        audit({ action: 'support.plan.create', recordType: 'plan', recordId: saved.id });
        return saved;
      });
      return reply.code(201).send(plan);
    },
  );

  app.get(
    '/api/support/persons/:id/plans/:planId',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '支援計画の 1 件（?version= で過去の版）',
        params: PlanParams,
        querystring: VersionQuery,
        response: { 200: PlanView },
      },
    },
    async (request) =>
      onPerson(request, 'support.plan.read', (tx, person) =>
        getPlan(tx, ctx, person, request.params.planId, request.query.version),
      ),
  );

  app.put(
    '/api/support/persons/:id/plans/:planId',
    {
      config: { permission: 'support.write' },
      schema: {
        tags,
        summary: '支援計画の新しい版（すべての版を残す。version が古いと 409）',
        params: PlanParams,
        body: UpdatePlanBody,
        response: { 200: PlanView },
      },
    },
    async (request) =>
      onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const { version, ...content } = request.body;
        const saved = await savePlan(
          tx,
          ctx,
          actor,
          person,
          request.params.planId,
          version,
          content,
          request.body,
        );
        audit({ action: 'support.plan.update', recordType: 'plan', recordId: saved.id });
        return saved;
      }),
  );

  app.get(
    '/api/support/persons/:id/plans/:planId/print',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '本人に渡す、やさしい言葉の計画（印刷用。和暦の日付）',
        params: PlanParams,
        querystring: VersionQuery,
        response: { 200: PrintablePlan },
      },
    },
    async (request, reply) => {
      const doc = await onPerson(request, 'support.plan-print.read', (tx, person) =>
        printablePlan(tx, ctx, person, request.params.planId, request.query.version),
      );
      return reply.header('cache-control', 'no-store').send(doc);
    },
  );

  // Print views (帳票) of a record (issue 22): reads of the person's record like the pages they print,
  // audited as such (record type person, so the breach report counts them), never cached.
  app.get(
    '/api/support/persons/:id/print/case-file',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '記録の概要の帳票（印刷用。閲覧は監査ログに残る）',
        params: PersonParams,
        response: { 200: CaseFilePrint },
      },
    },
    async (request, reply) => {
      const doc = await onPerson(request, 'support.case-file-print.read', (tx, person, _access, actor) =>
        caseFilePrint(tx, ctx, actor, person),
      );
      return reply.header('cache-control', 'no-store').send(doc);
    },
  );

  app.get(
    '/api/support/persons/:id/print/notes',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary:
          '経過記録の帳票（期間を指定。読めない「配慮が必要な記録」は含まれない。閲覧は監査ログに残る）',
        params: PersonParams,
        querystring: NotesPrintQuery,
        response: { 200: NotesPrint },
      },
    },
    async (request, reply) => {
      const doc = await onPerson(request, 'support.notes-print.read', (tx, person, _access, actor) =>
        notesPrint(tx, ctx, actor, person, request.query),
      );
      return reply.header('cache-control', 'no-store').send(doc);
    },
  );

  app.get(
    '/api/support/persons/:id/matches',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '本人に合いそうな居場所・社会参加の選択肢（掲載中の情報から。理由つき）',
        params: PersonParams,
        querystring: MatchQuery,
        response: { 200: MatchList },
      },
    },
    async (request) =>
      onPerson(request, 'support.matches.read', async (tx, person) => {
        const items = await matchPlaces(
          tx,
          placeDirectory,
          person.municipalityCode,
          summarize(ctx, person),
          request.query,
        );
        return { items };
      }),
  );

  // ── notes ──

  app.get(
    '/api/support/persons/:id/timeline',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '支援経過（各記録の最新版、新しい順。読めない「配慮が必要な記録」は含まれない）',
        params: PersonParams,
        querystring: TimelineQuery,
        response: { 200: Timeline },
      },
    },
    async (request) =>
      onPerson(request, 'support.timeline.read', (tx, person, _access, actor) =>
        timeline(tx, ctx, actor, person, request.query),
      ),
  );

  app.post(
    '/api/support/persons/:id/notes',
    {
      config: { permission: 'support.write' },
      schema: {
        tags,
        summary: '支援経過を記録する（種別・時間・参加者・本文。sensitive で読める役割を限定）',
        params: PersonParams,
        body: NoteInput,
        response: { 201: NoteView },
      },
    },
    async (request, reply) => {
      const note = await onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const created = await createNote(tx, ctx, actor, person, request.body);
        audit({ action: 'support.note.create', recordType: 'note', recordId: created.id });
        return created;
      });
      return reply.code(201).send(note);
    },
  );

  app.get(
    '/api/support/persons/:id/notes/:noteId',
    {
      config: { permission: 'support.read' },
      schema: {
        tags,
        summary: '支援経過の 1 件とその全版',
        params: NoteParams,
        response: { 200: NoteHistory },
      },
    },
    async (request) =>
      onPerson(request, 'support.note.read', (tx, person, _access, actor) =>
        getNote(tx, ctx, actor, person, request.params.noteId),
      ),
  );

  app.put(
    '/api/support/persons/:id/notes/:noteId',
    {
      config: { permission: 'support.write' },
      schema: {
        tags,
        summary: '支援経過の訂正（新しい版として残す。version が古いと 409: current と yours の両方を返す）',
        params: NoteParams,
        body: UpdateNoteBody,
        response: { 200: NoteView },
      },
    },
    async (request) =>
      onPerson(request, null, async (tx, person, _access, actor, audit) => {
        const saved = await correctNote(
          tx,
          ctx,
          actor,
          person,
          request.params.noteId,
          request.body.version,
          request.body.note,
        );
        audit({ action: 'support.note.correct', recordType: 'note', recordId: saved.id });
        return saved;
      }),
  );

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
