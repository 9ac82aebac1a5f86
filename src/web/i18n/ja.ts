import type { DeepPartial, Widen } from './types.ts';

/**
 * Japanese catalogue: the source of truth for every string in the web app. `en.ts` must have the
 * same keys (the type below enforces it); `easy-ja.ts` covers the public pages and falls back here.
 *
 * Wording follows BRIEF "Principles": 本人 (never 対象者), 居場所, no blame on the person or family.
 */
export const ja = {
  app: {
    name: 'つながり',
    tagline: 'ひきこもりの状態にある本人と家族のための地域の案内',
    titleSuffix: 'つながり',
  },
  a11y: {
    skipToContent: '本文へ移動',
    breadcrumb: '現在の位置',
    opensInPhone: '電話をかける',
  },
  language: {
    label: '表示する言語',
    ja: '日本語',
    en: 'English',
    easyJa: 'やさしい日本語',
  },
  footer: {
    today: '今日は <time>{{date}}</time> です',
    staffLogin: '職員の方のログイン',
    openSource: 'つながりは、自治体・家族会・支援者のためのオープンソースのソフトウェアです。',
    nav: 'フッター',
  },
  common: {
    copy: 'コピーする',
    copied: 'コピーしました。',
    copyFailed: 'コピーできませんでした。画面の文字をメモしてください。',
    required: '※必須',
    termLabel: '{{term}}：',
    errorPrefix: 'エラー：',
    loading: '読み込んでいます…',
    retry: 'もう一度読み込む',
    backHome: 'トップページへ戻る',
    unexpectedError: '情報を読み込めませんでした。通信状況を確認して、もう一度お試しください。',
    networkError: 'サーバーに接続できませんでした。通信状況を確認して、もう一度お試しください。',
  },
  home: {
    title: 'あなたのまちの相談先をさがす',
    heading: 'ひとりで抱えこまずに、つながれる場所を',
    lead: 'つながりは、ひきこもりの状態にある本人と家族が、住んでいるまちの相談窓口や支えにつながるための案内です。',
    pointsHeading: 'つながりについて',
    points: {
      anonymous: '名前を伝えなくても、スマートフォンからでも調べられます。',
      ownWay: '働くことだけがゴールではありません。本人が望むくらし方を大切にします。',
      society: 'ひきこもりは本人や家族のせいではありません。社会全体で支えていくことです。',
    },
    chooseHeading: '住んでいるまちを選ぶ',
    urgent: {
      heading: 'いま危険がある／今すぐ話したい',
      lead: '命や体に危険があるときは 110（警察）か 119（消防・救急）へ。話を聞いてほしいときは、いまつながる電話があります。',
      talkNow: 'いま話せる電話を見る',
      report: '業者に連れ出された・閉じ込められている（通報する）',
    },
    chooseLead: '市区町村の名前で探すか、都道府県から選んでください。',
  },
  search: {
    landmark: '市区町村の検索',
    label: '市区町村の名前で探す',
    hint: 'ひらがな・カタカナ・漢字・ローマ字で入力できます（例：こうふ、甲府、Kofu）。',
    button: '探す',
    resultsLabel: '検索結果',
    searching: '探しています…',
    count_other: '「{{query}}」で {{count}} 件見つかりました。',
    none: '「{{query}}」に当てはまる市区町村は見つかりませんでした。ひらがなや別の書き方でもお試しください。',
    more: 'ほかに {{count}} 件あります。名前を続けて入力すると絞り込めます。',
    keyboardHint: '結果は下の一覧に表示されます。下矢印キーで一覧に移動できます。',
  },
  prefecture: {
    heading: '都道府県から選ぶ',
    label: '都道府県',
    placeholder: '選んでください',
    listLabel: '{{prefecture}}の市区町村',
    count: '{{prefecture}}の市区町村は {{count}} 件です。',
    showMore: 'さらに表示する',
    loadingList: '市区町村の一覧を読み込んでいます…',
  },
  kind: {
    prefecture: '都道府県',
    municipality: '市区町村',
    ward: '区',
  },
  municipality: {
    titleFallback: '市区町村の相談先',
    changeTown: '別のまちを選ぶ',
    localHeading: '<name>{{name}}</name>の相談窓口',
    noProfile:
      '{{name}}の相談窓口の情報は、まだ登録されていません。下の全国の相談窓口に相談できます（24時間つながる窓口もあります）。',
    demoNotice: 'この自治体の情報はデモ用の架空のものです。番号に電話をかけてもつながりません。',
    hours: '受付時間',
    note: '備考',
    email: 'メール',
    welfareContact: '福祉の担当課',
    labourContact: '仕事・就労の担当課',
    wardsHeading: '区を選ぶ',
    wardsLead: '{{name}}は区ごとにも情報を掲載しています。',
    notFoundHeading: 'この市区町村は見つかりませんでした',
    notFoundBody: 'アドレスが正しいか確認してください。トップページから、もう一度まちを選ぶこともできます。',
  },
  national: {
    heading: '全国の相談窓口',
    lead: 'どこに住んでいても、次の窓口に電話で相談できます。',
    emergencyHeading: '緊急のとき',
    consultHeading: '話を聞いてほしいとき・困りごとの相談',
    police: { name: '警察（緊急）', description: '事件や事故など、いますぐ助けが必要なとき' },
    fire: { name: '消防・救急', description: '火事、急な病気やけがのとき' },
    policeConsultation: { name: '警察相談専用電話', description: '緊急ではない、警察への相談' },
    consumer: { name: '消費者ホットライン', description: '契約や業者とのトラブルの相談' },
    childAbuse: { name: '児童相談所虐待対応ダイヤル', description: '子どもへの虐待が心配なとき' },
    mentalHealth: { name: 'こころの健康相談統一ダイヤル', description: 'こころの悩みの相談' },
    yorisoi: { name: 'よりそいホットライン', description: 'くらしや、こころの悩みの相談' },
    hoursAlways: '24時間・毎日',
    hoursWeekdays: '平日 {{from}}〜{{to}}',
    hoursEveryday: '毎日 {{from}}〜{{to}}',
    hoursSeparator: '、',
    hoursYearEnd: '年末年始（12月29日〜1月3日）は休み',
    hoursVary: '時間は地域によって違います',
    free: '通話料無料',
    paid: '通話料がかかります',
    openNow: 'いま話せます',
    closedNow: 'いまは受付時間外です',
    hoursLabel: '受付時間',
    costLabel: '料金',
  },
  helplines: {
    title: 'いま話せる電話',
    heading: 'いま話せる電話',
    lead: '日本時間 {{time}} 現在、電話がつながる窓口に「いま話せます」と表示しています。',
    openCount_other: 'いまつながる窓口は {{count}} か所です。',
    dangerHeading: 'いま危険があるとき',
    dangerLead: '命や体に危険があるときは、迷わず電話してください。',
    openHeading: 'いま話せる窓口',
    laterHeading: 'いまは時間外の窓口',
    loadError: 'いまつながるかどうかを確かめられませんでした。番号と受付時間は下のとおりです。',
  },
  login: {
    title: '職員ログイン',
    heading: '職員ログイン',
    lead: '自治体・支援機関の職員の方のための画面です。本人・家族の方はログインせずに使えます。',
    email: 'メールアドレス',
    password: 'パスワード',
    submit: 'ログインする',
    submitting: 'ログインしています…',
    signedOut: 'ログアウトしました。',
    sessionEnded: 'ログインの有効期限が切れたか、ログインが終了されました。もう一度ログインしてください。',
    errors: {
      summaryHeading: '入力内容を確認してください',
      failedHeading: 'ログインできませんでした',
      emailRequired: 'メールアドレスを入力してください。',
      emailInvalid: 'メールアドレスを「name@example.jp」の形で入力してください。',
      passwordRequired: 'パスワードを入力してください。',
    },
  },
  form: {
    checkHeading: '入力内容を確認してください',
    failedHeading: '保存できませんでした',
  },
  dialog: {
    cancel: 'キャンセル',
    working: '処理しています…',
  },
  table: {
    actions: '操作',
  },
  pager: {
    label: 'ページ送り',
    previous: '前のページ',
    next: '次のページ',
    more: 'さらに読み込む',
  },
  passwordReset: {
    title: 'パスワードの設定',
    heading: 'パスワードを設定する',
    lead: '管理者から届いたリンクで、新しいパスワードを設定します。リンクは24時間有効で、1回だけ使えます。',
    newPassword: '新しいパスワード',
    confirmation: '新しいパスワード（確認のため、もう一度）',
    policy: '15文字以上。長い文章のようなパスワードがおすすめです（例：いくつかの言葉をつなげる）。',
    show: 'パスワードを表示する',
    submit: 'パスワードを設定する',
    submitting: '設定しています…',
    doneHeading: 'パスワードを設定しました',
    done: '新しいパスワードでログインしてください。他の端末のログインはすべて終了しました。',
    toLogin: 'ログイン画面へ進む',
    noToken:
      'このページのアドレスにパスワード設定用の情報がありません。メールに書かれたリンクを、もう一度そのまま開いてください。',
    errors: {
      passwordRequired: '新しいパスワードを入力してください。',
      mismatch: '確認のために入力したパスワードが一致しません。',
    },
  },
  // The way into the navigator from the home page and the search; the rest of `navigator` comes
  // with the feature (features/navigator/i18n.ts).
  navigator: {
    entry: {
      heading: '仕事をやめた方へ',
      lead: '健康保険・年金・雇用保険の手続きの期限と、相談できる窓口を、いくつかの質問に答えるだけで確認できます。答えはこの端末の中だけで使い、送信しません。',
      open: '離職後のナビを使う',
      employerSheet: '事業所の方へ: 退職する方に渡す案内（A4・印刷用）',
      searchHint:
        '仕事をやめた方・これからやめる方は「離職後のナビ」で、手続きの期限と相談先を確認できます。',
    },
  },
  // Shown by the router when the console's own code could not be loaded, so it cannot travel with it.
  console: {
    loadFailed: '職員画面を表示できませんでした。',
  },
  // Every failed request may be a passkey step (login is public), so these two stay in the core.
  passkey: {
    notCompleted: 'パスキーの操作が完了しませんでした（キャンセルまたは時間切れ）。もう一度お試しください。',
    alreadyRegistered: 'このパスキーは既に登録されています。',
  },
  notFound: {
    title: 'ページが見つかりません',
    heading: 'お探しのページは見つかりませんでした',
    body: 'アドレスが間違っているか、ページが移動した可能性があります。',
  },
};

/** Same keys as `ja`, every value a string: what `en.ts` must provide. */
export type Catalogue = Widen<typeof ja>;

/** Easy Japanese overrides only what it needs; the rest falls back to `ja`. */
export type PartialCatalogue = { [K in keyof Catalogue]?: DeepPartial<Catalogue[K]> };
