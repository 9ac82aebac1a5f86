import type {
  AreaClass,
  CaseContentView,
  CaseLifeStage,
  PopulationBand,
} from '../../../shared/contracts/cases.ts';
import { prefectureTenantCode } from '../../../shared/municipality-code.ts';
import { asSystem } from '../../platform/db/tenant.ts';
import type { DemoSeed } from '../../platform/demo/registry.ts';
import { searchMunicipalities } from '../municipalities/index.ts';
import { municipalityType } from './knowledge.municipality-types.ts';
import { searchKeys } from './knowledge.records.ts';
import { cases, caseThemes, caseVersions } from './knowledge.tables.ts';

/**
 * Demo model cases (fictional; written for this demo, not taken from any published case): nine
 * published cases across themes, sizes and regions — three from 山梨県 (甲府市, 甲斐市's family
 * association, 富士川町), one short-hours job with a local employer, one family study-session series run
 * by a family association — and one 甲府市 draft (never public). Idempotent: fixed ids, insert if absent.
 */
export const DEMO_CASE_IDS = {
  kofuIbasho: '17000000-0000-4000-8000-000000000001',
  kaiFamilyStudy: '17000000-0000-4000-8000-000000000002',
  fujikawaShortHours: '17000000-0000-4000-8000-000000000003',
  shiwaTransport: '17000000-0000-4000-8000-000000000004',
  toyonakaPlatform: '17000000-0000-4000-8000-000000000005',
  koumiOutreach: '17000000-0000-4000-8000-000000000006',
  kitakyushuRelearning: '17000000-0000-4000-8000-000000000007',
  setagayaPeer: '17000000-0000-4000-8000-000000000008',
  itsukiIbasho: '17000000-0000-4000-8000-000000000009',
  kofuDraft: '17000000-0000-4000-8000-000000000010',
} as const;

type DemoCase = {
  id: string;
  prefecture: string;
  town: string;
  authorKind: 'municipality' | 'family_association' | 'prefecture' | 'npo';
  authorName: string;
  state: 'published' | 'draft';
  themes: string[];
  lifeStages: CaseLifeStage[];
  populationBand: PopulationBand;
  areaClass: AreaClass;
  publishedOn: string;
  content: Omit<
    CaseContentView,
    'linkedPlaceIds' | 'linkedEventIds' | 'partners' | 'budget' | 'titleKana'
  > & {
    titleKana?: string;
    partners: CaseContentView['partners'];
    budget: CaseContentView['budget'];
  };
};

