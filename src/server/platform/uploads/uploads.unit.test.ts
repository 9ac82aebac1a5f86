import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  hugePng,
  jpegQuantTables,
  jpegWithExifAfterScan,
  jpegWithSecondGpsJpeg,
  minimalPdf,
  PRIVATE_PNG_SECRET,
  paddedJpeg,
  pdfWithHiddenJavaScript,
  pdfWithJavaScript,
  pdfWithMetadata,
  phonePhoto,
  pngWithPrivateChunks,
} from '../../../../test/factories/hostile-uploads.ts';
import {
  exifGpsSegment,
  hasLocationMetadata,
  jpegWithGps,
  PLAIN_JPEG,
  PLAIN_PNG,
  pngWithExif,
} from '../../../../test/factories/receipts.ts';
import { AppError } from '../errors.ts';
import { MAX_STORED_EDGE, reencodeImage, STORED_JPEG_QUALITY } from './images.ts';
import { Semaphore, UploadBusyError } from './limiter.ts';
import { checkPdf, cleanPdf, stripJpegSegments } from './pdf.ts';
import { sniffUpload } from './sniff.ts';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** PNG chunk types in order. */
function pngChunks(bytes: Buffer): string[] {
  const out: string[] = [];
  let pos = 8;
  while (pos + 8 <= bytes.length) {
    out.push(bytes.subarray(pos + 4, pos + 8).toString('latin1'));
    pos += 12 + bytes.readUInt32BE(pos);
  }
  return out;
}

/** JPEG markers before SOS, and how many SOI markers the file has in all. */
function jpegSegments(bytes: Buffer): number[] {
  const out: number[] = [];
  let pos = 2;
  while (pos < bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1]!;
    out.push(marker);
    if (marker === 0xda) break;
    pos += 2 + bytes.readUInt16BE(pos + 2);
  }
  return out;
}

