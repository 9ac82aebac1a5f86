import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { and, asc, eq } from 'drizzle-orm';
import type { Config } from '../config.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { passkeyCredentials, sessions } from './auth.tables.ts';
import './messages.ts';

/**
 * Passkeys (WebAuthn) as a second factor, with @simplewebauthn/server. The relying party is the
 * deployment's PUBLIC_URL: its host name is the RP ID and its origin the only accepted origin.
 * Challenges live on the session row, are single use and expire after 5 minutes.
 */
export const PASSKEY_CHALLENGE_MS = 5 * 60_000;
export const RP_NAME = 'つながり';

/**
 * The WebAuthn library, loaded on first use: with its ASN.1 and X.509 packages it was ~0.1 s of
 * every start-up (issue 23: ≤ 2 s to a healthy /healthz), for a second factor used at sign-in only.
 */
const webauthn = () => import('@simplewebauthn/server');

export function relyingParty(config: Pick<Config, 'publicUrl'>): { rpID: string; origin: string } {
  const url = new URL(config.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

async function storeChallenge(
  tx: Tx,
  sessionHash: string,
  purpose: 'register' | 'authenticate',
  challenge: string,
  now: Date,
): Promise<void> {
  await tx
    .update(sessions)
    .set({
      webauthnChallenge: challenge,
      webauthnChallengePurpose: purpose,
      webauthnChallengeExpiresAt: new Date(now.getTime() + PASSKEY_CHALLENGE_MS),
    })
    .where(eq(sessions.id, sessionHash));
}

/** Takes the pending challenge off the session (whatever happens next, it cannot be used twice). */
async function takeChallenge(
  tx: Tx,
  sessionHash: string,
  purpose: 'register' | 'authenticate',
  now: Date,
): Promise<string> {
  const [row] = await tx
    .select({
      challenge: sessions.webauthnChallenge,
      purpose: sessions.webauthnChallengePurpose,
      expiresAt: sessions.webauthnChallengeExpiresAt,
    })
    .from(sessions)
    .where(eq(sessions.id, sessionHash))
    .for('update');
  await tx
    .update(sessions)
    .set({ webauthnChallenge: null, webauthnChallengePurpose: null, webauthnChallengeExpiresAt: null })
    .where(eq(sessions.id, sessionHash));
  if (!row?.challenge || row.purpose !== purpose || !row.expiresAt || row.expiresAt <= now) {
    throw new AppError(400, 'passkey_challenge_missing');
  }
  return row.challenge;
}

/** The account's user handle for authenticators: the account uuid's 16 bytes (no personal data). */
function userHandle(accountId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(accountId.replace(/-/g, ''), 'hex'));
}

export type PasskeySummary = { id: string; label: string; createdAt: string; lastUsedAt: string | null };

export async function listPasskeys(tx: Tx, accountId: string): Promise<PasskeySummary[]> {
  const found = await tx
    .select()
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.accountId, accountId))
    .orderBy(asc(passkeyCredentials.createdAt));
  return found.map((p) => ({
    id: p.id,
    label: p.label,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function removePasskey(tx: Tx, accountId: string, id: string): Promise<boolean> {
  const removed = await tx
    .delete(passkeyCredentials)
    .where(and(eq(passkeyCredentials.accountId, accountId), eq(passkeyCredentials.id, id)))
    .returning({ id: passkeyCredentials.id });
  return removed.length === 1;
}

export async function passkeyRegistrationOptions(
  tx: Tx,
  input: {
    sessionHash: string;
    accountId: string;
    email: string;
    displayName: string;
    now: Date;
    config: Config;
  },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID } = relyingParty(input.config);
  const existing = await tx
    .select({ credentialId: passkeyCredentials.credentialId, transports: passkeyCredentials.transports })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.accountId, input.accountId));
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: input.email,
    userID: userHandle(input.accountId),
    userDisplayName: input.displayName,
    timeout: PASSKEY_CHALLENGE_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await storeChallenge(tx, input.sessionHash, 'register', options.challenge, input.now);
  return options;
}

export async function verifyPasskeyRegistration(
  tx: Tx,
  input: {
    sessionHash: string;
    accountId: string;
    tenantCode: string | null;
    response: RegistrationResponseJSON;
    label: string;
    now: Date;
    config: Config;
  },
): Promise<{ id: string }> {
  const expectedChallenge = await takeChallenge(tx, input.sessionHash, 'register', input.now);
  const { rpID, origin } = relyingParty(input.config);
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  const { verifyRegistrationResponse: verifyRegistration } = await webauthn();
  try {
    verification = await verifyRegistration({
      response: input.response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      // A second factor after the password: possession is the point, a PIN on the key is optional.
      requireUserVerification: false,
    });
  } catch (error) {
    throw new AppError(400, 'passkey_invalid', { cause: error });
  }
  if (!verification.verified) throw new AppError(400, 'passkey_invalid');
  const info = verification.registrationInfo;
  const [taken] = await tx
    .select({ id: passkeyCredentials.id })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.credentialId, info.credential.id));
  if (taken) throw new AppError(409, 'passkey_already_registered');
  const [inserted] = await tx
    .insert(passkeyCredentials)
    .values({
      accountId: input.accountId,
      tenantCode: input.tenantCode,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: info.credential.transports ?? input.response.response.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      label: input.label,
      createdAt: input.now,
    })
    .returning({ id: passkeyCredentials.id });
  return { id: inserted!.id };
}

export async function passkeyAuthenticationOptions(
  tx: Tx,
  input: { sessionHash: string; accountId: string; now: Date; config: Config },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const credentials = await tx
    .select({ credentialId: passkeyCredentials.credentialId, transports: passkeyCredentials.transports })
    .from(passkeyCredentials)
    .where(eq(passkeyCredentials.accountId, input.accountId));
  if (credentials.length === 0) throw new AppError(400, 'mfa_not_enrolled');
  const { generateAuthenticationOptions } = await webauthn();
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(input.config).rpID,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
    userVerification: 'preferred',
    timeout: PASSKEY_CHALLENGE_MS,
  });
  await storeChallenge(tx, input.sessionHash, 'authenticate', options.challenge, input.now);
  return options;
}

/** True when the response proves possession of one of this account's passkeys (its counter is updated). */
export async function verifyPasskeyAuthentication(
  tx: Tx,
  input: {
    sessionHash: string;
    accountId: string;
    response: AuthenticationResponseJSON;
    now: Date;
    config: Config;
  },
): Promise<boolean> {
  const expectedChallenge = await takeChallenge(tx, input.sessionHash, 'authenticate', input.now);
  const [credential] = await tx
    .select()
    .from(passkeyCredentials)
    .where(
      and(
        eq(passkeyCredentials.accountId, input.accountId),
        eq(passkeyCredentials.credentialId, input.response.id),
      ),
    );
  if (!credential) return false;
  const { rpID, origin } = relyingParty(input.config);
  const { verifyAuthenticationResponse } = await webauthn();
  try {
    const verification = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: credential.credentialId,
        publicKey: new Uint8Array(credential.publicKey),
        counter: credential.signCount,
        transports: credential.transports,
      },
      requireUserVerification: false,
    });
    if (!verification.verified) return false;
    await tx
      .update(passkeyCredentials)
      .set({
        signCount: verification.authenticationInfo.newCounter,
        backedUp: verification.authenticationInfo.credentialBackedUp,
        lastUsedAt: input.now,
      })
      .where(eq(passkeyCredentials.id, credential.id));
    return true;
  } catch {
    // A malformed response, a wrong signature or a counter that went backwards (a cloned key).
    return false;
  }
}
