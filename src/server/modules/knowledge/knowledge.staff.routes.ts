import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseAttachmentView,
  CaseQuestionView,
  StaffCase,
  StaffCaseList,
} from '../../../shared/contracts/cases.ts';
import { UPLOAD_LIMIT_BYTES } from '../../../shared/limits.ts';
import { staffWork } from '../../platform/access/request-transaction.ts';
import { AppError } from '../../platform/errors.ts';
import {
  cleanPdf,
  receiveMultipart,
  reencodeImage,
  refuseWhenGateFull,
  sniffUpload,
  throughUploadGate,
} from '../../platform/uploads/index.ts';
import { addAttachment, createCase, readAttachment, submitCase, updateCase } from './knowledge.authoring.ts';
import { KNOWLEDGE_FIELD, refusal } from './knowledge.errors.ts';
import { authorize } from './knowledge.policy.ts';
import { answerQuestion, askQuestion, listQuestions } from './knowledge.questions.ts';
import { loadCase, policyActor, presentStaff } from './knowledge.records.ts';
import { publishCase, reviewCase } from './knowledge.review.ts';
import { sendFile } from './knowledge.routes.ts';
import {
  AnswerBody,
  AttachmentParams,
  CreateCaseBody,
  IdParams,
  PublishBody,
  QuestionBody,
  QuestionParams,
  ReviewBody,
  StaffListQuery,
  SubmitBody,
  UpdateCaseBody,
} from './knowledge.schema.ts';
import { listStaffCases } from './knowledge.search.ts';

const tags = ['cases'];
const QuestionList = z.object({ items: z.array(CaseQuestionView) });

/**
 * Staff routes of the model-case library: write → submit → review → publish, attachments, questions.
 * Every route runs in the caller's scope (its tenant, none for national staff) with the row-level
 * security of decision 0017; each use case asks the policy first; every write is audited (ids only).
 */
export function registerStaffCaseRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.ctx;
  const ctx = { clock, config };
  const auditCase = (action: string, id: string) => ({
    action: `cases.case.${action}`,
    recordType: 'case',
    recordId: id,
  });

  app.get(
    '/api/cases',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags,
        summary: '事例の一覧（自分の事例・審査待ち・公開中のライブラリ）',
        querystring: StaffListQuery,
        response: { 200: StaffCaseList },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, ({ tx, actor }) =>
        listStaffCases(tx, actor, request.query),
      ),
  );

  app.post(
    '/api/cases',
    {
      config: { permission: 'cases.author' },
      schema: { tags, summary: '事例の下書きを作成', body: CreateCaseBody, response: { 201: StaffCase } },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const result = await createCase(tx, actor, request.body, clock.now());
        audit(auditCase('create', result.id));
        return result;
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/cases/questions',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags,
        summary: '自分の自治体が送った質問と、自分の自治体の事例に届いた質問',
        response: { 200: QuestionList },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        audit({ action: 'cases.question.list', recordType: 'case_question', recordId: null });
        return { items: await listQuestions(tx, actor) };
      }),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { permission: 'cases.read' },
      schema: {
        tags,
        summary: '事例（版の履歴・審査コメントを含む）',
        params: IdParams,
        response: { 200: StaffCase },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, actor }) => {
        const row = await loadCase(tx, request.params.id);
        const decision = authorize(policyActor(actor), 'read', row);
        if (!decision.allowed) throw refusal(decision);
        return presentStaff(tx, row, actor);
      }),
  );

  app.put(
    '/api/cases/:id',
    {
      config: { permission: 'cases.author' },
      schema: {
        tags,
        summary: '事例を編集（下書き・差し戻し中）。新しい版として残ります',
        params: IdParams,
        body: UpdateCaseBody,
        response: { 200: StaffCase },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const result = await updateCase(tx, actor, request.params.id, request.body, clock.now());
        audit(auditCase('update', result.id));
        return result;
      }),
  );

  app.post(
    '/api/cases/:id/submit',
    {
      config: { permission: 'cases.author' },
      schema: {
        tags,
        summary:
          '都道府県の審査へ提出。個人情報らしき記載があれば 422（確認のうえ confirmNoPersonalData で提出）',
        params: IdParams,
        body: SubmitBody,
        response: {
          200: StaffCase.extend({
            warnings: z.array(z.object({ pointer: z.string(), kind: z.string(), excerpt: z.string() })),
          }),
        },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const result = await submitCase(tx, actor, request.params.id, request.body, clock.now());
        audit(auditCase('submit', result.id));
        return result;
      }),
  );

  app.post(
    '/api/cases/:id/review',
    {
      config: { permission: 'cases.review' },
      schema: {
        tags,
        summary: '都道府県の審査：コメントを付けて差し戻す、または受理',
        params: IdParams,
        body: ReviewBody,
        response: { 200: StaffCase },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const result = await reviewCase(tx, actor, request.params.id, request.body, clock.now());
        audit(auditCase(request.body.decision === 'return' ? 'return' : 'accept', result.id));
        return result;
      }),
  );

  app.post(
    '/api/cases/:id/publish',
    {
      config: { permission: 'cases.publish' },
      schema: {
        tags,
        summary: '国が全国の事例ライブラリに公開',
        params: IdParams,
        body: PublishBody,
        response: { 200: StaffCase },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const result = await publishCase(tx, actor, request.params.id, request.body, clock.now());
        audit(auditCase('publish', result.id));
        return result;
      }),
  );

  app.post(
    '/api/cases/:id/attachments',
    {
      config: { permission: 'cases.author' },
      bodyLimit: UPLOAD_LIMIT_BYTES + 64 * 1024,
      schema: {
        tags,
        summary:
          '添付ファイル（PDF・JPEG・PNG、10 MiB まで）。multipart: file と name。画像はメタデータを除いて保存',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: CaseAttachmentView },
      },
    },
    async (request, reply) => {
      refuseWhenGateFull(reply);
      // Check the caller may edit the case before reading the body.
      await staffWork(db, request, { scope: 'caller' }, async ({ tx, actor }) => {
        const row = await loadCase(tx, request.params.id);
        const decision = authorize(policyActor(actor), 'edit', row);
        if (!decision.allowed) throw refusal(decision);
      });
      const received = await receiveMultipart(request, {
        maxFiles: 1,
        maxFileBytes: UPLOAD_LIMIT_BYTES,
        maxFields: 1,
        maxFieldBytes: 1024,
      });
      try {
        const file = received.files[0];
        if (!file)
          throw new AppError(400, 'validation_failed', {
            errors: [{ pointer: '/body/file', message: KNOWLEDGE_FIELD.fileMissing }],
          });
        const prepared = await throughUploadGate(reply, async () => {
          const bytes = await received.read(file);
          const type = sniffUpload(bytes);
          if (type === 'application/pdf') {
            return { mediaType: type, bytes: new Uint8Array(await cleanPdf(bytes)) };
          }
          if (type === null) throw new AppError(415, 'cases.attachment_type');
          const image = await reencodeImage(bytes);
          return { mediaType: image.mediaType, bytes: new Uint8Array(image.bytes) };
        });
        const name =
          (received.fields.get('name') ?? '')
            .normalize('NFC')
            .replace(/[\r\n\\/]/g, ' ')
            .trim()
            .slice(0, 120) || '添付ファイル';
        const added = await staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
          const result = await addAttachment(
            tx,
            actor,
            request.params.id,
            { name, ...prepared },
            clock.now(),
          );
          audit({ action: 'cases.attachment.create', recordType: 'case_attachment', recordId: result.id });
          return result;
        });
        return reply.code(201).send(added as z.infer<typeof CaseAttachmentView>);
      } finally {
        await received.cleanup();
      }
    },
  );

  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    {
      config: { permission: 'cases.read' },
      schema: { tags, summary: '事例の添付ファイル', params: AttachmentParams },
    },
    async (request, reply) => {
      const file = await staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const row = await loadCase(tx, request.params.id);
        const decision = authorize(policyActor(actor), 'read', row);
        if (!decision.allowed) throw refusal(decision);
        audit({
          action: 'cases.attachment.read',
          recordType: 'case_attachment',
          recordId: request.params.attachmentId,
        });
        return readAttachment(tx, request.params.id, request.params.attachmentId);
      });
      if (!file) throw new AppError(404, 'not_found');
      return sendFile(reply, file);
    },
  );

  app.post(
    '/api/cases/:id/questions',
    {
      config: { permission: 'cases.ask' },
      schema: {
        tags,
        summary: '事例の問い合わせ先へ質問（作成した自治体の職員へ届きます）',
        params: IdParams,
        body: QuestionBody,
        response: { 201: CaseQuestionView },
      },
    },
    async (request, reply) => {
      const asked = await staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const result = await askQuestion(tx, ctx, actor, request.params.id, request.body.question);
        audit({ action: 'cases.question.create', recordType: 'case_question', recordId: result.id });
        return result;
      });
      return reply.code(201).send(asked);
    },
  );

  app.post(
    '/api/cases/:id/questions/:questionId/answer',
    {
      config: { permission: 'cases.author' },
      schema: {
        tags,
        summary: '届いた質問に回答（質問した職員へ届きます）',
        params: QuestionParams,
        body: AnswerBody,
        response: { 200: CaseQuestionView },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'caller' }, async ({ tx, actor, audit }) => {
        const result = await answerQuestion(
          tx,
          ctx,
          actor,
          request.params.id,
          request.params.questionId,
          request.body.answer,
        );
        audit({ action: 'cases.question.answer', recordType: 'case_question', recordId: result.id });
        return result;
      }),
  );
}
