import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type AuditSigner, auditSignerFromSeed } from './audit/signing.ts';

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
  // Scale-out on PostgreSQL (issue 23, ADR 0022): app processes sharing the port, and a read replica.
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  READ_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'READ_DATABASE_URL must start with postgres://')
    .optional(),
  READ_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).default(5),
  DATABASE_SESSION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_SESSION_URL must start with postgres://')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.string().optional(),
  TSUNAGARI_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  STAFF_HOSTS: z.string().optional(),
  WEB_SOURCE_MAPS: z.enum(['true', 'false', '1', '0']).optional(),
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
  /** Ed25519 seed (32 bytes, base64) signing every exported audit head; never stored in the database. */
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  /** Where set, every head export is also mailed here through the outbox (e.g. the auditor). */
  AUDIT_ANCHOR_EMAIL: z.email().optional(),
  // 全銀 総合振込 paying account (issue 9). Demo defaults only outside production.
  ZENGIN_CONSIGNOR_CODE: z
    .string()
    .regex(/^\d{10}$/, 'ZENGIN_CONSIGNOR_CODE must be 10 digits')
    .optional(),
  ZENGIN_CONSIGNOR_NAME: z.string().min(1).max(40).optional(),
  ZENGIN_BANK_CODE: z
    .string()
    .regex(/^\d{4}$/, 'ZENGIN_BANK_CODE must be 4 digits')
    .optional(),
  ZENGIN_BANK_NAME: z.string().max(15).optional(),
  ZENGIN_BRANCH_CODE: z
    .string()
    .regex(/^\d{3}$/, 'ZENGIN_BRANCH_CODE must be 3 digits')
    .optional(),
  ZENGIN_BRANCH_NAME: z.string().max(15).optional(),
  ZENGIN_ACCOUNT_TYPE: z.enum(['1', '2', '4', '9']).optional(),
  ZENGIN_ACCOUNT_NUMBER: z
    .string()
    .regex(/^\d{7}$/, 'ZENGIN_ACCOUNT_NUMBER must be 7 digits')
    .optional(),
  ZENGIN_RECORD_SEPARATOR: z.enum(['crlf', 'none']).default('crlf'),
  // Small-count suppression of published statistics (issue 16): never below 5.
  /**
   * Map tiles under the place maps (issue 21 item 6): an XYZ template with {z}, {x} and {y}, or `off`.
   * Default: the GSI 地理院タイル (standard map). Without network the offline map stays as it was.
   */
  MAP_TILE_URL: z.string().trim().default('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png'),
  MAP_TILE_ATTRIBUTION: z.string().trim().max(200).default('地理院タイル'),
  MAP_TILE_ATTRIBUTION_URL: z.string().trim().default(''),
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(5).max(1000).default(10),
});

/** The paying account and consignor of 全銀 総合振込 files (BRIEF "Domain facts": configuration). */
export type ZenginConfig = {
  /** 委託者コード: assigned by the paying bank. */
  consignorCode: string;
  /** 委託者名 in the bank character set (half-width kana). */
  consignorName: string;
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  /** 預金種目: 1 普通, 2 当座, 4 貯蓄, 9 その他. */
  accountType: '1' | '2' | '4' | '9';
  accountNumber: string;
  /** Between records: CRLF (most banks' upload screens) or nothing (fixed-length transmission). */
  recordSeparator: 'crlf' | 'none';
};

/** Clearly fictional paying account for demos and tests; never used in production. */
const DEMO_ZENGIN: Omit<ZenginConfig, 'recordSeparator'> = {
  consignorCode: '0000000001',
  consignorName: 'ﾃﾞﾓｼ ﾌｸｼｶ',
  bankCode: '0001',
  bankName: 'ﾐｽﾞﾎ',
  branchCode: '001',
  branchName: 'ﾄｳｷﾖｳ',
  accountType: '1',
  accountNumber: '0000001',
};

