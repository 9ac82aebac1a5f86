import { and, count, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DataKey } from '../config.ts';
import { decryptField, encryptField } from '../crypto/fields.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { passkeyCredentials, recoveryCodes, totpContext, totpCredentials } from './auth.tables.ts';
import { generateRecoveryCode, hashRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes.ts';
import { generateTotpSecret, matchTotp, otpauthUri } from './totp.ts';
import './messages.ts';

/** A TOTP set-up must be confirmed within this time, or started again. */
export const TOTP_PENDING_MS = 30 * 60_000;
export const TOTP_ISSUER = 'Tsunagari';

/** The encryption context binds a secret to its account: copied to another row, it does not decrypt. */

export type FactorSummary = { hasTotp: boolean; passkeys: number; unusedRecoveryCodes: number };

export async function factorSummary(tx: Tx, accountId: string): Promise<FactorSummary> {
  const [totp] = await tx
    .select({ n: count() })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, accountId), isNotNull(totpCredentials.confirmedAt)));
  const [passkeys] = await tx
    .select({ n: count() })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.accountId, accountId));
  const [codes] = await tx
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return { hasTotp: (totp?.n ?? 0) > 0, passkeys: passkeys?.n ?? 0, unusedRecoveryCodes: codes?.n ?? 0 };
}

export function hasSecondFactor(summary: FactorSummary): boolean {
  return summary.hasTotp || summary.passkeys > 0;
}

/** Starts (or restarts) a TOTP set-up: a new secret, pending until a code from it is confirmed. */
export async function beginTotpSetup(
  tx: Tx,
  input: { accountId: string; tenantCode: string | null; email: string; now: Date; keys: readonly DataKey[] },
): Promise<{ secret: string; otpauthUri: string }> {
  const [existing] = await tx
    .select({ confirmedAt: totpCredentials.confirmedAt })
    .from(totpCredentials)
    .where(eq(totpCredentials.accountId, input.accountId));
  if (existing?.confirmedAt) throw new AppError(409, 'totp_already_enrolled');
  const secret = generateTotpSecret();
  const values = {
    tenantCode: input.tenantCode,
    secretEncrypted: encryptField(secret, input.keys, totpContext(input.accountId)),
    confirmedAt: null,
    lastUsedStep: null,
    createdAt: input.now,
  };
  await tx
    .insert(totpCredentials)
    .values({ accountId: input.accountId, ...values })
    .onConflictDoUpdate({ target: totpCredentials.accountId, set: values });
  return { secret, otpauthUri: otpauthUri({ secret, accountName: input.email, issuer: TOTP_ISSUER }) };
}

export function invalidCode(): AppError {
  return new AppError(400, 'mfa_code_invalid', {
    errors: [
      {
        pointer: '/body/code',
        message: { ja: '確認コードが正しくありません。', en: 'The code is incorrect.' },
      },
    ],
  });
}

/** Confirms the pending set-up with a code from the app. False when the code does not match. */
export async function confirmTotpSetup(
  tx: Tx,
  input: { accountId: string; code: string; now: Date; keys: readonly DataKey[] },
): Promise<boolean> {
  const [pending] = await tx
    .select()
    .from(totpCredentials)
    .where(
      and(
        eq(totpCredentials.accountId, input.accountId),
        isNull(totpCredentials.confirmedAt),
        gt(totpCredentials.createdAt, new Date(input.now.getTime() - TOTP_PENDING_MS)),
      ),
    )
    .for('update');
  if (!pending) throw new AppError(409, 'totp_setup_missing');
  const secret = decryptField(pending.secretEncrypted, input.keys, totpContext(input.accountId));
  const step = matchTotp(secret, input.code, input.now, null);
  if (step === null) return false;
  await tx
    .update(totpCredentials)
    .set({ confirmedAt: input.now, lastUsedStep: step })
    .where(eq(totpCredentials.accountId, input.accountId));
  return true;
}

/**
 * Checks a code of the confirmed authenticator and consumes its time step atomically: the same code
 * (or an older one) is refused afterwards, even by a request running at the same moment.
 */
export async function verifyTotpCode(
  tx: Tx,
  input: { accountId: string; code: string; now: Date; keys: readonly DataKey[] },
): Promise<boolean> {
  const [credential] = await tx
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.accountId, input.accountId), isNotNull(totpCredentials.confirmedAt)));
  if (!credential) throw new AppError(400, 'mfa_not_enrolled');
  const secret = decryptField(credential.secretEncrypted, input.keys, totpContext(input.accountId));
  const step = matchTotp(secret, input.code, input.now, credential.lastUsedStep);
  if (step === null) return false;
  const consumed = await tx
    .update(totpCredentials)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(totpCredentials.accountId, input.accountId),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ accountId: totpCredentials.accountId });
  return consumed.length === 1;
}

export async function removeTotp(tx: Tx, accountId: string): Promise<void> {
  await tx.delete(totpCredentials).where(eq(totpCredentials.accountId, accountId));
}

/** Replaces every recovery code of the account with 10 new ones; the plain codes are returned once. */
export async function replaceRecoveryCodes(
  tx: Tx,
  input: { accountId: string; tenantCode: string | null; now: Date },
): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, input.accountId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await tx.insert(recoveryCodes).values(
    codes.map((code) => ({
      accountId: input.accountId,
      tenantCode: input.tenantCode,
      codeHash: hashRecoveryCode(code)!,
      createdAt: input.now,
    })),
  );
  return codes;
}

/** Uses up one recovery code; false when it is unknown or already used. */
export async function consumeRecoveryCode(
  tx: Tx,
  input: { accountId: string; code: string; now: Date },
): Promise<boolean> {
  const codeHash = hashRecoveryCode(input.code);
  if (!codeHash) return false;
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(recoveryCodes.accountId, input.accountId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

/** Recovery codes back up a factor; with no factor left they would be a factor of their own. */
export async function dropRecoveryCodesIfNoFactor(tx: Tx, accountId: string): Promise<void> {
  const summary = await factorSummary(tx, accountId);
  if (!hasSecondFactor(summary)) await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
}
