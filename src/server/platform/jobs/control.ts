import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.ts';

/**
 * Local control of a running server. With PGlite only one process may open the data directory,
 * so `npm run jobs:run-due` cannot open the database while the server runs; it asks the server
 * instead. The server writes a fresh random secret to `$DATA_DIR/control.secret` (mode 0600: only
 * the account that runs the server can read it) and its port to `$DATA_DIR/control.json`; the CLI
 * presents the secret in `X-Tsunagari-Control`.
 */
export const CONTROL_HEADER = 'x-tsunagari-control';
export const CONTROL_SECRET_FILE = 'control.secret';
export const CONTROL_FILE = 'control.json';

export const ControlFileSchema = z.object({
  pid: z.number().int().positive(),
  port: z.number().int().min(1).max(65535),
  /** The address to connect to (loopback when the server listens on all interfaces). */
  host: z.string().min(1),
  /** Sent as Host when STAFF_HOSTS restricts staff paths to certain names. */
  hostHeader: z.string().optional(),
});
export type ControlFile = z.infer<typeof ControlFileSchema>;

/** The secret this process accepts; only the process that wrote the files can be controlled. */
let activeSecretDigest: Buffer | undefined;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function writePrivate(file: string, content: string): void {
  // Written aside and renamed, so a reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

function connectAddress(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1';
  if (listenHost === '::' || listenHost === '[::]') return '::1';
  return listenHost;
}

/**
 * Call once the server listens. Only with PGlite (on PostgreSQL the CLI opens the database itself,
 * and DATA_DIR may be read-only); returns false when nothing was written.
 */
export function writeControlFile(
  config: Pick<Config, 'dataDir' | 'databaseUrl' | 'host' | 'staffHosts'>,
  port: number,
): boolean {
  if (config.databaseUrl) return false;
  const secret = randomBytes(32).toString('base64url');
  writePrivate(path.join(config.dataDir, CONTROL_SECRET_FILE), `${secret}\n`);
  const control: ControlFile = {
    pid: process.pid,
    port,
    host: connectAddress(config.host),
    ...(config.staffHosts?.[0] ? { hostHeader: config.staffHosts[0] } : {}),
  };
  writePrivate(path.join(config.dataDir, CONTROL_FILE), `${JSON.stringify(control)}\n`);
  activeSecretDigest = digest(secret);
  return true;
}

/** On shutdown: the files only make sense while this process runs. */
export function removeControlFile(config: Pick<Config, 'dataDir'>): void {
  activeSecretDigest = undefined;
  for (const name of [CONTROL_FILE, CONTROL_SECRET_FILE]) {
    const file = path.join(config.dataDir, name);
    try {
      const owner =
        name === CONTROL_FILE
          ? ControlFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).pid
          : undefined;
      // Leave another process's files alone (a second server that failed to start must not remove them).
      if (owner !== undefined && owner !== process.pid) return;
      unlinkSync(file);
    } catch {
      // Already gone or unreadable: nothing to remove.
    }
  }
}

export function readControlFile(dataDir: string): ControlFile | undefined {
  const file = path.join(dataDir, CONTROL_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = ControlFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

export function readControlSecret(dataDir: string): string | undefined {
  try {
    return readFileSync(path.join(dataDir, CONTROL_SECRET_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Constant-time comparison (of digests, so the length of the secret does not leak either). */
export function controlSecretMatches(presented: string | string[] | undefined): boolean {
  if (!activeSecretDigest || typeof presented !== 'string' || presented.length === 0) return false;
  return timingSafeEqual(digest(presented), activeSecretDigest);
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const PROXY_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-forwarded-host'];

/**
 * A caller on this machine: loopback, or our own address when the server listens on a specific
 * interface. The raw socket address is used, never `request.ip` (which TRUST_PROXY lets a header
 * decide). A reverse proxy on the same host also connects from loopback, so requests carrying
 * proxy headers are refused as well; the secret remains the real check.
 */
export function isLocalCaller(request: FastifyRequest): boolean {
  if (PROXY_HEADERS.some((header) => request.headers[header] !== undefined)) return false;
  const remote = request.socket.remoteAddress ?? '';
  if (LOOPBACK.test(remote)) return true;
  return remote !== '' && remote === request.socket.localAddress;
}
