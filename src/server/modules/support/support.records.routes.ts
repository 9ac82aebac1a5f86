import type { FastifyInstance } from 'fastify';
import {
  CaseFilePrint,
  IntakeList,
  IntakeView,
  MatchList,
  NoteHistory,
  NotesPrint,
  NoteView,
  PlanList,
  PlanView,
  PrintablePlan,
  Timeline,
} from '../../../shared/contracts/support.ts';
import { matchPlaces, placeDirectory } from './support.matching.ts';
import { correctNote, createNote, getNote, timeline } from './support.notes.ts';
import { summarize } from './support.persons.ts';
import { getIntake, getPlan, listIntakes, listPlans, saveIntake, savePlan } from './support.plans.ts';
import { caseFilePrint, notesPrint, printablePlan } from './support.print.ts';
import { supportRouteKit } from './support.routes.ts';
import {
  CreateIntakeBody,
  CreatePlanBody,
  IntakeParams,
  MatchQuery,
  NoteInput,
  NoteParams,
  NotesPrintQuery,
  PersonParams,
  PlanParams,
  TimelineQuery,
  UpdateIntakeBody,
  UpdateNoteBody,
  UpdatePlanBody,
  VersionQuery,
} from './support.schema.ts';

/** Routes of the versioned records of a person: intake and assessment, plans, progress notes. */
export function registerSupportRecordRoutes(fastify: FastifyInstance): void {
  const { app, ctx, tags, onPerson } = supportRouteKit(fastify);

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
}
