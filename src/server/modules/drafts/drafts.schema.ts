import { z } from 'zod';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { DRAFTS_FIELD } from './drafts.errors.ts';

/** A draft's content: a long text or a small form state, as the page that owns it writes it. */
export const DRAFT_CONTENT_MAX_CHARS = 64 * 1024;

/** Keys name the page and record (`note:<person id>`, `intake:<person id>`): letters, digits, `:._-`. */
export const DraftParams = z.strictObject({
  key: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,119}$/, {
    message: fieldMessage(DRAFTS_FIELD.key),
  }),
});

export const DraftBody = z.strictObject({
  content: z.string().max(DRAFT_CONTENT_MAX_CHARS),
});

export const DraftView = z.object({
  key: z.string(),
  content: z.string(),
  updatedAt: z.string(),
});
