import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { accountRoles, accounts } from '../../src/server/modules/accounts/accounts.tables.ts';
import { hashPassword } from '../../src/server/platform/auth/password.ts';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../../src/server/platform/auth/sessions.ts';
import { asSystem } from '../../src/server/platform/db/tenant.ts';
import type { Role } from '../../src/shared/roles.ts';
import type { TestApp } from './app.ts';

export type LoggedIn = {
  /** `tsunagari_session=…`, for the Cookie header. */
  cookie: string;
  csrfToken: string;
  /** The response body of POST /api/auth/login. */
  body: {
    csrfToken: string;
    mfa: { required: boolean; enrolmentRequired: boolean; methods: string[] };
    account: { id: string; email: string; displayName: string };
  };
  /** Headers for a later request: the cookie and the CSRF token. */
  headers(): Record<string, string>;
};

let addressCounter = 0;
/**
 * Each login comes from its own loopback address (inject sends no traffic), so a test file that logs
 * in many times does not run into the per-address login rate limit. Tests of that limit set their own.
 */
function nextTestAddress(): string {
  addressCounter += 1;
  return `127.10.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

export function sessionCookieFrom(setCookie: string | string[] | undefined): string | null {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const header of all) {
    const [pair = ''] = header.split(';');
    const [name, value] = pair.split('=');
    // Plain over http, `__Host-` when the app is configured for https: return it as the browser sends it.
    const trimmed = name?.trim();
    if ((trimmed === SESSION_COOKIE || trimmed === SECURE_SESSION_COOKIE) && value)
      return `${trimmed}=${value}`;
  }
  return null;
}

/** Logs in through the real endpoint; throws with the status and body when it does not answer 200. */
export async function login(t: TestApp, email: string, password: string): Promise<LoggedIn> {
  const res = await t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: nextTestAddress(),
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieFrom(res.headers['set-cookie']);
  if (!cookie) throw new Error('login set no session cookie');
  const body = res.json() as LoggedIn['body'];
  const state: LoggedIn = {
    cookie,
    csrfToken: body.csrfToken,
    body,
    headers: () => ({ cookie: state.cookie, 'x-csrf-token': state.csrfToken }),
  };
  return state;
}

export type TestAccountInput = {
  email: string;
  password: string;
  displayName?: string;
  scope: 'national' | 'prefecture' | 'tenant';
  tenantCode: string | null;
  roles: Role[];
  isDemo?: boolean;
  status?: 'active' | 'disabled';
};

/** Inserts an account with its roles directly (a factory, not a mock: the real tables and hash). */
export async function createAccount(
  t: TestApp,
  input: TestAccountInput,
): Promise<{ id: string; email: string }> {
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return asSystem(t.db, async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({
        email,
        displayName: input.displayName ?? 'テスト職員',
        passwordHash,
        scope: input.scope,
        tenantCode: input.tenantCode,
        isDemo: input.isDemo ?? false,
        status: input.status ?? 'active',
      })
      .returning({ id: accounts.id });
    const id = row!.id;
    if (input.roles.length > 0) {
      await tx
        .insert(accountRoles)
        .values(input.roles.map((role) => ({ accountId: id, role, tenantCode: input.tenantCode })));
    }
    return { id, email };
  });
}

/** After a response that rotates the session (second factor, password change): take its new cookie and token. */
export function adoptRotation(
  state: LoggedIn,
  res: { headers: Record<string, unknown>; json(): unknown },
): void {
  const cookie = sessionCookieFrom(res.headers['set-cookie'] as string | string[] | undefined);
  if (cookie) state.cookie = cookie;
  const body = res.json() as { csrfToken?: string };
  if (body.csrfToken) state.csrfToken = body.csrfToken;
}

/**
 * A software WebAuthn authenticator (ES256, attestation "none") for tests: produces the JSON that
 * @simplewebauthn/browser would send, signed with a real P-256 key, so the server's verification runs
 * unchanged.
 */
export function softwareAuthenticator(origin: string) {
  const rpId = new URL(origin).hostname;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const credentialId = randomBytes(16);
  let signCount = 0;
  const rpIdHash = createHash('sha256').update(rpId).digest();
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  const clientData = (type: string, challenge: string, overrides: Record<string, unknown> = {}) =>
    Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false, ...overrides }));
  const counter = (n: number) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(n);
    return buffer;
  };

  return {
    credentialId: b64(credentialId),
    /** Answer to navigator.credentials.create() for the given options. */
    register(options: { challenge: string }, overrides: { origin?: string } = {}) {
      const cosePublicKey = isoCBOR.encode(
        new Map<number, number | Uint8Array>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
          [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
        ]),
      );
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.length);
      const authData = Buffer.concat([
        rpIdHash,
        Buffer.from([0x45]), // user present, user verified, attested credential data
        counter(signCount),
        Buffer.alloc(16), // AAGUID: none
        idLength,
        credentialId,
        Buffer.from(cosePublicKey),
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, string | Uint8Array | Map<string, string>>([
          ['fmt', 'none'],
          ['attStmt', new Map<string, string>()],
          ['authData', new Uint8Array(authData)],
        ]),
      );
      return {
        id: b64(credentialId),
        rawId: b64(credentialId),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64(
            clientData(
              'webauthn.create',
              options.challenge,
              overrides.origin ? { origin: overrides.origin } : {},
            ),
          ),
          attestationObject: b64(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
      };
    },
    /** Answer to navigator.credentials.get(); `replayCounter` re-sends an old signature counter. */
    authenticate(options: { challenge: string }, overrides: { keepCounter?: boolean } = {}) {
      if (!overrides.keepCounter) signCount += 1;
      const authData = Buffer.concat([rpIdHash, Buffer.from([0x05]), counter(signCount)]);
      const clientDataJSON = clientData('webauthn.get', options.challenge);
      const signature = sign(
        'sha256',
        Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]),
        privateKey,
      );
      return {
        id: b64(credentialId),
        rawId: b64(credentialId),
        type: 'public-key' as const,
        response: {
          clientDataJSON: b64(clientDataJSON),
          authenticatorData: b64(authData),
          signature: b64(signature),
        },
        clientExtensionResults: {},
      };
    },
  };
}
