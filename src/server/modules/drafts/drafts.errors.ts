/** Drafts' field texts (schema rules, written with `fieldMessage`). */
export const DRAFTS_FIELD = {
  key: { ja: '下書きの名前には英数字と : . _ - だけを使えます', en: 'letters, digits and : . _ - only' },
} as const;