describe('reencodeImage: nothing but pixels survives', () => {
  it('drops a second JPEG appended after the first (multi-picture files) with its Exif GPS', async () => {
    const input = jpegWithSecondGpsJpeg();
    expect(hasLocationMetadata(input)).toBe(true);
    const out = await reencodeImage(input);
    expect(out).toMatchObject({ mediaType: 'image/jpeg', width: 40, height: 24 });
    expect(hasLocationMetadata(out.bytes)).toBe(false);
    // One picture only: a single start-of-image marker, and the file ends at its end-of-image marker.
    expect(out.bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), 2)).toBe(-1);
    expect(out.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('drops an Exif block placed after the start-of-scan marker', async () => {
    const input = jpegWithExifAfterScan();
    expect(input.includes(exifGpsSegment())).toBe(true);
    const out = await reencodeImage(input);
    expect(hasLocationMetadata(out.bytes)).toBe(false);
  });

  it('drops Exif, XMP and the ICC profile before the scan: only JFIF and the image tables remain', async () => {
    const out = await reencodeImage(jpegWithGps());
    expect(hasLocationMetadata(out.bytes)).toBe(false);
    // APP0 (JFIF) may stay; no APP1 (Exif/XMP), APP2 (ICC), APP13 (IPTC) or COM.
    const markers = jpegSegments(out.bytes);
    for (const dropped of [0xe1, 0xe2, 0xed, 0xfe]) expect(markers).not.toContain(dropped);
  });

  it('drops PNG private chunks, text and eXIf, before and after IEND', async () => {
    for (const input of [pngWithPrivateChunks(), pngWithExif()]) {
      const out = await reencodeImage(input);
      expect(out).toMatchObject({ mediaType: 'image/png', width: 8, height: 8 });
      expect(out.bytes.includes(Buffer.from(PRIVATE_PNG_SECRET, 'latin1'))).toBe(false);
      expect(hasLocationMetadata(out.bytes)).toBe(false);
      // Only the image's own chunks (pHYs: the pixel density libvips writes).
      for (const type of pngChunks(out.bytes))
        expect(['IHDR', 'PLTE', 'IDAT', 'IEND', 'pHYs']).toContain(type);
    }
  });

  it('keeps the picture: same size, same pixels within JPEG tolerance', async () => {
    const out = await reencodeImage(jpegWithGps());
    const a = await sharp(PLAIN_JPEG).raw().toBuffer();
    const b = await sharp(out.bytes).raw().toBuffer();
    expect(b.length).toBe(a.length);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs(a[i]! - b[i]!);
    expect(diff / a.length).toBeLessThan(8);
    const png = await reencodeImage(PLAIN_PNG);
    expect(await sharp(png.bytes).raw().toBuffer()).toEqual(await sharp(PLAIN_PNG).raw().toBuffer());
  });

  it('applies the Exif orientation to the pixels before the Exif goes', async () => {
    const sideways = await sharp({
      create: { width: 30, height: 10, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const out = await reencodeImage(sideways);
    expect(out).toMatchObject({ width: 10, height: 30 });
    expect((await sharp(out.bytes).metadata()).orientation).toBeUndefined();
  });

  it('scales a phone photo down to 2000 px on the long edge, at JPEG quality 80', async () => {
    const out = await reencodeImage(await phonePhoto(4000, 3000));
    expect(out).toMatchObject({ mediaType: 'image/jpeg', width: MAX_STORED_EDGE, height: 1500 });
    expect(await sharp(out.bytes).metadata()).toMatchObject({ width: 2000, height: 1500, format: 'jpeg' });
    // Same encoder, same quality → same quantisation tables: the stored file was written at 80.
    const reference = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg({ quality: STORED_JPEG_QUALITY, chromaSubsampling: '4:2:0', mozjpeg: false })
      .toBuffer();
    expect(STORED_JPEG_QUALITY).toBe(80);
    expect(jpegQuantTables(out.bytes)).toEqual(jpegQuantTables(reference));
    expect(jpegQuantTables(out.bytes).length).toBeGreaterThan(0);
  });

  it('measures the long edge after applying the orientation, and scales PNGs too', async () => {
    // Stored 4000×1000 with "rotate 90°": shown as 1000×4000, so it becomes 500×2000.
    const sideways = await reencodeImage(await phonePhoto(4000, 1000, 6));
    expect(sideways).toMatchObject({ width: 500, height: 2000 });
    const tallPng = await sharp({ create: { width: 1000, height: 3000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await reencodeImage(tallPng)).toMatchObject({ mediaType: 'image/png', width: 667, height: 2000 });
  });

  it('never enlarges a picture already within 2000 px', async () => {
    expect(await reencodeImage(await phonePhoto(1600, 1200))).toMatchObject({ width: 1600, height: 1200 });
    expect(await reencodeImage(await phonePhoto(2000, 900))).toMatchObject({ width: 2000, height: 900 });
  });

  it('refuses a 20000×20000 PNG of 48 KB with 413 before decoding it', async () => {
    const input = hugePng();
    expect(input.length).toBeLessThan(64 * 1024);
    const error = await rejection(reencodeImage(input));
    expect(error).toMatchObject({ status: 413, code: 'upload.image_too_large' });
  });

  it('refuses what is not a complete picture with 400', async () => {
    for (const input of [
      paddedJpeg(64 * 1024),
      jpegWithGps().subarray(0, 400),
      PLAIN_PNG.subarray(0, 40),
      Buffer.from('GIF89a not really'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      minimalPdf(),
      Buffer.alloc(0),
    ]) {
      const error = await rejection(reencodeImage(input));
      expect(error).toMatchObject({ status: 400, code: 'upload.image_invalid' });
    }
  });
});

describe('checkPdf', () => {
  it('accepts a plain PDF', async () => {
    await expect(checkPdf(minimalPdf())).resolves.toBeUndefined();
  });

  it('refuses a non-PDF disguised as one, a PDF without its end, and active content', async () => {
    for (const input of [
      Buffer.concat([Buffer.from('%PDF-1.7\n'), PLAIN_JPEG]),
      Buffer.from('<html>%PDF-1.7 %%EOF</html>'),
      PLAIN_JPEG,
      minimalPdf().subarray(0, 120),
      pdfWithJavaScript(),
      pdfWithHiddenJavaScript(),
      minimalPdf('/OpenAction << /S /Launch /F (calc.exe) >> '),
      minimalPdf('/Names << /EmbeddedFiles 4 0 R >> '),
    ]) {
      const error = await rejection(checkPdf(input));
      expect(error).toMatchObject({ status: 400, code: 'upload.not_pdf' });
    }
  });
});

describe('cleanPdf', () => {
  it('keeps the pages and leaves the author, the app, XMP and the Exif of pictures behind', async () => {
    const original = await pdfWithMetadata();
    const { PDFDocument } = await import('pdf-lib');
    const info = async (b: Buffer) => {
      const doc = await PDFDocument.load(b, { updateMetadata: false });
      return [doc.getAuthor(), doc.getCreator(), doc.getTitle()];
    };
    // The fixture really carries what must go (otherwise this test would prove nothing).
    expect(await info(original)).toEqual(['Yamada Taro', 'TsunagariScan 1.0', 'receipt at home']);
    expect(original.toString('latin1')).toContain('TsunagariXmp');
    expect(hasLocationMetadata(original)).toBe(true);

    const cleaned = await cleanPdf(original);
    expect(await info(cleaned)).toEqual([undefined, undefined, undefined]);
    expect(cleaned.toString('latin1')).not.toContain('TsunagariXmp');
    expect(cleaned.toString('latin1')).not.toMatch(/\/(Author|Creator|Producer|Metadata)\b/);
    expect(hasLocationMetadata(cleaned)).toBe(false);
    expect(sniffUpload(cleaned)).toBe('application/pdf');
    await expect(checkPdf(cleaned)).resolves.toBeUndefined();
    const reread = await PDFDocument.load(cleaned);
    expect(reread.getPageCount()).toBe(1);
    expect(reread.getPage(0).getSize()).toEqual({ width: 200, height: 200 });
    // The picture is still there, without its Exif: the plain JPEG's own segments and scan.
    expect(cleaned.includes(Buffer.from(stripJpegSegments(PLAIN_JPEG)).subarray(2))).toBe(true);
  });

  it('refuses what checkPdf refuses, and a PDF without pages', async () => {
    expect(await rejection(cleanPdf(pdfWithJavaScript()))).toMatchObject({ code: 'upload.not_pdf' });
    expect(await rejection(cleanPdf(pdfWithHiddenJavaScript()))).toMatchObject({ code: 'upload.not_pdf' });
  });

  it('stripJpegSegments drops APP1 (Exif, XMP) and keeps the picture; leaves unreadable input as it was', async () => {
    const stripped = Buffer.from(stripJpegSegments(jpegWithGps()));
    expect(hasLocationMetadata(stripped)).toBe(false);
    expect(stripped.equals(Buffer.from(stripJpegSegments(PLAIN_JPEG)))).toBe(true);
    const picture = await sharp(stripped).metadata();
    expect([picture.format, picture.width, picture.height]).toEqual(['jpeg', 40, 24]);
    const notJpeg = Buffer.from('not a jpeg');
    expect(Buffer.from(stripJpegSegments(notJpeg)).equals(notJpeg)).toBe(true);
  });
});

describe('sniffUpload', () => {
  it('takes the type from the bytes', () => {
    expect(sniffUpload(PLAIN_JPEG)).toBe('image/jpeg');
    expect(sniffUpload(PLAIN_PNG)).toBe('image/png');
    expect(sniffUpload(minimalPdf())).toBe('application/pdf');
    expect(sniffUpload(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffUpload(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffUpload(Buffer.from('<html>'))).toBeNull();
  });
});

describe('Semaphore', () => {
  it('runs at most `concurrency` at once, queues a bounded number and refuses the rest with 503', async () => {
    const gate = new Semaphore(2, 1);
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const job = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    const first = job();
    const second = job();
    const third = job(); // queued
    await Promise.resolve();
    const error = await job().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UploadBusyError);
    expect(error).toMatchObject({ status: 503, extra: { retryAfter: 5 } });
    expect(gate.active).toBe(2);
    expect(gate.queued).toBe(1);
    releases.shift()!();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(gate.active).toBe(2);
    while (releases.length) releases.shift()!();
    await second;
    await new Promise((r) => setTimeout(r, 0));
    releases.shift()?.();
    await third;
    expect(peak).toBe(2);
    expect(gate.active).toBe(0);
  });
});
