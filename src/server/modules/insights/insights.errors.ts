/**
 * The insights module's error messages ({ ja, en }).
 * Named in the manifest (`errorMessages`) and registered by `installModules()`.
 */
export const INSIGHTS_ERRORS = {
  return_not_editable: {
    title: { ja: 'この報告は変更できません', en: 'This return cannot be changed' },
    detail: {
      ja: '提出済み・受理済みの報告は変更できません。差し戻された報告または下書きを編集してください。',
      en: 'A submitted or accepted return cannot be changed; edit a draft or a returned return.',
    },
  },
  return_state: {
    title: { ja: 'この操作は今の状態ではできません', en: 'Not possible in the current state' },
    detail: {
      ja: '報告の状態が変わっています。画面を読み込み直してください。',
      en: 'The return has changed state. Reload the page.',
    },
  },
  return_kept_by_municipality: {
    title: { ja: 'この市区町村は自ら報告しています', en: 'This municipality reports itself' },
    detail: {
      ja: 'つながりを使って自ら報告している市区町村の報告は、都道府県が代わりに入力できません。',
      en: 'A municipality that reports through Tsunagari keeps its own return; the prefecture cannot enter it.',
    },
  },
  import_not_found: {
    title: { ja: '取り込みが見つかりません', en: 'Import not found' },
    detail: {
      ja: 'プレビューの期限が切れたか、すでに取り込まれています。もう一度ファイルを選んでください。',
      en: 'The preview expired or was already applied. Choose the file again.',
    },
  },
  import_has_errors: {
    title: { ja: '誤りのある行があります', en: 'Some rows have errors' },
    detail: {
      ja: 'プレビューに示した誤りを直してから取り込んでください。何も書き込んでいません。',
      en: 'Fix the rows shown in the preview first. Nothing was written.',
    },
  },
} as const;

export const MESSAGES = {
  reasonRequired: {
    ja: '事前に入力された値を変える理由を書いてください',
    en: 'Give a reason for changing a pre-filled figure',
  },
  badValue: { ja: 'この項目の形式に合いません', en: 'This value does not fit the item' },
  unknownItem: { ja: '未知の項目です', en: 'Unknown item' },
  commentRequired: { ja: '差し戻しの理由を書いてください', en: 'Say why the return goes back' },
} as const;
