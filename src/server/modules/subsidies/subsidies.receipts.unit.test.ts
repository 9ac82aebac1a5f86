import { describe, expect, it } from 'vitest';
import {
  hasLocationMetadata,
  jpegWithGps,
  PLAIN_JPEG,
  PLAIN_PNG,
  pngWithExif,
} from '../../../../test/factories/receipts.ts';
import { ReceiptFormatError, sanitiseReceipt, sniffReceiptType } from './subsidies.receipts.ts';

describe('receipt files', () => {
  it('takes the type from the bytes', () => {
    expect(sniffReceiptType(PLAIN_JPEG)).toEqual({ ok: true, type: 'image/jpeg' });
    expect(sniffReceiptType(PLAIN_PNG)).toEqual({ ok: true, type: 'image/png' });
    expect(sniffReceiptType(Buffer.from('%PDF-1.7\n…'))).toEqual({ ok: true, type: 'application/pdf' });
    expect(sniffReceiptType(Buffer.from('GIF89a'))).toEqual({ ok: false });
    expect(sniffReceiptType(Buffer.from('<html>'))).toEqual({ ok: false });
  });

  it('removes Exif (with GPS) and XMP from a JPEG and keeps every other byte of the image', () => {
    const input = jpegWithGps();
    expect(hasLocationMetadata(input)).toBe(true);
    const out = sanitiseReceipt(input)!;
    expect(out.type).toBe('image/jpeg');
    expect(hasLocationMetadata(out.bytes)).toBe(false);
    // Exactly the original Chromium JPEG again: nothing of the image was touched.
    expect(Buffer.from(out.bytes).equals(PLAIN_JPEG)).toBe(true);
  });

  it('removes eXIf and text chunks from a PNG', () => {
    const out = sanitiseReceipt(pngWithExif())!;
    expect(out.type).toBe('image/png');
    expect(hasLocationMetadata(out.bytes)).toBe(false);
    expect(Buffer.from(out.bytes).equals(PLAIN_PNG)).toBe(true);
  });

  it('refuses a broken image rather than storing it', () => {
    expect(() => sanitiseReceipt(jpegWithGps().subarray(0, 40))).toThrow(ReceiptFormatError);
    expect(() => sanitiseReceipt(PLAIN_PNG.subarray(0, 30))).toThrow(ReceiptFormatError);
  });
});
