import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { ROLES, type Role } from '../../../shared/roles.ts';
import type { Actor } from '../access/actor.ts';
import type { Config } from '../config.ts';
import { type Database, rows, type Tx } from '../db/client.ts';
import { asSystem } from '../db/tenant.ts';
import { AppError } from '../errors.ts';
import { sessions } from './auth.tables.ts';
import { type MfaMethod, type MfaState, mfaState } from './mfa-policy.ts';
import { csrfTokenFor, isWellFormedToken, randomToken, sha256Hex } from './tokens.ts';

/**
 * Server-side sessions. The browser holds a random 32-byte token in an HttpOnly cookie; the database
 * holds its sha256. Every request re-reads the session *and* the account (status, roles, factors), so
 * disabling an account or revoking a session takes effect on the very next request.
 */
export const SESSION_COOKIE = 'tsunagari_session';
/**
 * The name used when the app is served over https (PUBLIC_URL). Browsers accept a `__Host-` cookie only
 * with Secure, Path=/ and no Domain, and no other page can set or shadow it: a sibling subdomain or a
 * plain-http page on the same host cannot plant a session (fixation). Plain http (the localhost demo,
 * tests) cannot use the prefix, so it keeps the plain name.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function sessionCookieName(secureCookies: boolean): string {
  return secureCookies ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}
/** last_seen_at is written at most this often: one write per minute per active session, not per request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export type SessionTimeouts = { idleMs: number; absoluteMs: number };

export function sessionTimeouts(
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>,
): SessionTimeouts {
  return { idleMs: config.sessionIdleMinutes * 60_000, absoluteMs: config.sessionAbsoluteHours * 3_600_000 };
}

export type SessionRole = { role: Role; tenant: string | null };

/** Everything known about the caller's session after it has been checked. */
export type ResolvedSession = {
  /** sha256 of the cookie value: the row key. Server-side only; never shown or logged. */
  hash: string;
  publicId: string;
  accountId: string;
  email: string;
  displayName: string;
  scope: Actor['scope'];
  tenant: string | null;
  roles: SessionRole[];
  isDemo: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  idleExpiresAt: Date;
  mfa: MfaState;
  csrfToken: string;
};

type SessionRow = {
  id: string;
  public_id: string;
  account_id: string;
  created_at: string | Date;
  last_seen_at: string | Date;
  absolute_expires_at: string | Date;
  mfa_passed_at: string | Date | null;
  email: string;
  display_name: string;
  scope: Actor['scope'];
  tenant_code: string | null;
  is_demo: boolean;
  roles: string | Array<{ role: string; tenant: string | null }>;
  tenant_requires_mfa: boolean | null;
  has_totp: boolean;
  has_passkey: boolean;
  unused_recovery_codes: number | string;
};

const KNOWN_ROLES: readonly string[] = ROLES;

/**
 * Looks a session up by its cookie value (as the system role: no tenant is known before this), checks
 * the idle and absolute limits against `now`, and marks it seen (at most once a minute).
 * Null for anything that is not a live session of an active account.
 */
