import { registerErrorMessages } from '../errors.ts';

/** Every error code of the upload platform, in Japanese and English (imported for its side effect). */
registerErrorMessages({
  'upload.image_invalid': {
    title: { ja: '画像を読み取れません', en: 'The image could not be read' },
    detail: {
      ja: 'JPEG・PNG・WebP の写真や画像を選んでください。壊れたファイルや、画像ではないファイルは受け付けられません。',
      en: 'Choose a JPEG, PNG or WebP picture. Damaged files and files that are not pictures are refused.',
    },
  },
  'upload.image_too_large': {
    title: { ja: '画像の大きさ（画素数）が大きすぎます', en: 'The image has too many pixels' },
    detail: {
      ja: '4,000 万画素以下の画像にしてください。',
      en: 'The limit is 40 megapixels.',
    },
  },
  'upload.not_pdf': {
    title: { ja: 'PDF として読み取れません', en: 'The file is not a usable PDF' },
    detail: {
      ja: '壊れていない PDF を選んでください。スクリプトや埋め込みファイルを含む PDF は受け付けられません。',
      en: 'Choose an undamaged PDF. PDFs with scripts, launch actions or embedded files are refused.',
    },
  },
  'upload.malformed': {
    title: { ja: '送信されたファイルを読み取れません', en: 'The upload could not be read' },
    detail: {
      ja: '送信が途中で切れたか、形式が正しくありません。もう一度お試しください。',
      en: 'The upload was cut off or is not valid multipart/form-data. Please try again.',
    },
  },
  'upload.busy': {
    title: { ja: 'ただいまファイルの受付が混み合っています', en: 'Too many uploads at the moment' },
    detail: {
      ja: '入力内容は保存されていません。少し待ってから、もう一度送信してください。',
      en: 'Nothing was saved. Please wait a moment and send it again.',
    },
  },
});
