import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { send } from './request.ts';

async function queueIds(t: TestApp, staff: LoggedIn): Promise<Set<string>> {
  const list = await send<{ items: Array<{ id: string }> }>(t, staff, {
    method: 'GET',
    url: '/api/consultations?filter=all&sort=newest&limit=100',
  });
  return new Set(list.items.map((item) => item.id));
}

/**
 * An anonymous online consultation (fictional) sent to `municipalityCode` through the public form, as a
 * writer sends one; `staff` (a consultation worker of that town) finds it in the queue and, with
 * `answered`, replies once. Returns its id and the reply code the writer was shown.
 */
export async function createConsultation(
  t: TestApp,
  staff: LoggedIn,
  options: { municipalityCode: string; answered?: boolean; message?: string },
): Promise<{ id: string; replyCode: string }> {
  const before = await queueIds(t, staff);
  const { replyCode } = await send<{ replyCode: string }>(t, null, {
    method: 'POST',
    url: '/api/public/consultations',
    payload: {
      municipalityCode: options.municipalityCode,
      writer: 'family',
      message: options.message ?? '（テスト）家族のことで相談したいです。',
    },
  });
  // The public answer names no id (the writer keeps only the code): the new one is the queue's newcomer.
  const id = [...(await queueIds(t, staff))].find((candidate) => !before.has(candidate));
  if (!id) throw new Error('the consultation sent did not reach the queue');
  if (options.answered)
    await send(t, staff, {
      method: 'POST',
      url: `/api/consultations/${id}/replies`,
      payload: { message: '（テスト）書いてくださって、ありがとうございます。' },
    });
  return { id, replyCode };
}