export async function resolveSession(
  db: Database,
  token: string | undefined,
  now: Date,
  timeouts: SessionTimeouts,
): Promise<ResolvedSession | null> {
  if (!isWellFormedToken(token)) return null;
  const hash = sha256Hex(token);
  const at = now.toISOString();
  const idleCutoff = new Date(now.getTime() - timeouts.idleMs).toISOString();
  return asSystem(db, async (tx) => {
    const [row] = await rows<SessionRow>(
      tx,
      sql`select s.id, s.public_id, s.account_id, s.created_at, s.last_seen_at, s.absolute_expires_at, s.mfa_passed_at,
                 a.email, a.display_name, a.scope, a.tenant_code, a.is_demo,
                 coalesce((select json_agg(json_build_object('role', r.role, 'tenant', r.tenant_code) order by r.role)
                           from account_roles r where r.account_id = a.id), '[]'::json) as roles,
                 (select tp.mfa_required_for_personal_data from tenant_profiles tp
                   where tp.municipality_code = a.tenant_code) as tenant_requires_mfa,
                 exists (select 1 from totp_credentials t where t.account_id = a.id and t.confirmed_at is not null) as has_totp,
                 exists (select 1 from passkey_credentials p where p.account_id = a.id) as has_passkey,
                 (select count(*) from recovery_codes c where c.account_id = a.id and c.used_at is null) as unused_recovery_codes
            from sessions s
            join accounts a on a.id = s.account_id
           where s.id = ${hash}
             and s.revoked_at is null
             and a.status = 'active'
             and s.absolute_expires_at > ${at}::timestamptz
             and s.last_seen_at > ${idleCutoff}::timestamptz`,
    );
    if (!row) return null;
    let lastSeenAt = new Date(row.last_seen_at);
    if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, hash));
      lastSeenAt = now;
    }
    const rawRoles =
      typeof row.roles === 'string' ? (JSON.parse(row.roles) as SessionRow['roles']) : row.roles;
    const roles = (rawRoles as Array<{ role: string; tenant: string | null }>)
      .filter((r) => KNOWN_ROLES.includes(r.role))
      .map((r) => ({ role: r.role as Role, tenant: r.tenant }));
    const absoluteExpiresAt = new Date(row.absolute_expires_at);
    const idleExpiresAt = new Date(
      Math.min(lastSeenAt.getTime() + timeouts.idleMs, absoluteExpiresAt.getTime()),
    );
    return {
      hash,
      publicId: row.public_id,
      accountId: row.account_id,
      email: row.email,
      displayName: row.display_name,
      scope: row.scope,
      tenant: row.tenant_code,
      roles,
      isDemo: row.is_demo,
      createdAt: new Date(row.created_at),
      lastSeenAt,
      absoluteExpiresAt,
      idleExpiresAt,
      mfa: mfaState({
        scope: row.scope,
        roles: roles.map((r) => r.role),
        tenantRequiresMfa: row.tenant_requires_mfa,
        isDemo: row.is_demo,
        hasTotp: row.has_totp,
        hasPasskey: row.has_passkey,
        unusedRecoveryCodes: Number(row.unused_recovery_codes),
        sessionMfaPassed: row.mfa_passed_at !== null,
      }),
      csrfToken: csrfTokenFor(token),
    };
  });
}

export function actorFromSession(session: ResolvedSession): Actor {
  return {
    accountId: session.accountId,
    sessionId: session.publicId,
    email: session.email,
    displayName: session.displayName,
    scope: session.scope,
    tenant: session.tenant,
    roles: session.roles.map((r) => r.role),
    mfaSatisfied: session.mfa.satisfied,
    mfaEnrolmentRequired: session.mfa.enrolmentRequired,
  };
}

export type NewSession = {
  token: string;
  hash: string;
  publicId: string;
  csrfToken: string;
  absoluteExpiresAt: Date;
};

/** A fresh session (login). Runs in the account's tenant transaction. */
export async function createSession(
  tx: Tx,
  input: {
    accountId: string;
    tenantCode: string | null;
    now: Date;
    timeouts: SessionTimeouts;
    userAgentLabel: string;
  },
): Promise<NewSession> {
  const token = randomToken();
  const hash = sha256Hex(token);
  const absoluteExpiresAt = new Date(input.now.getTime() + input.timeouts.absoluteMs);
  const [inserted] = await tx
    .insert(sessions)
    .values({
      id: hash,
      accountId: input.accountId,
      tenantCode: input.tenantCode,
      createdAt: input.now,
      lastSeenAt: input.now,
      absoluteExpiresAt,
      userAgentLabel: input.userAgentLabel,
    })
    .returning({ publicId: sessions.publicId });
  return { token, hash, publicId: inserted!.publicId, csrfToken: csrfTokenFor(token), absoluteExpiresAt };
}

/**
 * Records a passed second factor and gives the session a new cookie value: a token seen before the
 * privilege change (e.g. on a shared PC) does not carry the new privilege. Returns the new token.
 */