const DEMO_CASES: DemoCase[] = [
  {
    id: DEMO_CASE_IDS.kofuIbasho,
    prefecture: '山梨県',
    town: '甲府市',
    authorKind: 'municipality',
    authorName: '甲府市 福祉保健部（デモ）',
    state: 'published',
    themes: ['ibasho', 'peer_support'],
    lifeStages: ['working_age', 'age_40_64'],
    populationBand: '100k_300k',
    areaClass: 'urban',
    publishedOn: '2026-06-10',
    content: {
      title: '駅から歩ける「夕方の居場所」を週2回ひらく',
      titleKana: 'えきからあるけるゆうがたのいばしょ',
      summary:
        '昼間は外に出にくい人が多いという声を受け、駅近くの貸し会議室で夕方から夜にかけての居場所を始めました。予約不要・途中退出自由で、ピアサポーターが常駐しています。',
      trigger:
        '家族会の集まりで「昼の居場所は行きにくい。夕方なら出られるかもしれない」という話が何度も出たことがきっかけです。',
      firstSteps:
        'まず家族会とピアサポーターに集まってもらい、曜日・時間・場所の希望を聞きました。場所は市の施設ではなく、人目を気にせず入れる駅近くの民間の会議室を選びました。',
      whatWasDone:
        '火曜と金曜の17時から20時に開き、ボードゲームや本、飲み物を用意しました。話さなくてもいい、来た時間・帰った時間を書かなくてもいい、というルールを入口に掲示しています。',
      partners: [
        { kind: 'family_association', name: '市内の家族会（デモ）' },
        { kind: 'peer_supporters', name: 'ピアサポーター 3名' },
      ],
      staffing: '市職員 1名（交代制）、ピアサポーター 2名が毎回参加',
      budget: {
        amountYen: 1_200_000,
        source: 'national_subsidy',
        note: 'ひきこもり支援ステーション事業の一部として',
      },
      outcomes:
        '半年で延べ 150 人ほどが訪れ、そのうち何人かは昼の講座や相談にもつながりました。「夜なら行ける」という人がいることが分かり、家族の安心にもなっています。',
      wentWell: '場所を駅近くの民間施設にしたことで、「役所に行く」という抵抗感が下がりました。',
      difficulties:
        '夜間の職員配置が難しく、当初はピアサポーターに負担が偏りました。交代表を作って解消しています。',
      periodFrom: '2025-10-01',
      periodTo: null,
      contactWindow: '甲府市 福祉保健部 ひきこもり支援担当（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.kaiFamilyStudy,
    prefecture: '山梨県',
    town: '甲斐市',
    authorKind: 'family_association',
    authorName: 'かい家族の会（デモ）',
    state: 'published',
    themes: ['family_support'],
    lifeStages: ['working_age', 'age_40_64'],
    populationBand: '30k_100k',
    areaClass: 'mixed',
    publishedOn: '2026-07-02',
    content: {
      title: '家族会が続ける月1回の家族学習会（全6回シリーズ）',
      titleKana: 'かぞくかいがつづけるかぞくがくしゅうかい',
      summary:
        '家族会が市と協力し、ひきこもりの理解や声かけを学ぶ全6回の家族学習会を毎年ひらいています。修了した家族が次の年の運営に加わる形で続いています。',
      trigger:
        '相談に来る家族の多くが「何をどう話せばいいか分からない」と話していたため、家族会として学ぶ場をつくろうと考えました。',
      firstSteps:
        '県のひきこもり地域支援センターに講師を相談し、1年目は会員向けに小さく始めました。市の広報に載せてもらい、会員以外の家族も参加できるようにしました。',
      whatWasDone:
        '第1回「ひきこもりを理解する」から第6回「家族自身の暮らしを大切にする」まで、講義と少人数の話し合いを組み合わせています。欠席した回は資料を郵送し、次の年に参加できるようにしています。',
      partners: [
        { kind: 'prefecture_centre', name: '山梨県ひきこもり地域支援センター（デモ）' },
        { kind: 'social_welfare_council', name: '市社会福祉協議会（デモ）' },
      ],
      staffing: '家族会の世話人 4名、市の担当者 1名',
      budget: { amountYen: 180_000, source: 'own_budget', note: '市の委託料と家族会の会費' },
      outcomes:
        '参加した家族から「責める言葉が減った」「自分の時間を持てるようになった」という声がありました。家族が落ち着いたことで、本人との会話が少しずつ増えた家庭もあります。',
      wentWell: '修了した家族が翌年の運営に加わることで、講座が「教わる場」から「支え合う場」になりました。',
      difficulties: '平日の夜は参加しにくいという声があり、3年目から土曜の午後に変えました。',
      periodFrom: '2023-05-01',
      periodTo: null,
      contactWindow: '甲斐市 福祉課 ひきこもり相談窓口（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.fujikawaShortHours,
    prefecture: '山梨県',
    town: '富士川町',
    authorKind: 'municipality',
    authorName: '富士川町 福祉保健課（デモ）',
    state: 'published',
    themes: ['flexible_work', 'community'],
    lifeStages: ['working_age'],
    populationBand: '10k_30k',
    areaClass: 'rural',
    publishedOn: '2026-08-20',
    content: {
      title: '町の和菓子店と始めた「週1日・2時間から」の短時間雇用',
      titleKana: 'まちのわがしてんとはじめたたんじかんこよう',
      summary:
        '商工会の紹介で、地元の和菓子店が箱折りや包装の仕事を週1日・2時間から任せてくれることになりました。慣れてきたら本人の希望で時間を延ばせる仕組みです。',
      trigger:
        '「いきなり週5日は無理だけれど、少しなら働いてみたい」という相談が続いたことと、人手不足に悩む商店の声が重なりました。',
      firstSteps:
        '商工会の会合で町の担当者が事情を説明し、関心を持った店に個別に相談しました。最初の1か月は職場体験として、町の職員が同行しました。',
      whatWasDone:
        '作業を細かく分け、人と話さなくてもできる工程から始めました。勤務日は本人と店で相談して決め、体調が悪い日は前日までに連絡すれば休めるようにしています。賃金は最低賃金以上で、店が直接雇用しています。',
      partners: [
        { kind: 'employer', name: '町内の和菓子店（デモ）' },
        { kind: 'hello_work', name: 'ハローワーク（デモ）' },
        { kind: 'other', name: '町商工会（デモ）' },
      ],
      staffing: '町の保健師 1名、就労支援担当 1名',
      budget: { amountYen: null, source: 'none', note: '町の追加予算なし（職員の同行のみ）' },
      outcomes:
        '2年間で4人が働き始め、うち2人は週3日に増やしました。働くことを目標にしない人もいますが、「町に自分の役割がある」と感じられたという声がありました。',
      wentWell:
        '店の方が「できることを少しずつ」という考え方を理解してくださり、職場が安心できる場になりました。',
      difficulties:
        '繁忙期に急な休みが重なったとき、店の負担が大きくなりました。別の店とも連携して調整できるよう準備中です。',
      periodFrom: '2024-04-01',
      periodTo: null,
      contactWindow: '富士川町 福祉保健課（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.shiwaTransport,
    prefecture: '岩手県',
    town: '紫波町',
    authorKind: 'municipality',
    authorName: '紫波町 長寿介護課（デモ）',
    state: 'published',
    themes: ['transport', 'ibasho'],
    lifeStages: ['working_age', 'age_40_64'],
    populationBand: '30k_100k',
    areaClass: 'rural',
    publishedOn: '2026-05-15',
    content: {
      title: '乗合タクシーの回数券で居場所に通えるようにした',
      titleKana: 'のりあいたくしーのかいすうけん',
      summary:
        '居場所まで車で30分かかる地区があり、家族の送迎に頼れない人が通えませんでした。町の乗合タクシーの回数券を配ることで、自分で通えるようにしました。',
      trigger: '居場所の利用者アンケートで、半数近くが「送ってもらえないと行けない」と答えたことです。',
      firstSteps:
        '交通担当課と相談し、既存の乗合タクシーの予約方法を居場所向けに分かりやすく案内する資料をつくりました。',
      whatWasDone:
        '居場所に登録した人に、月4回分の回数券を渡しています。予約の電話が苦手な人のために、居場所のスタッフが代わりに予約することもできます。',
      partners: [
        { kind: 'npo', name: '居場所を運営するNPO（デモ）' },
        { kind: 'other', name: '町の交通担当課（デモ）' },
      ],
      staffing: '町職員 1名、NPO スタッフ 2名',
      budget: { amountYen: 360_000, source: 'own_budget', note: '回数券の費用' },
      outcomes: '通える人が増え、月に1回だった人が週1回来られるようになった例もあります。',
      wentWell: '新しい仕組みを作らず、今ある乗合タクシーを使ったので早く始められました。',
      difficulties: '冬は雪で運休する日があり、その日はオンラインでの参加を案内しています。',
      periodFrom: '2025-04-01',
      periodTo: null,
      contactWindow: '紫波町 長寿介護課（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.toyonakaPlatform,
    prefecture: '大阪府',
    town: '豊中市',
    authorKind: 'municipality',
    authorName: '豊中市 福祉部（デモ）',
    state: 'published',
    themes: ['platform', 'consultation'],
    lifeStages: ['school_age', 'after_school', 'working_age', 'age_40_64'],
    populationBand: '300k_1m',
    areaClass: 'urban',
    publishedOn: '2026-04-22',
    content: {
      title: '福祉と労働の担当が毎月集まる「つなぐ会議」',
      titleKana: 'つなぐかいぎ',
      summary:
        '相談の入口がばらばらで、同じ家族が何度も説明しなければならない状態でした。福祉・労働・教育・社協が毎月集まり、入口を一つにそろえました。',
      trigger: '相談者から「どこに行っても最初から話すことになる」という声が寄せられたことです。',
      firstSteps:
        'まず各課の窓口にどんな相談が来ているかを3か月分持ち寄り、重なっている部分を見える形にしました。',
      whatWasDone:
        '毎月の会議で、同意を得た相談について支援の分担を決めています。どの窓口に来ても同じ案内ができるよう、共通の案内シートを作りました。',
      partners: [
        { kind: 'hello_work', name: 'ハローワーク（デモ）' },
        { kind: 'school', name: '市教育委員会（デモ）' },
        { kind: 'social_welfare_council', name: '市社会福祉協議会（デモ）' },
      ],
      staffing: '各課から 1名ずつ、計 6名',
      budget: { amountYen: 0, source: 'none', note: '会議は既存の業務時間内で実施' },
      outcomes: '説明を繰り返さずに済むようになり、相談から最初の支援までの期間が短くなりました。',
      wentWell: '数字ではなく、相談者の声を会議の最初に共有するようにしたことで、目的がぶれませんでした。',
      difficulties: '個人情報の扱いを各課でそろえるのに時間がかかりました。',
      periodFrom: '2024-10-01',
      periodTo: null,
      contactWindow: '豊中市 福祉部 地域共生課（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.koumiOutreach,
    prefecture: '長野県',
    town: '小海町',
    authorKind: 'municipality',
    authorName: '小海町 保健福祉課（デモ）',
    state: 'published',
    themes: ['outreach'],
    lifeStages: ['working_age', 'age_40_64'],
    populationBand: 'under_10k',
    areaClass: 'rural',
    publishedOn: '2026-09-05',
    content: {
      title: '保健師の訪問を「手紙から」始める',
      titleKana: 'ほけんしのほうもんをてがみから',
      summary:
        '突然の訪問は本人の負担になるため、まず本人あての手紙を送り、返事がなくても月1回手紙を続けてから訪問するようにしました。',
      trigger:
        '家族の依頼で訪問した際、本人が部屋に閉じこもってしまい、その後の関わりが難しくなった経験からです。',
      firstSteps: '手紙の文面を、ピアサポーターと家族会の意見を聞きながら作りました。',
      whatWasDone:
        '手紙には職員の名前と顔写真、好きなことなどを書き、返事は求めないことを明記しています。家族を通じて「会ってもいい」と伝わってから訪問します。',
      partners: [{ kind: 'family_association', name: '地域の家族会（デモ）' }],
      staffing: '保健師 2名',
      budget: { amountYen: 20_000, source: 'own_budget', note: '郵送費' },
      outcomes: '1年で3人と会えるようになり、うち1人は役場の講座に参加しました。',
      wentWell: '急がないことを家族とも共有できたため、家族の焦りも和らぎました。',
      difficulties: '人事異動で担当が変わると関係が途切れやすく、引き継ぎの手紙を工夫しています。',
      periodFrom: '2025-01-01',
      periodTo: null,
      contactWindow: '小海町 保健福祉課（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.kitakyushuRelearning,
    prefecture: '福岡県',
    town: '北九州市',
    authorKind: 'npo',
    authorName: '学び直し支援のNPO（デモ）',
    state: 'published',
    themes: ['relearning'],
    lifeStages: ['after_school', 'working_age'],
    populationBand: '300k_1m',
    areaClass: 'urban',
    publishedOn: '2026-03-30',
    content: {
      title: 'カメラをつけなくていいオンライン学び直し講座',
      titleKana: 'おんらいんまなびなおしこうざ',
      summary:
        '高校を中退した人や、長く学ぶ機会がなかった人のために、顔を出さずに参加できるオンライン講座をひらきました。',
      trigger: '高卒認定を目指したいが、教室に通うのは難しいという相談が増えていたことです。',
      firstSteps: '市の若者支援の窓口と一緒に、どの科目から始めたいかを聞き取りました。',
      whatWasDone:
        '数学・英語・国語を週1回ずつ、チャットで質問できる形で行っています。録画を見られるので、体調に合わせて参加できます。',
      partners: [{ kind: 'school', name: '地域の定時制高校（デモ）' }],
      staffing: 'NPO の講師 3名、ボランティア 5名',
      budget: { amountYen: 800_000, source: 'grant', note: '民間助成金' },
      outcomes: '受講した人の中から、高卒認定に合格した人や、通信制高校に入学した人が出ています。',
      wentWell: 'カメラやマイクを使わなくてよいことが、参加の一歩を軽くしました。',
      difficulties: '通信環境がない人にはパソコンの貸し出しが必要で、台数が足りていません。',
      periodFrom: '2024-06-01',
      periodTo: null,
      contactWindow: '北九州市 子ども家庭局 若者支援担当（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.setagayaPeer,
    prefecture: '東京都',
    town: '世田谷区',
    authorKind: 'municipality',
    authorName: '世田谷区 保健福祉政策部（デモ）',
    state: 'published',
    themes: ['peer_support', 'ibasho'],
    lifeStages: ['working_age', 'age_40_64'],
    populationBand: '300k_1m',
    areaClass: 'urban',
    publishedOn: '2026-02-14',
    content: {
      title: 'ピアサポーターを有償で雇い、居場所の運営を任せる',
      titleKana: 'ぴあさぽーとゆうしょう',
      summary: '経験者がボランティアとしてではなく、報酬を受け取る仕事として居場所を運営する形にしました。',
      trigger: 'ボランティアに頼っていた運営が、担い手の負担で続かなくなりかけたことです。',
      firstSteps: '経験者に集まってもらい、どんな働き方なら続けられるかを話し合いました。',
      whatWasDone:
        '時給制で、1回3時間から働けるようにしました。研修を受けた人が、交代で居場所の受付や進行を担当しています。',
      partners: [{ kind: 'peer_supporters', name: '区内のピアサポーター 8名' }],
      staffing: 'ピアサポーター 8名（交代制）、区職員 1名',
      budget: { amountYen: 2_400_000, source: 'national_subsidy', note: 'ピアサポーターの報酬' },
      outcomes: '来る人にとって「同じ経験をした人がいる」安心感があり、初めての人が増えました。',
      wentWell: '報酬があることで、ピアサポーター自身が役割に誇りを持てるようになりました。',
      difficulties: '源泉徴収などの事務に慣れるまで時間がかかりました。',
      periodFrom: '2025-04-01',
      periodTo: null,
      contactWindow: '世田谷区 保健福祉政策部（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.itsukiIbasho,
    prefecture: '熊本県',
    town: '五木村',
    authorKind: 'municipality',
    authorName: '五木村 保健福祉課（デモ）',
    state: 'published',
    themes: ['ibasho', 'community'],
    lifeStages: ['working_age', 'age_40_64'],
    populationBand: 'under_10k',
    areaClass: 'rural',
    publishedOn: '2026-10-01',
    content: {
      title: '公民館の一室を「誰でも寄れる部屋」にした小さな村の居場所',
      titleKana: 'こうみんかんのいばしょ',
      summary:
        '村には居場所と呼べる場所がありませんでした。公民館の一室を平日の午後に開放し、ひきこもりに限らず誰でも寄れる部屋にしました。',
      trigger: '「ひきこもりの居場所」と名前が付くと、小さな村では行きにくいという家族の声です。',
      firstSteps: '名前を付けず、「お茶の部屋」として高齢者の集まりと同じ部屋で始めました。',
      whatWasDone: '平日の13時から16時に開け、お茶と新聞、将棋を置いています。村の職員が週2回顔を出します。',
      partners: [{ kind: 'social_welfare_council', name: '村社会福祉協議会（デモ）' }],
      staffing: '社協職員 1名、村職員（週2回）',
      budget: { amountYen: 50_000, source: 'own_budget', note: '茶菓代など' },
      outcomes: '高齢者と若い人が将棋を指すようになり、村の行事の手伝いを頼まれた人もいます。',
      wentWell: '特別な場所にしなかったことで、誰にも知られず通えるようになりました。',
      difficulties: '目的をはっきりさせないため、効果を説明しにくく、予算の説明に工夫が要りました。',
      periodFrom: '2025-06-01',
      periodTo: null,
      contactWindow: '五木村 保健福祉課（デモ）',
    },
  },
  {
    id: DEMO_CASE_IDS.kofuDraft,
    prefecture: '山梨県',
    town: '甲府市',
    authorKind: 'municipality',
    authorName: '甲府市 福祉保健部（デモ）',
    state: 'draft',
    themes: ['outreach'],
    lifeStages: ['age_40_64'],
    populationBand: '100k_300k',
    areaClass: 'urban',
    publishedOn: '',
    content: {
      title: '（下書き）8050世帯への訪問の進め方',
      summary: '書きかけの下書きです。公開されていません。',
      trigger: '',
      firstSteps: '',
      whatWasDone: '',
      partners: [],
      staffing: '',
      budget: { amountYen: null, source: 'none', note: '' },
      outcomes: '',
      wentWell: '',
      difficulties: '',
      periodFrom: null,
      periodTo: null,
      contactWindow: '',
    },
  },
];

export const knowledgeDemoSeed: DemoSeed = {
  name: 'knowledge',
  after: ['accounts'],
  async run({ db, clock }) {
    await asSystem(db, async (tx) => {
      const themes = await tx.select().from(caseThemes);
      for (const demo of DEMO_CASES) {
        // Through the municipalities module (its index.ts), not its table: the town and its prefecture by name.
        const found = await searchMunicipalities(tx, { q: demo.town, kind: 'municipality', limit: 50 });
        const town = found.items.find(
          (m) => m.name === demo.town && m.prefectureName === demo.prefecture && m.kind === 'municipality',
        );
        if (!town) continue;
        const content: CaseContentView = {
          titleKana: '',
          linkedPlaceIds: [],
          linkedEventIds: [],
          ...demo.content,
        };
        const published = demo.state === 'published' ? new Date(`${demo.publishedOn}T10:00:00+09:00`) : null;
        const at = published ?? clock.now();
        const [row] = await tx
          .insert(cases)
          .values({
            id: demo.id,
            authorCode: town.code,
            reviewerCode: prefectureTenantCode(town.prefectureCode),
            authorKind: demo.authorKind,
            authorName: demo.authorName,
            municipalityCode: town.code,
            prefectureCode: town.prefectureCode,
            municipalityName: town.name,
            prefectureName: town.prefectureName,
            municipalityType: municipalityType(town.code, town.name),
            populationBand: demo.populationBand,
            areaClass: demo.areaClass,
            state: demo.state,
            themes: demo.themes,
            lifeStages: demo.lifeStages,
            content,
            ...searchKeys(
              content,
              themes.filter((t) => demo.themes.includes(t.code)),
              {
                municipalityName: town.name,
                prefectureName: town.prefectureName,
                authorName: demo.authorName,
              },
            ),
            createdAt: at,
            updatedAt: at,
            submittedAt: published,
            reviewedAt: published,
            publishedAt: published,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) continue;
        const actions =
          demo.state === 'published'
            ? (['created', 'submitted', 'accepted', 'published'] as const)
            : (['created'] as const);
        for (const action of actions)
          await tx.insert(caseVersions).values({
            authorCode: row.authorCode,
            caseId: row.id,
            version: 1,
            action,
            at,
            content,
            actorName: 'デモ',
          });
      }
    });
  },
};
