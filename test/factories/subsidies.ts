import type { InjectOptions } from 'fastify';
import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { jpegWithGps } from './receipts.ts';
import { send } from './request.ts';

/** A transport-cost programme of one fiscal year (fictional texts), open for applications. */
export function programmeBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fiscalYear: 2026,
    name: '（テスト）居場所等交通費補助',
    budgetYen: 600_000,
    monthlyCapYen: 5_000,
    carYenPerKm: 15,
    bicycleYenPerKm: 10,
    applicantRelations: ['self', 'family'],
    open: true,
    documentNumberPrefix: 'テ第',
    approvalNoticeText: '交付することに決定したので通知します。',
    rejectionNoticeText: '交付しないことに決定したので通知します。',
    instructionText: '審査請求ができます。',
    ...over,
  };
}

/** The programme, made by `admin` (a holder of subsidies.manage); returns its id. */
export async function createProgramme(
  t: TestApp,
  admin: LoggedIn,
  over: Record<string, unknown> = {},
): Promise<string> {
  return (
    await send(t, admin, { method: 'POST', url: '/api/subsidies/programmes', payload: programmeBody(over) })
  ).id;
}

/**
 * An application as the person fills it in (fictional): to a published place of the town, by bus,
 * `tripsPerMonth` return trips of 500 yen (1,000 yen a month by default).
 */
export function applicationBody(over: {
  destinationPlaceId: string;
  tripsPerMonth?: number;
  [field: string]: unknown;
}): Record<string, unknown> {
  const { destinationPlaceId, ...rest } = over;
  return {
    relation: 'self',
    applicant: { name: '（テスト）申請 太郎', nameKana: 'しんせい たろう' },
    destination: { kind: 'place', id: destinationPlaceId },
    route: 'バス（往復）',
    legs: [{ mode: 'public_transport', fareYen: 500 }],
    tripsPerMonth: 2,
    bank: {
      bankCode: '0142',
      branchCode: '101',
      accountType: 'ordinary',
      accountNumber: '7654321',
      holderName: 'しんせい たろう',
    },
    consent: true,
    ...rest,
  };
}

/** The multipart request of an application with one receipt photo, to the public or the staff route. */
export function applicationUpload(url: string, application: Record<string, unknown>): InjectOptions {
  const boundary = '----factorysubsidy';
  return {
    method: 'POST',
    url,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="application"\r\n\r\n${JSON.stringify(application)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="receipts"; filename="r.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpegWithGps(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * An application sent through the public form (no staff entered it, so any holder of subsidies.decide
 * may decide it); `staff` (a holder of subsidies.read) finds it by its receipt number. Returns its id
 * and receipt number.
 */
export async function submitPublicApplication(
  t: TestApp,
  staff: LoggedIn,
  application: Record<string, unknown> & { municipalityCode: string },
): Promise<{ id: string; receiptNumber: string }> {
  const { receiptNumber } = await send<{ receiptNumber: string }>(
    t,
    null,
    applicationUpload('/api/public/subsidy-applications', application),
  );
  const found = await send<{ items: Array<{ id: string }> }>(t, staff, {
    method: 'GET',
    url: `/api/subsidies/applications?receiptNumber=${encodeURIComponent(receiptNumber)}`,
  });
  if (!found.items[0]) throw new Error(`application ${receiptNumber} not found by staff`);
  return { id: found.items[0].id, receiptNumber };
}

/** The identity and residency check (本人確認) by `reviewer`; returns the new version. */
export async function checkApplication(t: TestApp, reviewer: LoggedIn, id: string): Promise<number> {
  const current = await send(t, reviewer, { method: 'GET', url: `/api/subsidies/applications/${id}` });
  const checked = await send(t, reviewer, {
    method: 'POST',
    url: `/api/subsidies/applications/${id}/check`,
    payload: {
      version: current.version,
      identityDocument: 'my_number_card',
      residencyMethod: 'resident_register',
    },
  });
  return checked.version;
}

/**
 * A checked application decided by `decider` (a holder of subsidies.decide who did not enter it):
 * `approve`, or `approve_reduced` / `reject` with the reasons given.
 */
export async function decideApplication(
  t: TestApp,
  decider: LoggedIn,
  id: string,
  version: number,
  decision: {
    decision: 'approve' | 'approve_reduced' | 'reject';
    grantedMonthlyYen?: number;
    grantFrom?: string;
    reasons?: string;
  },
): Promise<void> {
  await send(t, decider, {
    method: 'POST',
    url: `/api/subsidies/applications/${id}/decision`,
    payload: { version, ...decision },
  });
}
