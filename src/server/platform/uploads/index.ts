/**
 * The upload platform: every file a client sends goes through here. Receive (multipart streamed to
 * disk with limits, before any database work) → pass the gate (bounded concurrency, 503 beyond) →
 * sniff the type from the bytes → re-encode images / check and rewrite PDFs → then the module's own transaction.
 */
export {
  MAX_IMAGE_PIXELS,
  MAX_STORED_EDGE,
  type ReencodedImage,
  reencodeImage,
  STORED_JPEG_QUALITY,
} from './images.ts';
export {
  refuseWhenGateFull,
  Semaphore,
  throughUploadGate,
  UPLOAD_RETRY_AFTER_SECONDS,
  UploadBusyError,
  uploadGate,
} from './limiter.ts';
export {
  type MultipartLimits,
  type ReceivedFile,
  type ReceivedMultipart,
  receiveMultipart,
  receiveOneFile,
} from './multipart.ts';
export { checkPdf, cleanPdf } from './pdf.ts';
export { type SniffedType, sniffUpload } from './sniff.ts';
