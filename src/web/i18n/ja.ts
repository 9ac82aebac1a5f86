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
    chooseLead: '市区町村の名前で探すか、都道府県から選んでください。',
  },
  search: {
    landmark: '市区町村の検索',
    label: '市区町村の名前で探す',
    hint: 'ひらがな・カタカナ・漢字で入力できます（例：こうふ、甲府）。',
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
      '{{name}}の相談窓口の情報は、まだ登録されていません。下の全国の相談窓口には、いつでも相談できます。',
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
    errors: {
      summaryHeading: '入力内容を確認してください',
      failedHeading: 'ログインできませんでした',
      emailRequired: 'メールアドレスを入力してください。',
      emailInvalid: 'メールアドレスを「name@example.jp」の形で入力してください。',
      passwordRequired: 'パスワードを入力してください。',
    },
  },
  console: {
    title: '職員画面',
    homeTitle: 'ホーム',
    navLabel: '業務メニュー',
    signedInAs: 'ログイン中：{{name}}',
    logout: 'ログアウト',
    loggingOut: 'ログアウトしています…',
    welcome: '{{name}}さん、お疲れさまです。',
    homeLead: 'ここから各業務の画面に移動します。業務の画面は順次追加されます。',
    rolesHeading: 'あなたの役割',
    noRoles: '役割が設定されていません。管理者に確認してください。',
    scope: '所属：{{scope}}',
    nav: {
      home: 'ホーム',
    },
    roles: {
      national: '国',
      prefecture: '都道府県',
      municipal_admin: '自治体管理者',
      consultation: '相談支援員',
      labour: '就労支援担当',
      finance: '会計担当',
      peer_supporter: 'ピアサポーター',
      family_association: '家族会',
      report_triage: '消費生活・福祉窓口',
      agency_member: '関係機関',
    },
    loadFailed: '職員画面を表示できませんでした。',
  },
  notFound: {
    title: 'ページが見つかりません',
    heading: 'お探しのページは見つかりませんでした',
    body: 'アドレスが間違っているか、ページが移動した可能性があります。',
  },
};

/** Same keys as `ja`, every value a string: what `en.ts` must provide. */
export type Catalogue = Widen<typeof ja>;
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Easy Japanese overrides only what it needs; the rest falls back to `ja`. */
export type PartialCatalogue = { [K in keyof Catalogue]?: DeepPartial<Catalogue[K]> };
type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };
