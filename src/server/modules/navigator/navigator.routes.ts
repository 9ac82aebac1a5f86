import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  LocalEntries,
  LocalResponse,
  LocalScheme,
  LocalSchemeInput,
  LocalWindow,
  LocalWindowInput,
  NewRuleSetBody,
  RuleSetDetail,
  RuleSetList,
  RuleSetResponse,
} from '../../../shared/contracts/navigator.ts';
import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { actorOf } from '../../platform/access/guard.ts';
import { publicWork, staffWork } from '../../platform/access/request-transaction.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import {
  addScheme,
  addWindow,
  countPageView,
  listLocalEntries,
  pageCounts,
  publicLocal,
  removeScheme,
  removeWindow,
} from './navigator.local.ts';
import { getRuleSet, listRuleSets, publishRuleSet, ruleSetInForce } from './navigator.rules.ts';
import {
  IdParams,
  LocalParams,
  LocalQuery,
  PublishedVersion,
  RulesQuery,
  UsageQuery,
  UsageResponse,
  VersionParams,
} from './navigator.schema.ts';

/**
 * The navigator (issue 18). Public: the national rule set in force and a town's windows and schemes
 * (the plan is computed in the browser; no answer is ever sent). Staff: national staff publish new
 * versions of the national rules and read anonymous page counts; a municipal administrator keeps the
 * town's own windows and schemes.
 */
export function registerNavigatorRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.ctx;
  const tags = ['navigator'];
  const today = () => isoDateInTokyo(clock.now());

  // ── public ──

  app.get(
    '/api/public/navigator/rules',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '離職後のナビ: 今日（または on の日）に有効な全国のルール（版・有効期間・出典・確認日つき）',
        querystring: RulesQuery,
        response: { 200: RuleSetResponse },
      },
    },
    async (request, reply) => {
      const on = request.query.on ?? today();
      const set = await publicWork(db, request, ({ tx }) => ruleSetInForce(tx, on));
      return reply.header('cache-control', 'public, max-age=300').send(set);
    },
  );

  app.get(
    '/api/public/navigator/local/:code',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags,
        summary: '離職後のナビ: その自治体の窓口（プロフィール・居場所・相談先・独自の窓口）と独自の制度',
        params: LocalParams,
        querystring: LocalQuery,
        response: { 200: LocalResponse },
      },
    },
    async (request) => {
      const day = today();
      const local = await publicLocal(db, request.params.code, day);
      if (request.query.view === 'navigator') await countPageView(db, request.params.code, day);
      return local;
    },
  );

  // ── national rules (national staff) ──

  app.get(
    '/api/navigator/rule-sets',
    {
      config: { permission: 'navigator.rules.manage' },
      schema: { tags, summary: '全国ルールの版の一覧（有効・予定・過去）', response: { 200: RuleSetList } },
    },
    async (request) => staffWork(db, request, { scope: 'national' }, ({ tx }) => listRuleSets(tx, today())),
  );

  app.get(
    '/api/navigator/rule-sets/:version',
    {
      config: { permission: 'navigator.rules.manage' },
      schema: {
        tags,
        summary: '全国ルールのある版',
        params: VersionParams,
        response: { 200: RuleSetDetail },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'national' }, ({ tx }) =>
        getRuleSet(tx, request.params.version, today()),
      ),
  );

  app.post(
    '/api/navigator/rule-sets',
    {
      config: { permission: 'navigator.rules.manage' },
      schema: {
        tags,
        summary: '全国ルールの新しい版を公開（有効になる日は今日以降、前の版より後）',
        body: NewRuleSetBody,
        response: { 201: PublishedVersion },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const version = await staffWork(db, request, { scope: 'caller' }, async ({ tx, audit }) => {
        const v = await publishRuleSet(tx, request.body, {
          today: today(),
          now: clock.now(),
          accountId: actor.accountId,
        });
        audit({
          action: 'navigator.rule-set.publish',
          recordType: 'navigator_rule_set',
          recordId: String(v),
        });
        return v;
      });
      return reply.code(201).send({ version });
    },
  );

  app.get(
    '/api/navigator/usage',
    {
      config: { permission: 'navigator.usage.read' },
      schema: {
        tags,
        summary: 'ナビの利用数（自治体ごとのページ表示数のみ。回答は保存していません）',
        querystring: UsageQuery,
        response: { 200: UsageResponse },
      },
    },
    async (request) =>
      staffWork(db, request, { scope: 'national' }, ({ tx }) =>
        pageCounts(tx, request.query.from, request.query.to),
      ),
  );

  // ── the town's own windows and schemes (municipal administrator) ──

  app.get(
    '/api/navigator/local',
    {
      config: { permission: 'navigator.local.manage' },
      schema: {
        tags,
        summary: '自治体独自の窓口と制度（過去・予定の制度も含む）',
        response: { 200: LocalEntries },
      },
    },
    async (request) => staffWork(db, request, ({ tx, tenant }) => listLocalEntries(tx, tenant)),
  );

  app.post(
    '/api/navigator/local/windows',
    {
      config: { permission: 'navigator.local.manage' },
      schema: {
        tags,
        summary: '独自の窓口を追加（公開中の居場所・相談先に結びつけられます）',
        body: LocalWindowInput,
        response: { 201: LocalWindow },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const row = await addWindow(tx, tenant, request.body, clock.now());
        audit({ action: 'navigator.window.create', recordType: 'navigator_window', recordId: row.id });
        return row;
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/navigator/local/windows/:id',
    {
      config: { permission: 'navigator.local.manage' },
      schema: { tags, summary: '独自の窓口を削除', params: IdParams },
    },
    async (request, reply) => {
      await staffWork(db, request, async ({ tx, tenant, audit }) => {
        await removeWindow(tx, tenant, request.params.id);
        audit({
          action: 'navigator.window.delete',
          recordType: 'navigator_window',
          recordId: request.params.id,
        });
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/navigator/local/schemes',
    {
      config: { permission: 'navigator.local.manage' },
      schema: {
        tags,
        summary: '独自の制度を追加（有効期間・出典・確認日つき）',
        body: LocalSchemeInput,
        response: { 201: LocalScheme },
      },
    },
    async (request, reply) => {
      const created = await staffWork(db, request, async ({ tx, tenant, audit }) => {
        const row = await addScheme(tx, tenant, request.body, clock.now());
        audit({ action: 'navigator.scheme.create', recordType: 'navigator_scheme', recordId: row.id });
        return row;
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/navigator/local/schemes/:id',
    {
      config: { permission: 'navigator.local.manage' },
      schema: { tags, summary: '独自の制度を削除', params: IdParams },
    },
    async (request, reply) => {
      await staffWork(db, request, async ({ tx, tenant, audit }) => {
        await removeScheme(tx, tenant, request.params.id);
        audit({
          action: 'navigator.scheme.delete',
          recordType: 'navigator_scheme',
          recordId: request.params.id,
        });
      });
      return reply.code(204).send();
    },
  );
}
