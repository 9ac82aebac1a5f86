import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hugePng,
  jpegWithExifAfterScan,
  jpegWithSecondGpsJpeg,
  minimalPdf,
  PRIVATE_PNG_SECRET,
  pdfWithJavaScript,
  phonePhoto,
  pngWithPrivateChunks,
} from '../../../../test/factories/hostile-uploads.ts';
import { hasLocationMetadata, jpegWithGps } from '../../../../test/factories/receipts.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { rows } from '../../platform/db/client.ts';
import { uploadGate } from '../../platform/uploads/index.ts';
import { DEMO_PLACE_IDS } from '../places/places.demo.ts';

/**
 * Issue 19 on the real app and database: what the outside probe sent to the public subsidy
 * application. Receipts are re-encoded (nothing but pixels is stored), oversized pictures and active
 * PDFs are refused, a broken multipart body answers 400 problem+json (never 500), and beyond the
 * upload gate's queue the answer is 503 with Retry-After. Nothing is written for a refused request.
 */
const KOFU = '192015';
let t: TestApp;
let counter = 0;
const nextAddress = () => `127.62.${Math.floor(++counter / 250) % 250}.${(counter % 250) + 1}`;

const application = () => ({
  municipalityCode: KOFU,
  relation: 'family',
  applicant: { name: '試験 花子', nameKana: 'しけん はなこ' },
  person: { name: '試験 太郎', nameKana: 'しけん たろう' },
  contact: { phone: '000-0000-9999', email: 'hanako@example.jp' },
  destination: { kind: 'place', id: DEMO_PLACE_IDS.hidamari },
  route: '自宅近くのバス停からバスで甲府駅、徒歩（往復）',
  legs: [{ mode: 'public_transport', fareYen: 900 }],
  tripsPerMonth: 6,
  bank: {
    bankCode: '0142',
    branchCode: '101',
    accountType: 'ordinary',
    accountNumber: '1234567',
    holderName: 'しけん　はなこ',
  },
  language: 'ja',
  consent: true,
});

type FilePart = { name: string; type: string; bytes: Buffer };

