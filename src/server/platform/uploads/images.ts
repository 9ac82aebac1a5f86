import type { Metadata } from 'sharp';
import { AppError } from '../errors.ts';
import { lazyOnce } from '../lazy.ts';
import './messages.ts';

/** Images are decoded only up to this many pixels (a 20000×20000 PNG of 48 KB would need 400 MP). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * Stored pictures are at most this many pixels on the long edge: a receipt or a document photo stays
 * legible at 2000 px, and a 12-megapixel phone photo shrinks from several MB to a few hundred KB.
 * Stored bytes are what costs most on the embedded database (issue 19: uploads stalled PGlite).
 */
export const MAX_STORED_EDGE = 2000;
/** JPEG quality of stored photos: text on a receipt stays readable, the file stays small. */
export const STORED_JPEG_QUALITY = 80;

/**
 * sharp (libvips, a native library), loaded by the first image upload: loading it was ~0.08 s of
 * every start-up (issue 23: ≤ 2 s to a healthy /healthz). libvips keeps no cache of decoded images
 * between uploads: memory goes back after each one.
 */
const loadSharp = lazyOnce(async () => {
  const { default: sharp } = await import('sharp');
  sharp.cache(false);
  return sharp;
});

export type ReencodedImage = {
  bytes: Buffer;
  mediaType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
};

const invalid = (cause?: unknown) => new AppError(400, 'upload.image_invalid', { cause });
const tooLarge = () => new AppError(413, 'upload.image_too_large');

/**
 * Decodes an uploaded picture and encodes its pixels anew, so that nothing else survives: no Exif
 * (GPS, camera, time), XMP, IPTC, comments, ICC profile, PNG text or private chunks, no second
 * picture appended after the first (phones' multi-picture files), nothing hidden after the scan
 * data. The Exif orientation is applied to the pixels first, so a photo taken sideways shows upright.
 * Larger pictures are then scaled down to MAX_STORED_EDGE on the long edge (never up), and JPEGs are
 * written at STORED_JPEG_QUALITY.
 *
 * The header is read first and an image over MAX_IMAGE_PIXELS is refused (413) before any pixel is
 * decoded; the decoder itself is bounded by the same limit. A file that is not a JPEG, PNG or WebP,
 * or that does not decode completely, is refused (400). JPEG and WebP come out as JPEG, PNG as PNG
 * (drawings and screenshots stay sharp). Runs on libvips' threads, not the event loop; callers bound
 * how many run at once (uploads/limiter.ts).
 */
export async function reencodeImage(input: Buffer): Promise<ReencodedImage> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch (error) {
    throw invalid(error);
  }
  const format = meta.format;
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') throw invalid();
  if (!meta.width || !meta.height) throw invalid();
  if ((meta.pages ?? 1) > 1 && format !== 'webp') throw invalid();
  if (meta.width * meta.height > MAX_IMAGE_PIXELS) throw tooLarge();

  const pipeline = sharp(input, {
    limitInputPixels: MAX_IMAGE_PIXELS,
    // A truncated or corrupt file is refused rather than stored half grey.
    failOn: 'truncated',
    sequentialRead: true,
    pages: 1,
  })
    .rotate()
    // After rotate(), so the long edge is measured as the picture is shown.
    .resize({
      width: MAX_STORED_EDGE,
      height: MAX_STORED_EDGE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    // Pixels only: sRGB, no profile, no metadata (sharp writes none unless asked to keep it).
    .toColourspace('srgb');
  try {
    const { data, info } =
      format === 'png'
        ? await pipeline
            .png({ compressionLevel: 6, adaptiveFiltering: false })
            .toBuffer({ resolveWithObject: true })
        : await pipeline
            .flatten({ background: '#ffffff' })
            .jpeg({ quality: STORED_JPEG_QUALITY, chromaSubsampling: '4:2:0', mozjpeg: false })
            .toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      mediaType: format === 'png' ? 'image/png' : 'image/jpeg',
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooLarge();
    throw invalid(error);
  }
}
