import { AppError } from '../errors.ts';
import './messages.ts';

/** Seconds a refused client is asked to wait (the `Retry-After` header of the 503). */
export const UPLOAD_RETRY_AFTER_SECONDS = 5;

export class UploadBusyError extends AppError {
  constructor() {
    super(503, 'upload.busy', { extra: { retryAfter: UPLOAD_RETRY_AFTER_SECONDS } });
  }
}

/**
 * A counting semaphore with a bounded queue. At most `concurrency` jobs run at once; up to
 * `queueLimit` more wait in order; anything beyond is refused at once with UploadBusyError (503 with
 * Retry-After) instead of piling up memory and stalling everyone else.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  readonly concurrency: number;
  readonly queueLimit: number;

  constructor(concurrency: number, queueLimit: number) {
    this.concurrency = concurrency;
    this.queueLimit = queueLimit;
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Takes a slot (waiting in turn) or throws UploadBusyError when the queue is full. */
  async acquire(): Promise<() => void> {
    if (this.running < this.concurrency) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.queueLimit) throw new UploadBusyError();
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.releaser();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    };
  }
}

/**
 * The one gate every upload passes through, for the whole process: two uploads are received and
 * processed at once, eight more wait. Holding the slot from the first byte of the body to the end of
 * the re-encode bounds the disk, memory and CPU one client can take.
 */
export const uploadGate = new Semaphore(2, 8);

/**
 * Runs upload processing through the gate for one request: refused at once (before the body is even
 * read, when `early`) if the gate is full, and the 503 carries `Retry-After`.
 */
export async function throughUploadGate<T>(
  reply: { header(name: string, value: string): unknown },
  work: () => Promise<T>,
  gate: Semaphore = uploadGate,
): Promise<T> {
  try {
    return await gate.run(work);
  } catch (error) {
    if (error instanceof UploadBusyError) reply.header('retry-after', String(UPLOAD_RETRY_AFTER_SECONDS));
    throw error;
  }
}

/** Refuses at once when no slot and no queue place is free, so a full gate reads no body at all. */
export function refuseWhenGateFull(
  reply: { header(name: string, value: string): unknown },
  gate: Semaphore = uploadGate,
): void {
  if (gate.active >= gate.concurrency && gate.queued >= gate.queueLimit) {
    reply.header('retry-after', String(UPLOAD_RETRY_AFTER_SECONDS));
    throw new UploadBusyError();
  }
}
