import { createRequire } from 'node:module';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { dictionary as ZxcvbnDictionaries } from '@zxcvbn-ts/language-common';
import { AppError, type LocalisedFieldError } from '../errors.ts';
import { lazyOnce } from '../lazy.ts';

/**
 * Password hashing and policy.
 *
 * Hashing: argon2id, 64 MiB, 3 passes, 1 lane: about 50–70 ms on the 2-core reference server (RFC 9106's
 * second recommendation, with one lane because the server has two cores). Hashing runs on libuv's
 * thread pool (4 threads), so at most ~256 MiB is in use however many logins arrive at once.
 *
 * Policy (NIST SP 800-63B §3.1.1): length, not composition. At least 15 characters when the password
 * is the only factor, 8 with a second factor; at most 128; no "must contain a digit" rules; refuse
 * common and breached passwords, trivial sequences and the account's own e-mail name.
 * Passwords are NFKC-normalised before hashing and counting (SP 800-63B §3.1.1.2), so the same
 * password typed with full-width or half-width characters from a Japanese IME is the same password.
 */
/** `Algorithm.Argon2id` (a const enum, which erasable TypeScript cannot read at run time). */
const ARGON2ID = 2 as Algorithm;

export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH_SINGLE_FACTOR = 15;
export const PASSWORD_MIN_LENGTH_WITH_MFA = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** Hard cap on what a request may carry before policy is even checked (argon2 cost, body size). */
export const PASSWORD_INPUT_MAX_LENGTH = 1024;

export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export async function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_OPTIONS);
}

/** False for a wrong password and for a hash that cannot be read (never throws on bad input). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, normalizePassword(password));
  } catch {
    return false;
  }
}

/** Computes the dummy hash ahead of the first login for an unknown address (which would otherwise take twice as long). */
export const warmUpDummyHash: () => Promise<string> = lazyOnce(() =>
  hashPassword('tsunagari/dummy/password/for/timing'),
);

/**
 * When no account matches, we still run one argon2 verification against a hash of the same cost, so
 * the response time does not tell whether the e-mail address has an account.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(await warmUpDummyHash(), password);
  return false;
}

/** True when the stored hash was made with other parameters than today's: rehash after a successful login. */
export function passwordNeedsRehash(storedHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!match) return true;
  return (
    Number(match[1]) !== ARGON2_OPTIONS.memoryCost ||
    Number(match[2]) !== ARGON2_OPTIONS.timeCost ||
    Number(match[3]) !== ARGON2_OPTIONS.parallelism
  );
}

// ---------------------------------------------------------------------------------------------
// Policy

export type PasswordProblemCode =
  | 'too_short'
  | 'too_long'
  | 'common'
  | 'contains_email'
  | 'trivial_sequence'
  | 'control_characters';

export type PasswordProblem = { code: PasswordProblemCode; message: { ja: string; en: string } };

export type PasswordPolicyResult = { ok: boolean; problems: PasswordProblem[] };

/**
 * Loaded on first use, synchronously as the policy check is: the package decompresses all its
 * dictionaries when loaded, which was ~0.05 s of every start-up (issue 23: ≤ 2 s to /healthz).
 */
function zxcvbnDictionaries(): typeof ZxcvbnDictionaries {
  const loaded = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
    dictionary: typeof ZxcvbnDictionaries;
  };
  return loaded.dictionary;
}

let commonPasswords: Set<string> | undefined;
/** ~49,000 most common passwords from breach corpora (zxcvbn-ts "passwords-common"), lower-case. */
function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set(zxcvbnDictionaries()['passwords-common']);
  return commonPasswords;
}

/** Words specific to this service (SP 800-63B "context-specific words"). */
const SERVICE_WORDS = ['tsunagari', 'つながり', 'ツナガリ', '繋がり'];

/** Walks along keyboards and number/alphabet runs, e.g. 123456789012345, qwertyuiopasdfg, zyxwvuts. */
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertzuiopasdfghjklyxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7',
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん',
];

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '3': 'e',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '!': 'i',
  '1': 'i',
};

function codePointLength(text: string): number {
  return [...text].length;
}

function isTrivialSequence(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0) return true;
  // Mostly one or two characters repeated: aaaaaaaa, abababab, 11112222.
  if (new Set(compact).size <= 3) return true;
  // A short unit repeated: abcabcabcabc.
  for (let unit = 1; unit <= 4 && unit * 2 <= compact.length; unit++) {
    if (
      compact
        .slice(0, unit)
        .repeat(Math.ceil(compact.length / unit))
        .slice(0, compact.length) === compact
    ) {
      return true;
    }
  }
  for (const sequence of SEQUENCES) {
    for (const direction of [sequence, [...sequence].reverse().join('')]) {
      const repeated = direction.repeat(Math.ceil(compact.length / direction.length) + 1);
      if (repeated.includes(compact)) return true;
    }
  }
  return false;
}

