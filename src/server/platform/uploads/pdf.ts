import { inflateSync } from 'node:zlib';
import type { PDFDocument } from 'pdf-lib';
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
 * `upload.not_pdf` (400). What is stored is not this file but its rewrite by `cleanPdf`.
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

/** Dictionary keys that carry who made a file, with what, when — or a copy of the page as it was. */
const METADATA_KEY_NAMES = ['Metadata', 'PieceInfo', 'LastModified', 'Thumb'];

/**
 * JPEG segments that are not pixels: APP1–APP13 and APP15 (Exif with its GPS position, XMP, IPTC,
 * Photoshop blocks) and comments. APP0 (JFIF) and APP14 (Adobe: how to read the colours) stay.
 * Works segment by segment up to the start of scan; anything it cannot read is left as it was.
 */
export function stripJpegSegments(jpeg: Uint8Array): Uint8Array {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return jpeg;
  const kept: Uint8Array[] = [jpeg.subarray(0, 2)];
  let pos = 2;
  while (pos + 4 <= jpeg.length) {
    if (jpeg[pos] !== 0xff) return jpeg;
    const marker = jpeg[pos + 1]!;
    const length = (jpeg[pos + 2]! << 8) | jpeg[pos + 3]!;
    if (marker === 0xda) break; // start of scan: the rest is the picture
    if (length < 2 || pos + 2 + length > jpeg.length) return jpeg;
    const drop = (marker >= 0xe1 && marker <= 0xed) || marker === 0xef || marker === 0xfe;
    if (!drop) kept.push(jpeg.subarray(pos, pos + 2 + length));
    pos += 2 + length;
  }
  kept.push(jpeg.subarray(pos));
  return Buffer.concat(kept);
}

/**
 * A PDF as it is stored: `checkPdf` first, then a new document made of its pages only. The document
 * information (author, creator program, dates), the catalogue's XMP and everything outside the pages
 * stay behind; the pages and what they draw lose their own metadata streams, thumbnails and
 * application data, and JPEG pictures inside lose their Exif/XMP segments (a phone's scan of a
 * receipt carries where it was taken). A file the PDF library cannot read, or an encrypted one,
 * is refused as not a PDF (400) rather than stored unread.
 */
export async function cleanPdf(bytes: Buffer): Promise<Buffer> {
  await checkPdf(bytes);
  // Loaded on the first PDF, not at start-up (issue 23 item 5: pdf-lib is a large package that only
  // receipt uploads use).
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } = await import('pdf-lib');
  const metadataKeys = METADATA_KEY_NAMES.map((key) => PDFName.of(key));
  const dct = PDFName.of('DCTDecode');
  const filterKey = PDFName.of('Filter');
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    throw new AppError(400, 'upload.not_pdf', { extra: { reason: 'unreadable' }, cause: error });
  }
  if (source.getPageCount() === 0) throw notPdf('no_pages');
  const target = await PDFDocument.create({ updateMetadata: false });
  const pages = await target.copyPages(source, source.getPageIndices());
  for (const page of pages) target.addPage(page);
  for (const [ref, object] of target.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : null;
    if (!dict) continue;
    for (const key of metadataKeys) dict.delete(key);
    const filter = dict.get(filterKey);
    const onlyDct =
      filter === dct || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === dct);
    if (object instanceof PDFRawStream && onlyDct) {
      target.context.assign(ref, PDFRawStream.of(dict, stripJpegSegments(object.contents)));
    }
  }
  return Buffer.from(await target.save({ useObjectStreams: false, updateFieldAppearances: false }));
}
