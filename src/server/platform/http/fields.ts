import { z } from 'zod';

/**
 * Field rules the request schemas of several modules share. Text is stored alike whichever form sent
 * it (Unicode NFC, line breaks as \n, no white space around it), and the messages read the same.
 */
const normalizeInput = (s: string) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim();
const atMost = (max: number) => ({ message: `${max} 文字までです / up to ${max} characters` });

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
export const requiredText = (max: number, missing = '入力してください / required') =>
  z
    .string()
    .transform(normalizeInput)
    .pipe(z.string().min(1, { message: missing }).max(max, atMost(max)));

export const IsoDate = z.iso.date({ message: '日付は YYYY-MM-DD で入力してください / a date as YYYY-MM-DD' });

/** The version a versioned edit started from; a stale one answers 409. */
export const Version = z.number().int().min(1);