function zenginConfig(e: z.infer<typeof EnvSchema>, isProduction: boolean): ZenginConfig | undefined {
  const keys = [
    e.ZENGIN_CONSIGNOR_CODE,
    e.ZENGIN_CONSIGNOR_NAME,
    e.ZENGIN_BANK_CODE,
    e.ZENGIN_BRANCH_CODE,
    e.ZENGIN_ACCOUNT_TYPE,
    e.ZENGIN_ACCOUNT_NUMBER,
  ];
  const given = keys.filter((k) => k !== undefined).length;
  if (given > 0 && given < keys.length) {
    throw new ConfigError(
      'ZENGIN_CONSIGNOR_CODE, ZENGIN_CONSIGNOR_NAME, ZENGIN_BANK_CODE, ZENGIN_BRANCH_CODE, ZENGIN_ACCOUNT_TYPE and ZENGIN_ACCOUNT_NUMBER are set together or not at all.',
    );
  }
  if (given === 0)
    return isProduction ? undefined : { ...DEMO_ZENGIN, recordSeparator: e.ZENGIN_RECORD_SEPARATOR };
  return {
    consignorCode: e.ZENGIN_CONSIGNOR_CODE as string,
    consignorName: e.ZENGIN_CONSIGNOR_NAME as string,
    bankCode: e.ZENGIN_BANK_CODE as string,
    bankName: e.ZENGIN_BANK_NAME ?? '',
    branchCode: e.ZENGIN_BRANCH_CODE as string,
    branchName: e.ZENGIN_BRANCH_NAME ?? '',
    accountType: e.ZENGIN_ACCOUNT_TYPE as ZenginConfig['accountType'],
    accountNumber: e.ZENGIN_ACCOUNT_NUMBER as string,
    recordSeparator: e.ZENGIN_RECORD_SEPARATOR,
  };
}

export type DataKey = { id: string; key: Buffer };

export type Config = {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** App processes sharing the port (node:cluster); more than one only on PostgreSQL. */
  workers: number;
  /** A streaming replica public read-only routes read from (PostgreSQL only). */
  readDatabaseUrl: string | undefined;
  /** Replica further behind than this → public reads go to the primary until it catches up. */
  readReplicaMaxLagSeconds: number;
  /** A direct (unpooled) connection for the job queue when DATABASE_URL is a transaction-mode pooler. */
  databaseSessionUrl: string | undefined;
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
  /** Signs exported heads (ADR 0014). Development: a key file `$DATA_DIR/audit-signing.key`, made when first used. */
  auditSigner: () => AuditSigner;
  /** External recipient of every head export (through the outbox), if any. */
  auditAnchorEmail: string | undefined;
  /** Unset in production until the ZENGIN_* keys are given: transfer files cannot be exported then. */
  zengin: ZenginConfig | undefined;
  /** Counts (and the n of means) below this are never published (platform/statistics/suppression.ts). */
  suppressionThreshold: number;
  /**
   * Development only: build the web app with source maps and serve `*.map` (WEB_SOURCE_MAPS). Off, no
   * `.map` is served even if one is on disk: maps publish the whole client source (ADR 0021).
   */
  webSourceMaps: boolean;
  /** Tiles under the place maps, or null (`MAP_TILE_URL=off`): the offline map only. */
  mapTiles: MapTiles | null;
};

export type MapTiles = {
  /** https (http only outside production) URL with {z}, {x} and {y}. */
  urlTemplate: string;
  /** The scheme, host and port the tiles come from: added to the CSP's img-src. */
  origin: string;
  attribution: string;
  attributionUrl: string | null;
};

const GSI_TILE_PREFIX = 'https://cyberjapandata.gsi.go.jp/';

export function mapTilesSetting(
  template: string,
  attribution: string,
  attributionUrl: string,
  isProduction: boolean,
): MapTiles | null {
  if (template === '' || template.toLowerCase() === 'off') return null;
  let url: URL;
  try {
    url = new URL(template.replace(/\{([zxy])\}/g, '0'));
  } catch {
    throw new ConfigError(`MAP_TILE_URL is not a URL: ${template}`);
  }
  if (!['{z}', '{x}', '{y}'].every((part) => template.includes(part)))
    throw new ConfigError('MAP_TILE_URL must contain {z}, {x} and {y} (or be `off`).');
  if (url.protocol !== 'https:' && (isProduction || url.protocol !== 'http:'))
    throw new ConfigError('MAP_TILE_URL must be https (http is allowed outside production only).');
  if (attributionUrl && !/^https?:\/\/\S+$/.test(attributionUrl))
    throw new ConfigError('MAP_TILE_ATTRIBUTION_URL must be an http(s) address.');
  if (!attribution)
    throw new ConfigError('MAP_TILE_ATTRIBUTION is required with map tiles (the terms of use ask for it).');
  return {
    urlTemplate: template,
    origin: url.origin,
    attribution,
    attributionUrl:
      attributionUrl ||
      (template.startsWith(GSI_TILE_PREFIX) ? 'https://maps.gsi.go.jp/development/ichiran.html' : null),
  };
}

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

