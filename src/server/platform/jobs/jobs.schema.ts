import { z } from 'zod';

/** Body of `POST /api/internal/jobs/run-due`; `now` (the CLI's TSUNAGARI_CLOCK) is refused in production. */
export const RunDueRequest = z.strictObject({
  now: z.iso.datetime({ offset: true }).optional(),
});
export type RunDueRequest = z.infer<typeof RunDueRequest>;

export const DueJobResultSchema = z.object({
  name: z.string(),
  status: z.enum(['ok', 'failed', 'skipped']),
  processed: z.number().int(),
  errorCode: z.string().optional(),
  durationMs: z.number().int(),
});

/** What ran: the same summary `runDueJobs` returns, so the CLI prints it alike either way. */
export const RunDueResponse = z.object({
  ok: z.boolean(),
  businessNow: z.iso.datetime({ offset: true }),
  results: z.array(DueJobResultSchema),
});
export type RunDueResponse = z.infer<typeof RunDueResponse>;
