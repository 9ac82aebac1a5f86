import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import './messages.ts';

export type ReceivedFile = {
  /** The form field the file came in (e.g. `receipts`). */
  fieldname: string;
  /** Where the bytes are on disk until `cleanup()`. */
  path: string;
  size: number;
  /** sha256 (hex) of the bytes as sent. */
  sha256: string;
  /** Position among the received files (for `/body/<field>/<index>` pointers). */
  index: number;
};

export type ReceivedMultipart = {
  fields: Map<string, string>;
  files: ReceivedFile[];
  /** Reads one received file into memory (after the limits have been checked). */
  read(file: ReceivedFile): Promise<Buffer>;
  /** Removes the temporary files. Always call it (finally). */
  cleanup(): Promise<void>;
};

export type MultipartLimits = {
  maxFiles: number;
  maxFileBytes: number;
  maxFields: number;
  /** Bytes of one text field (default 256 KiB). */
  maxFieldBytes?: number;
};

const malformed = (cause?: unknown) => new AppError(400, 'upload.malformed', { cause });

/** @fastify/multipart's own limit errors, and busboy's plain Errors for a broken body. */
function toUploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'body_too_large', { cause: error });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', { cause: error });
  }
  // "Unexpected end of multipart data", "Multipart: Boundary not found", "The needle cannot have a
  // length bigger than 256", a client that hangs up…: the body is broken, not the server.
  return malformed(error);
}

/**
 * Receives a multipart/form-data body: every file part is streamed to a temporary file (hashing as it
 * goes), never held whole in memory, and refused with 413 the moment it passes `maxFileBytes`; text
 * fields are kept (each ≤ maxFieldBytes). Nothing touches the database here. A truncated body, a
 * missing or over-long boundary or any other broken framing answers 400 `upload.malformed`
 * (problem+json), never 500. The route's scope must register @fastify/multipart.
 */
export async function receiveMultipart(
  request: FastifyRequest,
  limits: MultipartLimits,
): Promise<ReceivedMultipart> {
  if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  const dir = await mkdtemp(path.join(tmpdir(), 'tsunagari-upload-'));
  const fields = new Map<string, string>();
  const files: ReceivedFile[] = [];
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const parts = request.parts({
      limits: {
        files: limits.maxFiles,
        fileSize: limits.maxFileBytes,
        fields: limits.maxFields,
        fieldSize: limits.maxFieldBytes ?? 256 * 1024,
        parts: limits.maxFiles + limits.maxFields,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw new AppError(413, 'body_too_large');
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      const target = path.join(dir, randomUUID());
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(part.file, meter, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      if (part.file.truncated) throw new AppError(413, 'body_too_large');
      if (size === 0) continue; // An empty file input sends an empty part.
      files.push({
        fieldname: part.fieldname,
        path: target,
        size,
        sha256: hash.digest('hex'),
        index: files.length,
      });
    }
  } catch (error) {
    await cleanup();
    throw toUploadError(error);
  }
  return { fields, files, read: (file) => readFile(file.path), cleanup };
}

/**
 * The one file of a single-file upload form (a CSV to import), whole: streamed to disk with the size
 * limit first (413 beyond), broken framing 400, no file a 400 pointing at `/body/<field>`.
 */
export async function receiveOneFile(
  request: FastifyRequest,
  options: { maxFileBytes: number; maxFields?: number; field?: string },
): Promise<Buffer> {
  const received = await receiveMultipart(request, {
    maxFiles: 1,
    maxFileBytes: options.maxFileBytes,
    maxFields: options.maxFields ?? 5,
  });
  try {
    const [file] = received.files;
    if (!file)
      throw new AppError(400, 'validation_failed', {
        errors: [
          {
            pointer: `/body/${options.field ?? 'file'}`,
            message: { ja: 'ファイルを選んでください', en: 'choose a file' },
          },
        ],
      });
    return await received.read(file);
  } finally {
    await received.cleanup();
  }
}