/** A path inside (or equal to) another: `a/b` is inside `a`, `a-b` is not. */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function auditSignerSetting(value: string | undefined, dataDir: string): () => AuditSigner {
  let signer: AuditSigner | undefined;
  return () => {
    if (!signer) {
      let seed = value;
      if (!seed) {
        // Development only (production refuses to start without the setting): a file outside the database.
        const file = path.join(dataDir, 'audit-signing.key');
        if (existsSync(file)) seed = readFileSync(file, 'utf8').trim();
        else {
          mkdirSync(dataDir, { recursive: true });
          seed = randomBytes(32).toString('base64');
          writeFileSync(file, `${seed}\n`, { mode: 0o600 });
        }
      }
      signer = auditSignerFromSeed(Buffer.from(seed, 'base64'));
    }
    return signer;
  };
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
    if (!e.AUDIT_SIGNING_KEY)
      throw new ConfigError(
        'AUDIT_SIGNING_KEY is required in production: exported audit heads are signed with it (README "Operations").',
      );
    if (!e.AUDIT_HEAD_DIR)
      throw new ConfigError('AUDIT_HEAD_DIR is required in production: a directory outside DATA_DIR.');
    if (isInside(path.resolve(e.AUDIT_HEAD_DIR), dataDir))
      throw new ConfigError(
        'AUDIT_HEAD_DIR must be outside DATA_DIR in production: whoever can rewrite the database must not also rewrite its anchors.',
      );
    const url = new URL(e.PUBLIC_URL);
    if (url.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(url.hostname)) {
      throw new ConfigError('PUBLIC_URL must be https in production: session cookies need the Secure flag.');
    }
  }

  if (e.WORKERS > 1 && !e.DATABASE_URL)
    throw new ConfigError(
      `WORKERS=${e.WORKERS} needs PostgreSQL (DATABASE_URL): the embedded database (PGlite) lives inside one process and cannot be shared. Leave WORKERS unset (1) or set DATABASE_URL.\n` +
        'WORKERS を 2 以上にするには PostgreSQL（DATABASE_URL）が必要です。組み込みデータベース（PGlite）は 1 つのプロセスの中でしか動きません。',
    );
  if (e.READ_DATABASE_URL && !e.DATABASE_URL)
    throw new ConfigError(
      'READ_DATABASE_URL (a read replica) needs DATABASE_URL (its primary).\n' +
        'READ_DATABASE_URL（読み取り用レプリカ）には DATABASE_URL（プライマリ）の設定が必要です。',
    );

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
    workers: e.WORKERS,
    readDatabaseUrl: e.READ_DATABASE_URL,
    readReplicaMaxLagSeconds: e.READ_REPLICA_MAX_LAG_SECONDS,
    databaseSessionUrl: e.DATABASE_SESSION_URL,
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
    auditSigner: auditSignerSetting(e.AUDIT_SIGNING_KEY, dataDir),
    auditAnchorEmail: e.AUDIT_ANCHOR_EMAIL,
    suppressionThreshold: e.SUPPRESSION_THRESHOLD,
    webSourceMaps: !isProduction && (e.WEB_SOURCE_MAPS === 'true' || e.WEB_SOURCE_MAPS === '1'),
    mapTiles: mapTilesSetting(
      e.MAP_TILE_URL,
      e.MAP_TILE_ATTRIBUTION,
      e.MAP_TILE_ATTRIBUTION_URL,
      isProduction,
    ),
    zengin: zenginConfig(e, isProduction),
  };
}
