import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Settings come from the environment only (ARCHITECTURE "Contract"); nothing else configures the server. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  DATA_KEY: z.string().optional(),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.string().optional(),
  TSUNAGARI_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  STAFF_HOSTS: z.string().optional(),
  TSUNAGARI_CLOCK: z.iso.datetime({ offset: true }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  SMTP_URL: z.string().optional(),
  AUDIT_HEAD_DIR: z.string().min(1).optional(),
});

export type DataKey = { id: string; key: Buffer };

export type Config = {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Active key first; older keys stay for decryption until `keys:rotate` has run. */
  dataKeys: DataKey[];
  publicUrl: string;
  secureCookies: boolean;
  trustProxy: boolean | string;
  demo: boolean;
  staffHosts: string[] | undefined;
  clock: Date | undefined;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  smtpUrl: string | undefined;
  /** Where the audit chain heads are exported: keep it where database administrators cannot rewrite it. */
  auditHeadDir: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * DATA_KEY holds one or more `id:base64key` pairs separated by commas, newest first
 * (e.g. `k2:…,k1:…`), so that keys can rotate without downtime. A bare base64 key is id `k1`.
 */
export function parseDataKeys(raw: string): DataKey[] {
  const keys = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [id, b64] = part.includes(':') ? (part.split(':', 2) as [string, string]) : ['k1', part];
      const key = Buffer.from(b64, 'base64');
      if (key.length !== 32)
        throw new ConfigError(`DATA_KEY "${id}" must be 32 bytes in base64 (got ${key.length}).`);
      if (!/^[A-Za-z0-9_-]{1,16}$/.test(id))
        throw new ConfigError(`DATA_KEY id "${id}" must be 1–16 of A–Z a–z 0–9 _ -.`);
      return { id, key };
    });
  if (keys.length === 0) throw new ConfigError('DATA_KEY is empty.');
  return keys;
}

function developmentKey(dataDir: string): string {
  const file = path.join(dataDir, 'data.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = `dev1:${randomBytes(32).toString('base64')}`;
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);

  if (isProduction) {
    if (!e.DATA_KEY)
      throw new ConfigError('DATA_KEY is required in production (see README "Configuration").');
    if (e.TSUNAGARI_CLOCK)
      throw new ConfigError('TSUNAGARI_CLOCK is for tests and demos; it is refused in production.');
    if (e.TSUNAGARI_DEMO === 'on') throw new ConfigError('TSUNAGARI_DEMO=on is refused in production.');
    if (!e.PUBLIC_URL) throw new ConfigError('PUBLIC_URL is required in production.');
    const url = new URL(e.PUBLIC_URL);
    if (url.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(url.hostname)) {
      throw new ConfigError('PUBLIC_URL must be https in production: session cookies need the Secure flag.');
    }
  }

  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  const demo = isProduction
    ? false
    : e.TSUNAGARI_DEMO === 'on' || (e.TSUNAGARI_DEMO === 'auto' && !e.DATABASE_URL);

  let trustProxy: boolean | string = false;
  if (e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1') trustProxy = true;
  else if (e.TRUST_PROXY && e.TRUST_PROXY !== 'false' && e.TRUST_PROXY !== '0') trustProxy = e.TRUST_PROXY;

  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    dataKeys: parseDataKeys(e.DATA_KEY ?? developmentKey(dataDir)),
    publicUrl,
    secureCookies: new URL(publicUrl).protocol === 'https:',
    trustProxy,
    demo,
    staffHosts: e.STAFF_HOSTS?.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    clock: e.TSUNAGARI_CLOCK ? new Date(e.TSUNAGARI_CLOCK) : undefined,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    smtpUrl: e.SMTP_URL,
    auditHeadDir: path.resolve(e.AUDIT_HEAD_DIR ?? path.join(dataDir, 'audit-heads')),
  };
}