/** Digits, punctuation, symbols and spaces around a word ("password123!", "!!tsunagari2026"). */
function stripEdges(text: string): string {
  return text.replace(/^[\p{N}\p{P}\p{S}\s_]+|[\p{N}\p{P}\p{S}\s_]+$/gu, '');
}

/** Variants a guesser tries first: the core without leading/trailing digits and symbols, leetspeak undone. */
function guessableCores(lower: string): string[] {
  const variants = new Set<string>([lower, lower.replace(/\s+/g, '')]);
  for (const v of [...variants]) {
    variants.add(stripEdges(v));
  }
  for (const v of [...variants]) {
    variants.add([...v].map((c) => LEET[c] ?? c).join(''));
    variants.add([...v].map((c) => (c === '1' ? 'l' : (LEET[c] ?? c))).join(''));
  }
  for (const v of [...variants]) variants.add(stripEdges(v));
  variants.delete('');
  return [...variants];
}

function emailWords(email: string | undefined): string[] {
  if (!email) return [];
  const local = email.normalize('NFKC').toLowerCase().split('@')[0] ?? '';
  const words = new Set<string>();
  if (local.length >= 3) words.add(local);
  for (const part of local.split(/[._+-]+/)) if (part.length >= 4) words.add(part);
  return [...words];
}

/**
 * Checks a new password. `hasMfa`: the account has a second factor (then 8 characters suffice).
 * `email`: the account's e-mail; a password containing its local part is refused.
 */
export function checkPasswordPolicy(
  password: string,
  context: { hasMfa: boolean; email?: string },
): PasswordPolicyResult {
  const problems: PasswordProblem[] = [];
  const normalized = normalizePassword(password);
  const length = codePointLength(normalized);
  const minimum = context.hasMfa ? PASSWORD_MIN_LENGTH_WITH_MFA : PASSWORD_MIN_LENGTH_SINGLE_FACTOR;

  if (length < minimum) {
    problems.push({
      code: 'too_short',
      message: context.hasMfa
        ? {
            ja: `パスワードは${minimum}文字以上にしてください（現在${length}文字）。`,
            en: `Use at least ${minimum} characters (now ${length}).`,
          }
        : {
            ja: `パスワードは${minimum}文字以上にしてください（現在${length}文字）。覚えやすい言葉をいくつか組み合わせると、長くても安全で覚えやすくなります。二段階認証を設定すると8文字から使えます。`,
            en: `Use at least ${minimum} characters (now ${length}). A few unrelated words are long, safe and easy to remember. With a second factor, 8 characters are enough.`,
          },
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({
      code: 'too_long',
      message: {
        ja: `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください（現在${length}文字）。`,
        en: `Use at most ${PASSWORD_MAX_LENGTH} characters (now ${length}).`,
      },
    });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(normalized)) {
    problems.push({
      code: 'control_characters',
      message: {
        ja: 'パスワードに使えない制御文字（改行やタブなど）が含まれています。',
        en: 'The password contains control characters (such as line breaks or tabs).',
      },
    });
  }

  const lower = normalized.toLowerCase();
  const cores = guessableCores(lower);
  const common = commonPasswordSet();
  if (cores.some((core) => common.has(core) || SERVICE_WORDS.includes(core))) {
    problems.push({
      code: 'common',
      message: {
        ja: 'よく使われていて推測されやすいパスワードです。別のものにしてください。',
        en: 'This password is commonly used and easy to guess. Choose another one.',
      },
    });
  } else if (isTrivialSequence(lower)) {
    problems.push({
      code: 'trivial_sequence',
      message: {
        ja: '同じ文字の繰り返しや、連続した文字（1234…、abcd…、qwerty… など）だけのパスワードは使えません。',
        en: 'Repeated or sequential characters alone (1234…, abcd…, qwerty…) cannot be used.',
      },
    });
  }
  const words = emailWords(context.email);
  if (words.some((word) => lower.includes(word))) {
    problems.push({
      code: 'contains_email',
      message: {
        ja: 'メールアドレスの一部（@ より前の部分）を含むパスワードは使えません。',
        en: 'The password must not contain your e-mail address (the part before @).',
      },
    });
  }
  return { ok: problems.length === 0, problems };
}

/** Throws 400 validation_failed with one message per problem at `pointer` (e.g. `/body/newPassword`). */
export function assertPasswordPolicy(
  password: string,
  context: { hasMfa: boolean; email?: string },
  pointer = '/body/password',
): void {
  const result = checkPasswordPolicy(password, context);
  if (result.ok) return;
  const errors: LocalisedFieldError[] = result.problems.map((p) => ({ pointer, message: p.message }));
  throw new AppError(400, 'validation_failed', { errors });
}
