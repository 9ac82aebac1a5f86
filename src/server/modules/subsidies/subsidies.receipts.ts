/**
 * Receipt files (領収書・利用券の写し) as people send them from a phone, prepared for storage through
 * the upload platform (platform/uploads): the type is taken from the bytes, never from the file name
 * or the browser's claim; pictures are decoded and encoded anew so that nothing but their pixels is
 * stored (no Exif/GPS, XMP, ICC, appended second picture, private chunks; orientation applied); PDFs
 * (a scanned receipt, an e-ticket statement) are checked (no scripts, launch actions or embedded
 * files) and stored as sent.
 */
import { AppError } from '../../platform/errors.ts';
import { cleanPdf, reencodeImage, sniffUpload } from '../../platform/uploads/index.ts';
import { SUBSIDY_TEXT, UPLOAD_FIELD_TEXT } from './subsidies.errors.ts';

const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

type PreparedReceipt = { type: ReceiptType; bytes: Uint8Array };

/** The receipt at `index`, ready to store; AppError (with a pointer to the file) when refused. */
export async function prepareReceipt(bytes: Buffer, index: number): Promise<PreparedReceipt> {
  const pointer = `/body/receipts/${index}`;
  const type = sniffUpload(bytes);
  if (type === null)
    throw new AppError(415, 'subsidy_receipt_type', {
      errors: [{ pointer, message: SUBSIDY_TEXT.receiptType }],
    });
  try {
    if (type === 'application/pdf') {
      return { type, bytes: await cleanPdf(bytes) };
    }
    const image = await reencodeImage(bytes);
    return { type: image.mediaType, bytes: image.bytes };
  } catch (error) {
    const message = error instanceof AppError ? UPLOAD_FIELD_TEXT[error.code] : undefined;
    if (error instanceof AppError && message)
      throw new AppError(error.status, error.code, {
        errors: [{ pointer, message }],
        cause: error,
      });
    throw error;
  }
}
