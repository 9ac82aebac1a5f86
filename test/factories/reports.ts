import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { send } from './request.ts';

/**
 * A report of a harmful "support" business (fictional) sent through the public form to
 * `municipalityCode`, as a reporter sends one; `triage` (a holder of reports.triage in that town) finds
 * it by its receipt number. Returns its id and the reply code the reporter was shown.
 */
export async function createReport(
  t: TestApp,
  triage: LoggedIn,
  options: { municipalityCode: string; danger?: 'yes' | 'no' | 'unsure'; categories?: string[] },
): Promise<{ id: string; replyCode: string; receiptNumber: string }> {
  const submitted = await send<{ replyCode: string; receiptNumber: string }>(t, null, {
    method: 'POST',
    url: '/api/public/reports',
    payload: {
      municipalityCode: options.municipalityCode,
      danger: options.danger ?? 'no',
      reporterRole: 'family',
      categories: options.categories ?? ['high_fees'],
    },
  });
  const found = await send<{ items: Array<{ id: string; receiptNumber: string }> }>(t, triage, {
    method: 'GET',
    url: `/api/reports?status=all&q=${encodeURIComponent(submitted.receiptNumber)}`,
  });
  const report = found.items.find((item) => item.receiptNumber === submitted.receiptNumber);
  if (!report) throw new Error(`report ${submitted.receiptNumber} not in the triage list`);
  return { id: report.id, replyCode: submitted.replyCode, receiptNumber: submitted.receiptNumber };
}

/** An emergency protection recorded on a report by `staff` (a holder of reports.protect); returns its id. */
export async function createProtection(
  t: TestApp,
  staff: LoggedIn,
  reportId: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const created = await send(t, staff, {
    method: 'POST',
    url: `/api/reports/${reportId}/protections`,
    payload: {
      protectedAt: '2026-11-25T09:00:00+09:00',
      place: '（テスト）保護先',
      protectedBy: '（テスト）職員',
      followUpOn: '2026-12-10',
      ...over,
    },
  });
  return created.id;
}

/** A business named in reports, registered by `staff` (a holder of operators.manage); returns its id. */
export async function createOperator(
  t: TestApp,
  staff: LoggedIn,
  over: Record<string, unknown> = {},
): Promise<string> {
  const created = await send(t, staff, {
    method: 'POST',
    url: '/api/operators',
    payload: { displayName: `（テスト）事業者 ${Math.random().toString(36).slice(2, 8)}`, ...over },
  });
  return created.id;
}
