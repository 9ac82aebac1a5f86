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

export const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

export type PreparedReceipt = { type: ReceiptType; bytes: Uint8Array };

const FIELD_MESSAGES: Record<string, { ja: string; en: string }> = {
  'upload.image_invalid': { ja: '画像を読み取れません', en: 'The picture could not be read' },
  'upload.image_too_large': {
    ja: '画像の画素数が大きすぎます（4,000 万画素まで）',
    en: 'The picture has too many pixels (40 megapixels at most)',
  },
  'upload.not_pdf': {
    ja: 'PDF として読み取れないか、スクリプトなどを含んでいます',
    en: 'The PDF is damaged or contains scripts or other active content',
  },
};

/** The receipt at `index`, ready to store; AppError (with a pointer to the file) when refused. */
export async function prepareReceipt(bytes: Buffer, index: number): Promise<PreparedReceipt> {
  const pointer = `/body/receipts/${index}`;
  const type = sniffUpload(bytes);
  if (type === null)
    throw new AppError(415, 'subsidy_receipt_type', {
      errors: [
        {
          pointer,
          message: { ja: 'JPEG・PNG・PDF のファイルを選んでください', en: 'Choose a JPEG, PNG or PDF file' },
        },
      ],
    });
  try {
    if (type === 'application/pdf') {
      return { type, bytes: await cleanPdf(bytes) };
    }
    const image = await reencodeImage(bytes);
    return { type: image.mediaType, bytes: image.bytes };
  } catch (error) {
    if (error instanceof AppError && FIELD_MESSAGES[error.code])
      throw new AppError(error.status, error.code, {
        errors: [{ pointer, message: FIELD_MESSAGES[error.code]! }],
        cause: error,
      });
    throw error;
  }
}
