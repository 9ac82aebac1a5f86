import { and, eq } from 'drizzle-orm';
import { hashPassword, passwordNeedsRehash } from '../../platform/auth/password.ts';
import type { Tx } from '../../platform/db/client.ts';
import { accounts } from './accounts.tables.ts';

/*
 * The account rows sign-in and the password pages read and write. These look an account up by its
 * own id (the session's) or, before any tenant is known, by e-mail as the system role; row-level
 * security is not what keeps them to one account, the id is, so no tenant filter is added here.
 */

/** E-mail addresses are stored lower-cased; full-width characters from a Japanese IME are folded. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** The account signing in with this (normalised) address; run as the system role, by design. */
export async function findSignInAccount(tx: Tx, email: string) {
  const [account] = await tx
    .select({
      id: accounts.id,
      passwordHash: accounts.passwordHash,
      status: accounts.status,
      tenantCode: accounts.tenantCode,
    })
    .from(accounts)
    // An account created with an address another tenant's account uses never signs in.
    .where(and(eq(accounts.email, email), eq(accounts.emailInUseElsewhere, false)));
  return account;
}

/** After a successful sign-in, a hash made with older parameters is replaced by a current one. */
export async function rehashPasswordIfNeeded(
  tx: Tx,
  account: { id: string; passwordHash: string | null },
  password: string,
): Promise<void> {
  if (!account.passwordHash || !passwordNeedsRehash(account.passwordHash)) return;
  await tx
    .update(accounts)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(accounts.id, account.id));
}

/** The signed-in account's password hash (null when it has none yet). */
export async function passwordHashOf(tx: Tx, accountId: string): Promise<string | null> {
  const [account] = await tx
    .select({ passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return account?.passwordHash ?? null;
}

export async function storeNewPassword(
  tx: Tx,
  accountId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await tx.update(accounts).set({ passwordHash, passwordChangedAt: now }).where(eq(accounts.id, accountId));
}
