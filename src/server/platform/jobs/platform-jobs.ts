import { auditExportHeadsJob } from '../audit/audit.jobs.ts';
import { authPruneJob } from '../auth/auth.jobs.ts';
import { httpIdempotencyPurgeJob } from '../http/idempotency.ts';
import { httpRateLimitPurgeJob } from '../http/rate-limit-store.ts';
import { outboxEraseJob, outboxPurgeJob } from '../outbox/outbox.jobs.ts';
import type { DueJob } from './due.ts';

/** The platform's own due jobs, installed with the modules' (src/server/modules/index.ts). */
export const PLATFORM_DUE_JOBS: readonly DueJob[] = [
  auditExportHeadsJob,
  authPruneJob,
  httpIdempotencyPurgeJob,
  httpRateLimitPurgeJob,
  outboxEraseJob,
  outboxPurgeJob,
];
