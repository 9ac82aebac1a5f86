import type { PartialCatalogue } from './ja.ts';

/**
 * やさしい日本語 for the public pages: short sentences, easy words, spaces between phrases
 * (分かち書き), few kanji. Staff screens fall back to the Japanese catalogue.
 */
export const easyJa: PartialCatalogue = {
  app: {
    tagline: 'ひきこもりの 人と 家族の ための まちの あんない',
  },
  a11y: {
    skipToContent: 'ほんぶんへ すすむ',
    breadcrumb: 'いま いる ところ',
    opensInPhone: '電話を かける',
  },
  language: {
    label: 'ことば',
  },
  footer: {
    today: 'きょうは <time>{{date}}</time> です',
    staffLogin: 'しょくいんの ログイン',
    openSource: 'つながりは だれでも つかえる ソフトウェアです。',
    nav: 'ページの いちばん した',
  },
  common: {
    loading: 'よみこんで います…',
    retry: 'もう いちど よみこむ',
    backHome: 'はじめの ページに もどる',
    unexpectedError: 'よみこめませんでした。もう いちど ためして ください。',
    networkError: 'つながりませんでした。インターネットを たしかめて、もう いちど ためして ください。',
  },
  home: {
    title: 'まちの そうだん先を さがす',
    heading: 'ひとりで なやまないで ください',
    lead: 'つながりは、ひきこもりの 人と 家族の ための あんないです。住んでいる まちの そうだんの まどぐちが わかります。',
    pointsHeading: 'つながりに ついて',
    points: {
      anonymous: 'なまえを 言わなくても つかえます。スマートフォンでも つかえます。',
      ownWay: 'はたらく ことだけが ゴールでは ありません。あなたの のぞむ くらしを 大切に します。',
      society: 'ひきこもりは、本人や 家族が わるいのでは ありません。みんなで ささえます。',
    },
    chooseHeading: '住んでいる まちを えらんで ください',
    chooseLead: 'まちの なまえで さがすか、都道府県から えらんで ください。',
  },
  search: {
    landmark: 'まちを さがす',
    label: 'まちの なまえで さがす',
    hint: 'ひらがな・カタカナ・かんじで 書けます（れい：こうふ、甲府）。',
    button: 'さがす',
    resultsLabel: 'さがした けっか',
    searching: 'さがして います…',
    count_other: '「{{query}}」で {{count}}こ 見つかりました。',
    none: '「{{query}}」の まちは 見つかりませんでした。ひらがなでも ためして ください。',
    more: 'ほかに {{count}}こ あります。なまえを つづけて 書いて ください。',
    keyboardHint: 'けっかは したに でます。したの やじるしキーで えらべます。',
  },
  prefecture: {
    heading: '都道府県から えらぶ',
    label: '都道府県',
    placeholder: 'えらんで ください',
    listLabel: '{{prefecture}}の まち',
    count: '{{prefecture}}の まちは {{count}}こ です。',
    showMore: 'もっと 見る',
    loadingList: 'まちの リストを よみこんで います…',
  },
  kind: {
    prefecture: '都道府県',
    municipality: 'まち',
    ward: '区',
  },
  municipality: {
    titleFallback: 'まちの そうだん先',
    changeTown: 'ほかの まちを えらぶ',
    localHeading: '<name>{{name}}</name>の そうだんの まどぐち',
    noProfile: '{{name}}の まどぐちは まだ のって いません。したの 電話で いつでも そうだん できます。',
    demoNotice: 'これは ためしの じょうほうです。この 電話は つながりません。',
    hours: 'じかん',
    note: 'メモ',
    email: 'メール',
    welfareContact: 'ふくしの 係',
    labourContact: 'しごとの 係',
    wardsHeading: '区を えらぶ',
    wardsLead: '{{name}}は 区ごとの あんないも あります。',
    notFoundHeading: 'この まちは 見つかりませんでした',
    notFoundBody: 'はじめの ページから もう いちど えらんで ください。',
  },
  national: {
    heading: 'ぜんこくの そうだんの 電話',
    lead: 'どこに 住んでいても、この 電話で そうだん できます。',
    emergencyHeading: 'いそぐ とき',
    consultHeading: 'はなしを きいて ほしい とき・こまった とき',
    police: { name: 'けいさつ（いそぐ とき）', description: 'じけんや じこ。すぐに たすけが ほしい とき' },
    fire: { name: 'しょうぼう・きゅうきゅう', description: '火じ、きゅうな びょうきや けがの とき' },
    policeConsultation: { name: 'けいさつの そうだん', description: 'いそがない ことを けいさつに そうだん' },
    consumer: { name: 'しょうひしゃ ホットライン', description: 'けいやくや お店との トラブル' },
    childAbuse: { name: '子どもの ぎゃくたいの 電話', description: '子どもが しんぱいな とき' },
    mentalHealth: { name: 'こころの そうだんの 電話', description: 'こころの なやみ' },
    yorisoi: { name: 'よりそいホットライン', description: 'くらしや こころの なやみ' },
  },
  notFound: {
    title: 'ページが ありません',
    heading: 'この ページは 見つかりませんでした',
    body: 'アドレスが ちがうかも しれません。',
  },
};
