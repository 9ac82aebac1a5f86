import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { type Database, rows, type Tx } from '../db/client.ts';
import { asSystem, inTransaction } from '../db/tenant.ts';
import { AppError, notFound } from '../errors.ts';
import { accounts, passwordResetTokens } from './auth.tables.ts';
import { factorSummary, hasSecondFactor } from './mfa.ts';
import { assertPasswordPolicy, hashPassword } from './password.ts';
import { revokeAllSessions } from './sessions.ts';
import { loginThrottleSubject, recordSuccess } from './throttle.ts';
import { isWellFormedToken, randomToken, sha256Hex } from './tokens.ts';
import './messages.ts';

export const PASSWORD_RESET_TTL_MS = 24 * 3_600_000;

/**
 * Issues a password-reset token for an account the administrator's transaction can see (row-level
 * security: its own tenant). Only the token's sha256 is stored; earlier unused tokens of the account
 * stop working. Send the raw token in a link, preferably in the URL fragment
 * (`${publicUrl}/password-reset#token=…`) so it stays out of server logs and Referer headers.
 */
export async function createPasswordResetToken(tx: Tx, accountId: string, clock: Clock): Promise<string> {
  const now = clock.now();
  const [account] = await tx
    .select({ id: accounts.id, tenantCode: accounts.tenantCode })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account) throw notFound();
  await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.accountId, accountId));
  const token = randomToken();
  await tx.insert(passwordResetTokens).values({
    tokenHash: sha256Hex(token),
    accountId,
    tenantCode: account.tenantCode,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
  });
  return token;
}

const invalidLink = () => new AppError(400, 'password_reset_invalid');

/**
 * Sets a new password with a reset token: single use, within 24 hours, active accounts only. Every
 * session of the account ends. Whatever is wrong with the token, the answer is the same
 * "invalid or expired" (it must not tell whether the token ever belonged to anyone).
 */
export async function resetPasswordWithToken(
  db: Database,
  config: Pick<Config, 'dataKeys'>,
  input: {
    token: string;
    newPassword: string;
    now: Date;
    /** Runs inside the transaction that sets the password (for the audit entry). */
    within?: (tx: Tx, account: { accountId: string; tenantCode: string | null }) => Promise<void>;
  },
): Promise<{ accountId: string; tenantCode: string | null }> {
  if (!isWellFormedToken(input.token)) throw invalidLink();
  const tokenHash = sha256Hex(input.token);
  const at = input.now.toISOString();
  // The tenant is unknown until the token is found: this one lookup runs as the system role.
  const [found] = await asSystem(db, (tx) =>
    rows<{ account_id: string; tenant_code: string | null; email: string }>(
      tx,
      sql`select t.account_id, t.tenant_code, a.email
            from password_reset_tokens t join accounts a on a.id = t.account_id
           where t.token_hash = ${tokenHash} and t.used_at is null and t.expires_at > ${at}::timestamptz
             and a.status = 'active'`,
    ),
  );
  if (!found) throw invalidLink();

  const result = await inTransaction(db, { tenant: found.tenant_code }, async (tx) => {
    const factors = await factorSummary(tx, found.account_id);
    assertPasswordPolicy(
      input.newPassword,
      { hasMfa: hasSecondFactor(factors), email: found.email },
      '/body/newPassword',
    );
    const consumed = await tx
      .update(passwordResetTokens)
      .set({ usedAt: input.now })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt)))
      .returning({ accountId: passwordResetTokens.accountId });
    if (consumed.length !== 1) throw invalidLink();
    await tx
      .update(accounts)
      .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: input.now })
      .where(eq(accounts.id, found.account_id));
    await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.accountId, found.account_id));
    await revokeAllSessions(tx, found.account_id, { at: input.now, reason: 'password_reset' });
    await input.within?.(tx, { accountId: found.account_id, tenantCode: found.tenant_code });
    return { accountId: found.account_id, tenantCode: found.tenant_code };
  });
  // The person proved control of the account: earlier failed logins no longer count against it.
  await recordSuccess(db, loginThrottleSubject(found.email, config.dataKeys));
  return result;
}
