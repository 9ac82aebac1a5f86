/**
 * A field rule's own message in Japanese and English (issue 20 item 7). Zod carries a message as one
 * string, so the pair travels inside it, marked, and `platform/http/problem.ts` unpacks it into the
 * caller's language. Modules keep the pairs as `{ ja, en }` objects in `<module>.errors.ts` and write
 * `{ message: fieldMessage(PLACES_FIELD.postalCode) }` in their schemas — never "日本語 / English".
 */
export type Bilingual = { readonly ja: string; readonly en: string };

// An invisible separator no one types, so a message a user wrote can never be read as a pair.
const MARK = '\u2063i18n:';

export function fieldMessage(text: Bilingual): string {
  return MARK + JSON.stringify([text.ja, text.en]);
}

/** The pair inside a message written with `fieldMessage`, or null for any other message (zod's own). */
export function readFieldMessage(message: string): Bilingual | null {
  if (!message.startsWith(MARK)) return null;
  try {
    const pair: unknown = JSON.parse(message.slice(MARK.length));
    if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') {
      return { ja: pair[0], en: pair[1] };
    }
  } catch {
    // fall through: a marked message that is not a pair is shown as zod would show it
  }
  return null;
}
