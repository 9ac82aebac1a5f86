import { inflateSync } from 'node:zlib';
import { AppError } from '../errors.ts';
import './messages.ts';

/** PDF names that make a viewer run code, open another program or carry other files. */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
]);

/** How far from the end `%%EOF` may be (writers add a newline or a little padding). */
const EOF_WINDOW = 1024;
/** Compressed streams are inflated to look for the names above, up to this much in total. */
const INFLATE_BUDGET = 32 * 1024 * 1024;

const notPdf = (reason: string) =>
  new AppError(400, 'upload.not_pdf', { extra: { reason }, cause: new Error(`pdf: ${reason}`) });

/** `/J#61vaScript` is `/JavaScript`: names may escape any byte as #xx. */
function decodeName(raw: string): string {
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function activeNameIn(text: string): string | null {
  for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const name = decodeName(match[1]!);
    if (ACTIVE_NAMES.has(name)) return name;
  }
  return null;
}

/**
 * Checks a file that claims to be a PDF (a scanned receipt, an e-ticket statement) before it is
 * stored: it starts with `%PDF-`, ends with `%%EOF`, and nowhere — neither in the file nor in its
 * compressed non-image streams (object streams hide dictionaries there) — names JavaScript, a
 * launch action, embedded files, rich media, XFA forms or form submission. Throws AppError
 * `upload.not_pdf` (400). The file itself is stored as it is: rewriting a PDF needs a PDF library,
 * and a receipt PDF carries no camera position.
 */
export async function checkPdf(bytes: Buffer): Promise<void> {
  if (bytes.length < 16 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw notPdf('magic');
  const tail = bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW)).toString('latin1');
  if (!tail.includes('%%EOF')) throw notPdf('eof');

  const text = bytes.toString('latin1');
  const direct = activeNameIn(text);
  if (direct) throw notPdf(`active:${direct}`);

  let budget = INFLATE_BUDGET;
  const streamRe = /<<((?:(?!>>\s*stream)[\s\S]){0,4096})>>\s*stream\r?\n/g;
  for (const match of text.matchAll(streamRe)) {
    const dict = match[1]!;
    if (!/\/FlateDecode\b/.test(dict) || /\/Subtype\s*\/Image\b/.test(dict)) continue;
    const start = match.index! + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) throw notPdf('stream');
    if (budget <= 0) throw notPdf('inflate_budget');
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw notPdf('inflate_budget');
      continue; // A stream that does not inflate cannot hide a dictionary a viewer reads either.
    }
    budget -= inflated.length;
    const hidden = activeNameIn(inflated.toString('latin1'));
    if (hidden) throw notPdf(`active:${hidden}`);
  }
}
