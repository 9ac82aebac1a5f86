import type { InjectOptions } from 'fastify';
import type { TestApp } from '../helpers/app.ts';
import type { LoggedIn } from '../helpers/auth.ts';
import { send } from './request.ts';

/** A model case as its author writes it (fictional), with overrides for one test's needs. */
export function caseBody(over: { title?: string; themes?: string[]; whatWasDone?: string } = {}) {
  return {
    themes: over.themes ?? ['ibasho'],
    lifeStages: ['working_age'],
    populationBand: '30k_100k',
    areaClass: 'mixed',
    content: {
      title: over.title ?? '図書館の一角ではじめた居場所',
      titleKana: '',
      summary: '図書館の閉館後の時間に、予約なしで寄れる居場所をひらきました。',
      trigger: '家族会から、人の少ない時間なら行けるという声がありました。',
      firstSteps: '図書館と相談し、月2回から試しました。',
      whatWasDone: over.whatWasDone ?? '本を読んでも、話しても、何もしなくてもよい時間にしました。',
      partners: [{ kind: 'family_association', name: '家族会（テスト）' }],
      staffing: '職員 1名',
      budget: { amountYen: 100000, source: 'own_budget', note: '' },
      outcomes: '来た人が図書館の講座にも参加するようになりました。',
      wentWell: '静かな場所だったこと。',
      difficulties: '閉館後の鍵の管理。',
      periodFrom: '2026-04-01',
      periodTo: null,
      contactWindow: '福祉課（テスト）',
    },
  };
}

/** A multipart upload of one attachment (`file`, with the browser's claimed name and type) and its label. */
export function attachmentUpload(
  url: string,
  bytes: Buffer,
  file: { filename: string; contentType: string; name?: string },
): InjectOptions {
  const boundary = '----casesattachment';
  return {
    method: 'POST',
    url,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${file.name ?? '資料'}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A draft model case of the author's town (the author holds cases.author); returns its id. */
export async function createDraftCase(
  t: TestApp,
  author: LoggedIn,
  over: Parameters<typeof caseBody>[0] = {},
): Promise<string> {
  return (await send(t, author, { method: 'POST', url: '/api/cases', payload: caseBody(over) })).id;
}

/**
 * A published model case, made the way it is published: the town's `author` writes and submits it,
 * the prefecture (`reviewer`) accepts it and national staff (`publisher`) publish it. Returns its id.
 */
export async function createPublishedCase(
  t: TestApp,
  people: { author: LoggedIn; reviewer: LoggedIn; publisher: LoggedIn },
  over: Parameters<typeof caseBody>[0] = {},
): Promise<string> {
  const id = await createDraftCase(t, people.author, over);
  const submitted = await send(t, people.author, {
    method: 'POST',
    url: `/api/cases/${id}/submit`,
    payload: { version: 1 },
  });
  await send(t, people.reviewer, {
    method: 'POST',
    url: `/api/cases/${id}/review`,
    payload: { version: submitted.version, decision: 'accept', comment: '' },
  });
  await send(t, people.publisher, {
    method: 'POST',
    url: `/api/cases/${id}/publish`,
    payload: { version: submitted.version },
  });
  return id;
}
