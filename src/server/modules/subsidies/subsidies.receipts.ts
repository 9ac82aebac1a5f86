/**
 * Receipt files (領収書・利用券の写し) as people send them from a phone: the type is taken from the
 * bytes (magic numbers), never from the file name or the browser's claim, and metadata that can reveal
 * where and when a photo was taken is removed before anything is stored. Pure functions (unit-tested).
 *
 * - JPEG: every APP1 segment (Exif — with its GPS IFD — and XMP), APP13 (Photoshop/IPTC) and COM
 *   (comments) is dropped; the frame, tables, JFIF (APP0), ICC profile (APP2) and the entropy-coded
 *   data after SOS are copied unchanged, so the image still decodes. The Exif orientation goes with
 *   Exif: a photo taken sideways shows sideways; staff can still read it.
 * - PNG: the metadata chunks eXIf, tEXt, iTXt, zTXt and tIME are dropped; image chunks are kept.
 * - PDF: accepted as is (a scanned receipt or an e-ticket statement); a PDF carries no GPS position
 *   from a camera, and rewriting it without a PDF library could break it.
 */

export const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

export type SniffResult = { ok: true; type: ReceiptType } | { ok: false };

export function sniffReceiptType(bytes: Uint8Array): SniffResult {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { ok: true, type: 'image/jpeg' };
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return { ok: true, type: 'image/png' };
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  if (bytes.length >= 5 && pdf.every((b, i) => bytes[i] === b)) return { ok: true, type: 'application/pdf' };
  return { ok: false };
}

export class ReceiptFormatError extends Error {
  override name = 'ReceiptFormatError';
}

/** JPEG markers whose segments are dropped: APP1 (Exif, XMP), APP13 (IPTC), COM. */
const DROPPED_JPEG_MARKERS = new Set([0xe1, 0xed, 0xfe]);

export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [bytes.subarray(0, 2)];
  let pos = 2;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw new ReceiptFormatError('jpeg: marker expected');
    // Fill bytes (0xFF repeated) may precede a marker.
    let markerPos = pos;
    while (bytes[markerPos + 1] === 0xff) markerPos++;
    const marker = bytes[markerPos + 1];
    if (marker === undefined) throw new ReceiptFormatError('jpeg: truncated');
    if (marker === 0xd9) {
      out.push(bytes.subarray(markerPos, markerPos + 2));
      pos = markerPos + 2;
      break;
    }
    // Standalone markers (TEM, RSTn) carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(bytes.subarray(markerPos, markerPos + 2));
      pos = markerPos + 2;
      continue;
    }
    if (markerPos + 4 > bytes.length) throw new ReceiptFormatError('jpeg: truncated');
    const length = (bytes[markerPos + 2]! << 8) | bytes[markerPos + 3]!;
    if (length < 2) throw new ReceiptFormatError('jpeg: bad segment length');
    const end = markerPos + 2 + length;
    if (end > bytes.length) throw new ReceiptFormatError('jpeg: truncated');
    if (marker === 0xda) {
      // Start of scan: the rest is image data (and any later scans), copied as it is.
      out.push(bytes.subarray(markerPos));
      pos = bytes.length;
      break;
    }
    if (!DROPPED_JPEG_MARKERS.has(marker)) out.push(bytes.subarray(markerPos, end));
    pos = end;
  }
  return concat(out);
}

const DROPPED_PNG_CHUNKS = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  let sawEnd = false;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) throw new ReceiptFormatError('png: truncated');
    const length =
      ((bytes[pos]! << 24) | (bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!) >>> 0;
    const type = String.fromCharCode(bytes[pos + 4]!, bytes[pos + 5]!, bytes[pos + 6]!, bytes[pos + 7]!);
    const end = pos + 12 + length;
    if (end > bytes.length) throw new ReceiptFormatError('png: truncated');
    if (!DROPPED_PNG_CHUNKS.has(type)) out.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw new ReceiptFormatError('png: no IEND');
  return concat(out);
}

/** The bytes to store: type from the content, metadata removed. Throws ReceiptFormatError when broken. */
export function sanitiseReceipt(bytes: Uint8Array): { type: ReceiptType; bytes: Uint8Array } | null {
  const sniffed = sniffReceiptType(bytes);
  if (!sniffed.ok) return null;
  if (sniffed.type === 'image/jpeg') return { type: sniffed.type, bytes: stripJpegMetadata(bytes) };
  if (sniffed.type === 'image/png') return { type: sniffed.type, bytes: stripPngMetadata(bytes) };
  return { type: sniffed.type, bytes };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