function multipart(files: FilePart[], boundary = `----tsunagari${randomUUID()}`) {
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="application"\r\n\r\n${JSON.stringify(application())}\r\n`,
    ),
  ];
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="receipts"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), boundary };
}

function send(payload: Buffer, contentType: string, headers: Record<string, string> = {}) {
  return t.request({
    method: 'POST',
    url: '/api/public/subsidy-applications',
    payload,
    headers: { 'content-type': contentType, ...headers },
    remoteAddress: nextAddress(),
  });
}

function apply(files: FilePart[]) {
  const { payload, boundary } = multipart(files);
  return send(payload, `multipart/form-data; boundary=${boundary}`);
}

async function storedReceipts(receiptNumber: string) {
  return rows<{ content_type: string; data: Uint8Array }>(
    t.db.orm,
    sql`select r.content_type, r.data from subsidy_receipts r join subsidy_applications a on a.id = r.application_id
        where a.receipt_number = ${receiptNumber} order by r.created_at, r.id`,
  );
}

async function applicationCount(): Promise<number> {
  const [row] = await rows<{ n: number }>(t.db.orm, sql`select count(*)::int as n from subsidy_applications`);
  return Number(row!.n);
}

function expectProblem(res: Awaited<ReturnType<typeof send>>, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const problem = res.json();
  expect(problem.status).toBe(status);
  return problem;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true, now: '2026-11-26T10:00:00+09:00' });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('receipts keep nothing but pixels (issue 19)', () => {
  it('drops a second JPEG with Exif GPS appended after the first', async () => {
    const res = await apply([{ name: 'MPF.jpg', type: 'image/jpeg', bytes: jpegWithSecondGpsJpeg() }]);
    expect(res.statusCode, res.body).toBe(201);
    const [stored] = await storedReceipts(res.json().receiptNumber);
    const bytes = Buffer.from(stored!.data);
    expect(stored!.content_type).toBe('image/jpeg');
    expect(hasLocationMetadata(bytes)).toBe(false);
    expect(bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), 2)).toBe(-1);
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 40, height: 24, format: 'jpeg' });
  });

  it('drops an Exif block after the start-of-scan marker', async () => {
    const res = await apply([{ name: 'scan.jpg', type: 'image/jpeg', bytes: jpegWithExifAfterScan() }]);
    expect(res.statusCode, res.body).toBe(201);
    const [stored] = await storedReceipts(res.json().receiptNumber);
    expect(hasLocationMetadata(Buffer.from(stored!.data))).toBe(false);
  });

  it('drops private PNG chunks', async () => {
    const res = await apply([{ name: 'scan.png', type: 'image/png', bytes: pngWithPrivateChunks() }]);
    expect(res.statusCode, res.body).toBe(201);
    const [stored] = await storedReceipts(res.json().receiptNumber);
    expect(stored!.content_type).toBe('image/png');
    expect(Buffer.from(stored!.data).includes(Buffer.from(PRIVATE_PNG_SECRET, 'latin1'))).toBe(false);
  });

  it('stores a 12-megapixel phone photo scaled to 2000 px on the long edge, much smaller', async () => {
    const photo = await phonePhoto(4000, 3000);
    const res = await apply([{ name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: photo }]);
    expect(res.statusCode, res.body).toBe(201);
    const [stored] = await storedReceipts(res.json().receiptNumber);
    const bytes = Buffer.from(stored!.data);
    expect(await sharp(bytes).metadata()).toMatchObject({ width: 2000, height: 1500, format: 'jpeg' });
    expect(bytes.length).toBeLessThan(photo.length / 2);
  });

  it('refuses a 48 KB PNG of 20000×20000 pixels with 413 and writes nothing', async () => {
    const before = await applicationCount();
    const res = await apply([{ name: 'bomb.png', type: 'image/png', bytes: hugePng() }]);
    const problem = expectProblem(res, 413);
    expect(problem.code).toBe('upload.image_too_large');
    expect(problem.errors[0].pointer).toBe('/body/receipts/0');
    expect(await applicationCount()).toBe(before);
  });

  it('refuses the probe’s padded "JPEG" (start marker, zeros, end marker) with 400', async () => {
    const padded = Buffer.alloc(256 * 1024, 0);
    padded.set([0xff, 0xd8, 0xff, 0xe0], 0);
    padded.set([0xff, 0xd9], padded.length - 2);
    const res = await apply([{ name: 'big.jpg', type: 'image/jpeg', bytes: padded }]);
    expect(expectProblem(res, 400).code).toBe('upload.image_invalid');
  });

  it('takes a plain PDF and refuses one that runs JavaScript', async () => {
    const ok = await apply([{ name: 'ticket.pdf', type: 'application/pdf', bytes: minimalPdf() }]);
    expect(ok.statusCode, ok.body).toBe(201);
    const before = await applicationCount();
    const res = await apply([{ name: 'ticket.pdf', type: 'application/pdf', bytes: pdfWithJavaScript() }]);
    expect(expectProblem(res, 400).code).toBe('upload.not_pdf');
    expect(await applicationCount()).toBe(before);
  });
});

describe('malformed multipart answers 400 problem+json, never 500 (issue 19)', () => {
  const files = [{ name: 'IMG.jpg', type: 'image/jpeg', bytes: jpegWithGps() }];

  it('a lone surrogate or NUL in the application’s text (the route field) names it, writes nothing', async () => {
    for (const bad of ['自宅から\ud800バス', '自宅から\u0000バス']) {
      const before = await applicationCount();
      const boundary = `----tsunagari${randomUUID()}`;
      // JSON.stringify writes a lone surrogate as a \udXXX escape, as a browser's form script would.
      const json = JSON.stringify({ ...application(), route: bad });
      const payload = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="application"\r\n\r\n${json}\r\n--${boundary}--\r\n`,
      );
      const res = await send(payload, `multipart/form-data; boundary=${boundary}`);
      const problem = expectProblem(res, 400);
      expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/application/route']);
      expect(await applicationCount()).toBe(before);
    }
  });

  it('a truncated body', async () => {
    const { payload, boundary } = multipart(files);
    const res = await send(
      payload.subarray(0, payload.length - 200),
      `multipart/form-data; boundary=${boundary}`,
    );
    expect(expectProblem(res, 400).code).toBe('upload.malformed');
  });

  it('no boundary', async () => {
    const { payload } = multipart(files);
    const res = await send(payload, 'multipart/form-data');
    expect(expectProblem(res, 400).code).toBe('upload.malformed');
  });

  it('a 300-character boundary', async () => {
    const boundary = 'b'.repeat(300);
    const { payload } = multipart(files, boundary);
    const res = await send(payload, `multipart/form-data; boundary=${boundary}`, { 'accept-language': 'en' });
    const problem = expectProblem(res, 400);
    expect(problem.code).toBe('upload.malformed');
    expect(problem.title).toBe('The upload could not be read');
  });

  it('a body that is not multipart at all', async () => {
    const res = await send(Buffer.from('hello'), 'multipart/form-data; boundary=xyz');
    expect(expectProblem(res, 400).code).toBe('upload.malformed');
  });
});

describe('the upload gate (issue 19)', () => {
  it('answers 503 with Retry-After when every slot and the queue are taken, and writes nothing', async () => {
    const held: Array<Promise<() => void>> = [];
    for (let i = 0; i < uploadGate.concurrency + uploadGate.queueLimit; i++) held.push(uploadGate.acquire());
    try {
      const before = await applicationCount();
      const res = await apply([{ name: 'IMG.jpg', type: 'image/jpeg', bytes: jpegWithGps() }]);
      const problem = expectProblem(res, 503);
      expect(problem.code).toBe('upload.busy');
      expect(res.headers['retry-after']).toBe('5');
      expect(await applicationCount()).toBe(before);
    } finally {
      for (const release of held) (await release)();
    }
    const after = await apply([{ name: 'IMG.jpg', type: 'image/jpeg', bytes: jpegWithGps() }]);
    expect(after.statusCode, after.body).toBe(201);
  });
});
