import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CertificateView,
  Course,
  CourseList,
  Created,
  Enrolment,
  EnrolmentList,
  Requirements,
  TrainingPeople,
} from '../../../shared/contracts/training.ts';
import type { Role } from '../../../shared/roles.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { notFound } from '../../platform/errors.ts';
import { getAccount, listAccounts } from '../accounts/index.ts';
import {
  AccountParams,
  CourseBody,
  CourseUpdateBody,
  EnrolBody,
  IdParams,
  RequirementsBody,
} from './training.schema.ts';
import {
  certificate,
  complete,
  createCourse,
  enrol,
  getCourse,
  listCourses,
  listEnrolments,
  listRequirements,
  setRequirements,
  trainingRecord,
  updateCourse,
} from './training.service.ts';

/**
 * Training (issue 9 part 1): courses (modules, sessions, materials), enrolment, completion with a
 * printable certificate, each person's training record, and the rule "course before role".
 */
export function registerTrainingRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;
  const tags = ['training'];
  const noList = <T>(items: T[]) => ({ items, total: items.length, nextCursor: null });

  app.get(
    '/api/training/courses',
    {
      config: { permission: 'training.self' },
      schema: { tags, summary: '研修コースの一覧', response: { 200: CourseList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant }) => noList(await listCourses(tx, tenant))),
  );
  app.post(
    '/api/training/courses',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: '研修コースの作成（モジュール・セッション・教材）',
        body: CourseBody,
        response: { 201: Course },
      },
    },
    async (request, reply) => {
      const course = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const c = await createCourse(tx, clock, tenant, request.body);
        audit({ action: 'training.course.create', recordType: 'training_course', recordId: c.id });
        return c;
      });
      return reply.code(201).send(course);
    },
  );
  app.get(
    '/api/training/courses/:id',
    {
      config: { permission: 'training.self' },
      schema: { tags, summary: '研修コースの詳細', params: IdParams, response: { 200: Course } },
    },
    async (request) => staffWork(db, request, ({ tx, tenant }) => getCourse(tx, tenant, request.params.id)),
  );
  app.put(
    '/api/training/courses/:id',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: '研修コースの更新（version で競合を検出）',
        params: IdParams,
        body: CourseUpdateBody,
        response: { 200: Course },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const c = await updateCourse(tx, clock, tenant, request.params.id, request.body);
        audit({ action: 'training.course.update', recordType: 'training_course', recordId: c.id });
        return c;
      }),
  );
  app.get(
    '/api/training/people',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: '受講登録できる人（この自治体の有効なアカウント：職員・ピアサポーター・家族会）',
        response: { 200: TrainingPeople },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, audit }) => {
        // Names and roles only: enrolment needs no e-mail address.
        const found = await listAccounts(tx, { status: 'active', limit: 200 });
        audit({ action: 'training.people.list', recordType: 'account', recordId: null });
        return noList(
          found.items.map((a) => ({ accountId: a.id, displayName: a.displayName, roles: a.roles })),
        );
      }),
  );
  app.get(
    '/api/training/courses/:id/enrolments',
    {
      config: { permission: 'training.manage' },
      schema: { tags, summary: '受講者の一覧', params: IdParams, response: { 200: EnrolmentList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await getCourse(tx, tenant, request.params.id);
        const items = await listEnrolments(tx, tenant, request.params.id);
        audit({
          action: 'training.enrolment.list',
          recordType: 'training_course',
          recordId: request.params.id,
        });
        return noList(items);
      }),
  );
  app.post(
    '/api/training/courses/:id/enrolments',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: '受講登録（同じ人の二重登録はしない）',
        params: IdParams,
        body: EnrolBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const out = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        await getCourse(tx, tenant, request.params.id);
        // The account must be an active one of this tenant: enrol answers 400 naming accountId otherwise.
        const e = await enrol(
          tx,
          clock,
          actorOf(request).accountId,
          tenant,
          request.params.id,
          request.body.accountId,
        );
        audit({ action: 'training.enrolment.create', recordType: 'training_enrolment', recordId: e.id });
        return e;
      });
      return reply.code(201).send(out);
    },
  );
  app.post(
    '/api/training/enrolments/:id/complete',
    {
      config: { permission: 'training.manage' },
      schema: {
        tags,
        summary: '修了の記録（修了証番号を付与）',
        params: IdParams,
        response: { 200: Enrolment },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const e = await complete(tx, clock, tenant, request.params.id);
        audit({ action: 'training.enrolment.complete', recordType: 'training_enrolment', recordId: e.id });
        return e;
      }),
  );
  app.get(
    '/api/training/enrolments/:id/certificate',
    {
      config: { permission: 'training.self' },
      schema: {
        tags,
        summary: '修了証（印刷用。本人または研修担当）',
        params: IdParams,
        response: { 200: CertificateView },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const actor = actorOf(request);
        const staff = actor.roles.includes('municipal_admin') || actor.roles.includes('consultation');
        const c = await certificate(tx, tenant, request.params.id, staff ? undefined : actor.accountId);
        const holder = await getAccount(tx, c.accountId);
        audit({ action: 'training.certificate.read', recordType: 'training_enrolment', recordId: c.id });
        return { ...c, holderName: holder.displayName, tenant };
      }),
  );
  app.get(
    '/api/training/records/:accountId',
    {
      config: { permission: 'training.manage' },
      schema: { tags, summary: '個人の研修記録', params: AccountParams, response: { 200: EnrolmentList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        const account = await getAccount(tx, request.params.accountId);
        if (account.tenantCode !== tenant) throw notFound();
        const items = await trainingRecord(tx, tenant, account.id);
        audit({ action: 'training.record.read', recordType: 'account', recordId: account.id });
        return noList(items);
      }),
  );
  app.get(
    '/api/training/me',
    {
      config: { permission: 'training.self' },
      schema: { tags, summary: '自分の研修記録', response: { 200: EnrolmentList } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant }) =>
        noList(await trainingRecord(tx, tenant, actorOf(request).accountId)),
      ),
  );
  app.get(
    '/api/training/requirements',
    {
      config: { permission: 'training.manage' },
      schema: { tags, summary: '役割の付与に必要な研修', response: { 200: Requirements } },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant }) => noList(await listRequirements(tx, tenant))),
  );
  app.put(
    '/api/training/requirements',
    {
      config: { permission: 'training.rules' },
      schema: {
        tags,
        summary: '役割の付与に必要な研修の設定（全体を置き換え）',
        body: RequirementsBody,
        response: { 200: Requirements },
      },
    },
    async (request) =>
      staffWork(db, request, async ({ tx, tenant, audit }) => {
        await setRequirements(
          tx,
          clock,
          tenant,
          request.body.rules as Array<{ role: Role; courseId: string }>,
        );
        audit({ action: 'training.requirements.update', recordType: 'tenant', recordId: tenant });
        return noList(await listRequirements(tx, tenant));
      }),
  );
}