export async function elevateSession(
  tx: Tx,
  sessionHash: string,
  method: MfaMethod,
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const updated = await tx
    .update(sessions)
    .set({ id: sha256Hex(token), mfaPassedAt: now, mfaMethod: method })
    .where(and(eq(sessions.id, sessionHash), isNull(sessions.revokedAt)))
    .returning({ publicId: sessions.publicId });
  // A concurrent request rotated or revoked it first: this cookie is stale (the transaction rolls back).
  if (updated.length !== 1) throw new AppError(401, 'unauthenticated');
  return { token, csrfToken: csrfTokenFor(token) };
}

/** New cookie value for the same session (after a password change), keeping its MFA state. */
export async function rotateSessionToken(
  tx: Tx,
  sessionHash: string,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const updated = await tx
    .update(sessions)
    .set({ id: sha256Hex(token) })
    .where(and(eq(sessions.id, sessionHash), isNull(sessions.revokedAt)))
    .returning({ publicId: sessions.publicId });
  if (updated.length !== 1) throw new AppError(401, 'unauthenticated');
  return { token, csrfToken: csrfTokenFor(token) };
}

/** Revokes the session a cookie names, whoever it belongs to (a new login on the same browser). */
export async function revokeSessionByToken(
  db: Database,
  token: string | undefined,
  now: Date,
  reason: string,
): Promise<void> {
  if (!isWellFormedToken(token)) return;
  await asSystem(db, (tx) =>
    tx
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(eq(sessions.id, sha256Hex(token)), isNull(sessions.revokedAt))),
  );
}

/** Revokes one session of an account by its public id; false when there is no such live session. */
export async function revokeSession(
  tx: Tx,
  accountId: string,
  publicId: string,
  now: Date,
  reason: string,
): Promise<boolean> {
  const updated = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(eq(sessions.accountId, accountId), eq(sessions.publicId, publicId), isNull(sessions.revokedAt)),
    )
    .returning({ publicId: sessions.publicId });
  return updated.length === 1;
}

/**
 * Ends every session of an account at once (account disabled, password reset, "log out everywhere").
 * Run it in a transaction that can see the account's rows (its tenant's, or the system's).
 * `at` defaults to the database's time; pass the business clock's `now()` where you have it.
 * Returns how many sessions were ended.
 */
export async function revokeAllSessions(
  tx: Tx,
  accountId: string,
  options: { at?: Date; reason?: string; exceptPublicId?: string } = {},
): Promise<number> {
  const conditions = [eq(sessions.accountId, accountId), isNull(sessions.revokedAt)];
  if (options.exceptPublicId) conditions.push(ne(sessions.publicId, options.exceptPublicId));
  const updated = await tx
    .update(sessions)
    .set({ revokedAt: options.at ?? sql`now()`, revokedReason: options.reason ?? 'revoked' })
    .where(and(...conditions))
    .returning({ publicId: sessions.publicId });
  return updated.length;
}

export type SessionListItem = {
  id: string;
  label: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
  mfaPassed: boolean;
};

/** The account's live sessions, most recently used first. */
export async function listSessions(
  tx: Tx,
  accountId: string,
  now: Date,
  timeouts: SessionTimeouts,
  currentPublicId: string,
): Promise<SessionListItem[]> {
  const found = await tx
    .select({
      publicId: sessions.publicId,
      label: sessions.userAgentLabel,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      mfaPassedAt: sessions.mfaPassedAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.accountId, accountId),
        isNull(sessions.revokedAt),
        gt(sessions.absoluteExpiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - timeouts.idleMs)),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(200);
  return found.map((s) => ({
    id: s.publicId,
    label: s.label,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.publicId === currentPublicId,
    mfaPassed: s.mfaPassedAt !== null,
  }));
}

/** Deletes sessions that ended long ago (for a periodic job); revoked rows are kept a while for support. */
export async function pruneSessions(db: Database, now: Date, keepMs = 30 * 24 * 3_600_000): Promise<void> {
  const cutoff = new Date(now.getTime() - keepMs).toISOString();
  await asSystem(db, (tx) =>
    tx.execute(sql`delete from sessions where absolute_expires_at < ${cutoff}::timestamptz`),
  );
}
