/**
 * Files an outside probe sent (issue 19) to show what survives naive metadata stripping, built byte by
 * byte from the Chromium images of receipts.ts so the tests prove what the server keeps.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { exifGpsSegment, jpegWithGps, PLAIN_JPEG, PLAIN_PNG } from './receipts.ts';

/** A plain JPEG followed by a second JPEG with Exif GPS, as phones write multi-picture (MPF) files. */
export function jpegWithSecondGpsJpeg(): Buffer {
  return Buffer.concat([PLAIN_JPEG, jpegWithGps()]);
}

/** The Exif GPS segment placed after the scan data (after SOS, before EOI). */
export function jpegWithExifAfterScan(): Buffer {
  const eoi = PLAIN_JPEG.length - 2;
  return Buffer.concat([PLAIN_JPEG.subarray(0, eoi), exifGpsSegment(), PLAIN_JPEG.subarray(eoi)]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** What the private PNG chunks carry (a position written as text). */
export const PRIVATE_PNG_SECRET = 'GPS 35.6511N 138.5683E at home';

/** The Chromium PNG with a private ancillary chunk (`prVt`) before IEND and another after it. */
export function pngWithPrivateChunks(): Buffer {
  const iend = PLAIN_PNG.length - 12;
  return Buffer.concat([
    PLAIN_PNG.subarray(0, iend),
    pngChunk('prVt', Buffer.from(PRIVATE_PNG_SECRET, 'latin1')),
    PLAIN_PNG.subarray(iend),
    pngChunk('zzZz', Buffer.from(PRIVATE_PNG_SECRET, 'latin1')),
  ]);
}

/** A valid 1-bit greyscale PNG of width×height white pixels: 20000×20000 is about 48 KB. */
export function hugePng(width = 20_000, height = 20_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(width / 8);
  const raw = Buffer.alloc(rowBytes * height, 0); // filter 0, black
  return Buffer.concat([
    PLAIN_PNG.subarray(0, 8),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The probe's "10 MiB JPEG": a start marker, zero padding and an end marker. */
export function paddedJpeg(bytes = 10 * 1024 * 1024): Buffer {
  const out = Buffer.alloc(bytes, 0);
  out[0] = 0xff;
  out[1] = 0xd8;
  out[bytes - 2] = 0xff;
  out[bytes - 1] = 0xd9;
  return out;
}

/** A minimal well-formed PDF (one empty page), optionally with extra objects in the catalogue. */
export function minimalPdf(catalogueExtra = '', extraObjects = ''): Buffer {
  return Buffer.from(
    `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalogueExtra}>>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n${extraObjects}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A PDF whose OpenAction runs JavaScript, with the name hidden behind #xx escapes. */
export function pdfWithJavaScript(): Buffer {
  return minimalPdf('/OpenAction 4 0 R ', '4 0 obj\n<< /S /J#61vaScript /JS (app.alert(1)) >>\nendobj\n');
}

/** A PDF whose JavaScript action sits in a compressed object stream. */
export function pdfWithHiddenJavaScript(): Buffer {
  const body = deflateSync(Buffer.from('<< /S /JavaScript /JS (app.alert(1)) >>', 'latin1'));
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n5 0 obj\n<< /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode /Length ${body.length} >>\nstream\n`,
      'latin1',
    ),
    body,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}

/**
 * A scanned receipt as a phone's scanner app writes it: the document information names the author and
 * the app, the catalogue carries XMP, and the page draws a JPEG that still has its Exif GPS block.
 */
export async function pdfWithMetadata(): Promise<Buffer> {
  const { PDFDocument, PDFName } = await import('pdf-lib');
  const { jpegWithGps } = await import('./receipts.ts');
  const doc = await PDFDocument.create();
  doc.setAuthor('Yamada Taro');
  doc.setCreator('TsunagariScan 1.0');
  doc.setTitle('receipt at home');
  const xmp = doc.context.stream('<x:xmpmeta xmlns:x="adobe:ns:meta/">TsunagariXmp</x:xmpmeta>', {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  // A copy: pdf-lib reads the bytes through their ArrayBuffer from offset 0.
  const image = await doc.embedJpg(new Uint8Array(jpegWithGps()));
  const page = doc.addPage([200, 200]);
  page.drawImage(image, { x: 10, y: 10, width: 50, height: 50 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A phone-sized photo (default 4000×3000, 12 MP): light noise so the JPEG is photo-like, not flat. */
export async function phonePhoto(width = 4000, height = 3000, orientation?: number): Promise<Buffer> {
  const image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 12 },
    },
  }).jpeg({ quality: 92 });
  return orientation ? image.withMetadata({ orientation }).toBuffer() : image.toBuffer();
}

/** The quantisation tables (DQT segments) of a JPEG: they are fixed by the encoder's quality setting. */
export function jpegQuantTables(bytes: Buffer): Buffer[] {
  const tables: Buffer[] = [];
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    const length = bytes.readUInt16BE(i + 2);
    if (marker === 0xdb) tables.push(bytes.subarray(i + 4, i + 2 + length));
    if (marker === 0xda) break; // start of scan: no tables after it
    i += 2 + length;
  }
  return tables;
}
