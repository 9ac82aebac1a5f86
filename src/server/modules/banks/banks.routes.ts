import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { AppError } from '../../platform/errors.ts';
import { PUBLIC_READ_RATE_LIMIT } from '../../platform/http/rate-limits.ts';
import { BANKS_FIELD } from './banks.errors.ts';
import { searchBanks, searchBranches } from './banks.service.ts';

const Query = z.strictObject({
  q: z
    .string()
    .max(50, { message: fieldMessage(BANKS_FIELD.queryTooLong) })
    .default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
const BankCodeParams = z.strictObject({
  bankCode: z.string().regex(/^\d{4}$/, { message: fieldMessage(BANKS_FIELD.bankCode) }),
});
const Bank = z.object({ code: z.string(), name: z.string(), kana: z.string() });
const Branch = z.object({ bankCode: z.string(), code: z.string(), name: z.string(), kana: z.string() });
const BankList = z.object({ items: z.array(Bank), total: z.number().int() });
const BranchList = z.object({ items: z.array(Branch), total: z.number().int() });

/** Public reference lookups for bank-account fields (no personal data; rate-limited). */
export function registerBankRoutes(fastify: FastifyInstance): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/public/banks',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags: ['banks'],
        summary: '金融機関の検索（名前・カナ・かな・コード）',
        querystring: Query,
        response: { 200: BankList },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return searchBanks(request.query.q, request.query.limit);
    },
  );
  app.get(
    '/api/public/banks/:bankCode/branches',
    {
      config: { permission: 'public', rateLimit: PUBLIC_READ_RATE_LIMIT },
      schema: {
        tags: ['banks'],
        summary: '支店の検索（名前・カナ・かな・コード）',
        params: BankCodeParams,
        querystring: Query,
        response: { 200: BranchList },
      },
    },
    async (request, reply) => {
      const found = searchBranches(request.params.bankCode, request.query.q, request.query.limit);
      if (!found) throw new AppError(404, 'not_found');
      reply.header('cache-control', 'public, max-age=3600');
      return found;
    },
  );
}
