import { z } from 'zod';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { isMailAddress } from '../outbox/smtp.ts';

/**
 * Field rules the request schemas of several modules share. Text is stored alike whichever form sent
 * it (Unicode NFC, line breaks as \n, no white space around it), and the messages read the same.
 */
const normalizeInput = (s: string) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim();
const atMost = (max: number) => ({
  message: fieldMessage({ ja: `${max} 文字までです`, en: `up to ${max} characters` }),
});

/** Text of at most `max` characters; empty is allowed. */
export const freeText = (max: number) =>
  z
    .string()
    .transform(normalizeInput)
    .pipe(z.string().max(max, atMost(max)));

/**
 * Text of 1 to `max` characters (white space alone counts as empty); `missing` names what to enter
 * when the form wants to say more than 「入力してください」.
 */
export const requiredText = (
  max: number,
  missing = fieldMessage({ ja: '入力してください', en: 'required' }),
) =>
  z
    .string()
    .transform(normalizeInput)
    .pipe(z.string().min(1, { message: missing }).max(max, atMost(max)));

export const IsoDate = z.iso.date({
  message: fieldMessage({ ja: '日付は YYYY-MM-DD で入力してください', en: 'a date as YYYY-MM-DD' }),
});

/** The version a versioned edit started from; a stale one answers 409. */
export const Version = z.number().int().min(1);

const INVALID_EMAIL = fieldMessage({
  ja: 'メールアドレスの形式が正しくありません（例：name@example.jp）',
  en: 'Not a valid e-mail address (e.g. name@example.jp)',
});

/**
 * An e-mail address a member of the public types (to receive a 受付番号, to be reached about a
 * report); empty or absent means none. Full-width input (ｎａｍｅ＠ｅｘａｍｐｌｅ．ｊｐ, common on
 * Japanese keyboards) is folded first. The address must pass both the outbox's own rule (so an
 * accepted address can always be queued: no display name, nothing that could inject a header) and
 * zod's e-mail pattern with a dotted domain, the stricter of the two rules the forms had before.
 */
export const PublicEmail = z
  .string()
  .max(320, { message: INVALID_EMAIL })
  .transform((s) => s.normalize('NFKC').trim())
  .pipe(
    z
      .string()
      .refine(
        (s) =>
          s === '' || (isMailAddress(s) && /@[^@.]+(?:\.[^@.]+)+$/.test(s) && z.email().safeParse(s).success),
        { message: INVALID_EMAIL },
      ),
  )
  .optional()
  .transform((s) => (s ? s : undefined));
