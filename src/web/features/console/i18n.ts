import type { TodayKind } from '../../../shared/contracts/console.ts';

/**
 * The `today` section of the catalogues (console home, issue 22): one label per kind of waiting work.
 * Console only: no easy-ja entries (staff pages).
 */
export const todayJa = {
  heading: '今日の仕事',
  lead: '待っている仕事の件数です。件数を押すと、その画面に移ります。',
  quietItem: '{{label}}：なし',
  count: '{{count}} 件',
  loading: '件数を読み込んでいます…',
  failed: '件数を読み込めませんでした。再読み込みしてください。',
  nothing: 'いま待っている仕事はありません。',
  kinds: {
    'reports.new-urgent': '新しい通報（危険があるかもしれないもの）',
    'reports.new': '新しい通報',
    'consultations.waiting': '返事を待っている相談',
    'support.reviews-due': '見直しの日が来た担当ケース',
    'support.watch': '見守りが必要な担当ケース',
    'agencies.referrals-received': '届いた紹介（まだ返事をしていないもの）',
    'peers.claims-to-approve': '承認を待っているピア報酬',
    'peers.my-shifts-this-week': '今後 7 日間の自分の活動',
    'events.sessions-this-week': '今後 7 日間の催し',
    'places.in-review': '確認を待っている居場所・相談先',
    'subsidies.applications-to-check': '確認を待っている交通費助成の申請',
    'subsidies.claims-to-confirm': '額の確定を待っている請求',
    'payments.batches-to-approve': '承認を待っている支払バッチ',
    'payments.batches-to-export': '出力を待っている支払バッチ',
    'returns.to-review': '審査を待っている取組状況の報告',
    'returns.own-to-submit': '今年度の取組状況の報告（未提出）',
    'cases.to-review': '審査を待っているモデル事例',
    'cases.to-publish': '公開を待っているモデル事例',
  } satisfies Record<TodayKind, string>,
};

export const todayEn: typeof todayJa = {
  heading: 'Today’s work',
  lead: 'Counts of work waiting for you. Choose a count to go to that page.',
  quietItem: '{{label}}: none',
  count: '{{count}}',
  loading: 'Loading the counts…',
  failed: 'The counts could not be loaded. Please reload the page.',
  nothing: 'Nothing is waiting for you now.',
  kinds: {
    'reports.new-urgent': 'New reports (someone may be in danger)',
    'reports.new': 'New reports',
    'consultations.waiting': 'Consultations waiting for a reply',
    'support.reviews-due': 'Your cases due for review',
    'support.watch': 'Your cases to keep watch on',
    'agencies.referrals-received': 'Referrals received, not yet answered',
    'peers.claims-to-approve': 'Peer supporter claims to approve',
    'peers.my-shifts-this-week': 'Your shifts in the next 7 days',
    'events.sessions-this-week': 'Event sessions in the next 7 days',
    'places.in-review': 'Directory entries waiting for review',
    'subsidies.applications-to-check': 'Transport subsidy applications to check',
    'subsidies.claims-to-confirm': 'Claims waiting for the amount to be confirmed',
    'payments.batches-to-approve': 'Payment batches to approve',
    'payments.batches-to-export': 'Payment batches to export',
    'returns.to-review': 'Status returns waiting for review',
    'returns.own-to-submit': 'This year’s status return (not submitted)',
    'cases.to-review': 'Model cases waiting for review',
    'cases.to-publish': 'Model cases waiting for publication',
  },
};

/** The warning before the idle timeout ends a session (issue 22: nothing typed is lost). */
export const idleJa = {
  title: 'まもなく自動でログアウトします',
  body: '操作のない時間が続いています。あと {{minutes}} 分ほどで、安全のため自動でログアウトします。続けるときは「続ける」を押してください。',
  continue: '続ける',
  logout: 'ログアウトする',
  expiredTitle: 'ログインの有効時間が過ぎました',
  expiredBody:
    '書いていた内容は下書きとして保存されています。もう一度ログインすると、この画面に戻り、続きから書けます。',
  signIn: 'もう一度ログインする',
};

export const idleEn: typeof idleJa = {
  title: 'You will be signed out soon',
  body: 'There has been no activity for a while. For safety you will be signed out in about {{minutes}} minutes. Choose “Continue” to stay signed in.',
  continue: 'Continue',
  logout: 'Sign out',
  expiredTitle: 'Your session has ended',
  expiredBody:
    'What you were writing is kept as a draft. Sign in again to come back to this page and carry on.',
  signIn: 'Sign in again',
};
