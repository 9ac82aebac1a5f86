import type { NavigatorRule, RuleText } from '../contracts/navigator.ts';

/**
 * The first national rule set (version 1), loaded at start-up when no version exists. After that the
 * rules are data: national staff publish a new version in the console, with the date from which it
 * is in force. Each rule names its source and the day it was last checked (decision 0016).
 *
 * The facts are those of issue 18 ("Starting facts"), encoded on the day below. The `url`s are the
 * official pages or e-Gov law texts the facts come from; national staff re-check them (and update
 * `checkedOn`) with each new version.
 */
const CHECKED_ON = '2026-12-05';

const EGOV = (lawId: string) => `https://laws.e-gov.go.jp/law/${lawId}`;
const SOURCES = {
  nhiRegulation: { title: '国民健康保険法施行規則 第3条（資格取得の届出）', url: EGOV('333M50000100053') },
  healthInsuranceAct: {
    title: '健康保険法 第3条第4項・第37条・第38条（任意継続被保険者）',
    url: EGOV('211AC0000000070'),
  },
  healthInsuranceDependant: { title: '健康保険法 第3条第7項（被扶養者）', url: EGOV('211AC0000000070') },
  sicknessContinuation: { title: '健康保険法 第104条（資格喪失後の継続給付）', url: EGOV('211AC0000000070') },
  pensionRegulation: {
    title: '国民年金法施行規則 第6条の2（種別の変更の届出）',
    url: EGOV('335M50000100012'),
  },
  pensionExemption: {
    title: '日本年金機構「国民年金保険料の免除制度・納付猶予制度」（退職（失業）による特例免除）',
    url: 'https://www.nenkin.go.jp/service/kokunen/menjo/20150428.html',
  },
  employmentInsuranceAct: {
    title: '雇用保険法 第13条・第20条・第21条・第33条（受給資格・受給期間・待期・給付制限）',
    url: EGOV('349AC0000000116'),
  },
  basicAllowance: {
    title: 'ハローワークインターネットサービス「基本手当について」',
    url: 'https://www.hellowork.mhlw.go.jp/insurance/insurance_basicbenefit.html',
  },
  restriction2025: {
    title:
      '雇用保険法等の一部を改正する法律（令和6年法律第26号）: 自己都合離職の給付制限 1か月（2025年4月1日以降の離職）',
    url: EGOV('349AC0000000116'),
  },
  separationNotice: {
    title: '雇用保険法施行規則 第7条（資格喪失届・離職証明書は離職の翌日から10日以内）',
    url: EGOV('350M50002000003'),
  },
  jobSeekerSupport: {
    title: '厚生労働省「求職者支援制度のご案内」',
    url: 'https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/koyou_roudou/koyou/kyushokusha_shien/index.html',
  },
  selfRelianceAct: {
    title: '生活困窮者自立支援法（自立相談支援事業・住居確保給付金）',
    url: EGOV('425AC0000000105'),
  },
  publicAssistanceAct: { title: '生活保護法 第19条（実施機関: 福祉事務所）', url: EGOV('325AC0000000144') },
  saposute: { title: '地域若者サポートステーション（厚生労働省）', url: 'https://saposute-net.mhlw.go.jp/' },
  labourCorner: {
    title: '厚生労働省「総合労働相談コーナーのご案内」',
    url: 'https://www.mhlw.go.jp/general/seido/chihou/kaiketu/soudan.html',
  },
  mentalHealth: { title: '厚生労働省「まもろうよ こころ」', url: 'https://www.mhlw.go.jp/mamorouyokokoro/' },
} as const;

type Texts = { ja: RuleText; en: RuleText; easy: RuleText };
const rule = (
  r: Omit<NavigatorRule, 'title' | 'checkedOn' | 'effectiveTo'> & {
    effectiveTo?: string | null;
    text: Texts;
  },
): NavigatorRule => ({
  ...r,
  title: r.text.ja.title,
  effectiveTo: r.effectiveTo ?? null,
  checkedOn: CHECKED_ON,
});

const ID_CARD = {
  ja: '本人確認書類（マイナンバーカードなど）',
  en: 'Proof of identity (e.g. My Number card)',
  easy: 'あなたの ことが わかる カード（マイナンバーカード など）',
};

export const STARTING_RULES: NavigatorRule[] = [
  rule({
    id: 'nhi_enrolment',
    kind: 'nhi_enrolment',
    topic: 'health_insurance',
    effectiveFrom: '2000-04-01',
    source: SOURCES.nhiRegulation,
    where: 'municipality_nhi',
    params: { deadlineDays: 14 },
    askAtWindow: true,
    text: {
      ja: {
        title: '国民健康保険に入る',
        summary:
          '会社の健康保険は、退職日の翌日（資格喪失日）から使えなくなります。任意継続や家族の扶養に入らないときは、資格喪失日から14日以内に、住んでいる市区町村で国民健康保険の届出をします。保険料は前の年の所得などで決まります。',
        bring: [
          '健康保険の資格喪失証明書（または退職日がわかる書類）',
          ID_CARD.ja,
          'マイナンバーがわかるもの',
        ],
      },
      en: {
        title: 'Join National Health Insurance',
        summary:
          'Your employer’s health insurance ends on the day after your last day of work (the day you lose coverage). Unless you continue it voluntarily or become a family member’s dependant, register for National Health Insurance at your municipality within 14 days of that day. The premium depends on last year’s income and other facts.',
        bring: [
          'Certificate of loss of health insurance (or a document showing your last day)',
          ID_CARD.en,
          'Something showing your My Number',
        ],
      },
      easy: {
        title: '国民健康保険に 入る',
        summary:
          '会社の 健康保険は、やめた 日の つぎの 日から 使えません。14日の うちに、住んで いる 市役所・町村役場で 国民健康保険の 手続きを します。お金（保険料）は 人に よって ちがいます。',
        bring: ['健康保険を やめた ことが わかる 紙', ID_CARD.easy, 'マイナンバーが わかる もの'],
      },
    },
  }),
  rule({
    id: 'voluntary_continuation',
    kind: 'voluntary_continuation',
    topic: 'health_insurance',
    effectiveFrom: '2022-01-01',
    source: SOURCES.healthInsuranceAct,
    where: 'former_insurer',
    params: { deadlineDays: 20, minInsuredMonths: 2, maxYears: 2 },
    askAtWindow: true,
    text: {
      ja: {
        title: '健康保険の任意継続',
        summary:
          '退職するまでに続けて2か月以上会社の健康保険に入っていた人は、資格喪失日から20日以内に申し出ると、同じ健康保険を最長2年続けられます。保険料は全額自分で払います。国民健康保険とどちらが安いかは窓口で確認してください。',
        bring: ['任意継続の申出書（健康保険のホームページや窓口）', '退職日がわかる書類'],
      },
      en: {
        title: 'Continue your health insurance voluntarily',
        summary:
          'If you were insured continuously for 2 months or more before leaving, you can keep the same health insurance for up to 2 years by applying within 20 days of losing coverage. You pay the whole premium. Ask which is cheaper, this or National Health Insurance.',
        bring: [
          'Application form for voluntary continuation (from your health insurer)',
          'A document showing your last day',
        ],
      },
      easy: {
        title: '会社の 健康保険を 続ける（任意継続）',
        summary:
          '2か月 より 長く 会社の 健康保険に 入って いた 人は、20日の うちに 申しこむと、同じ 健康保険を 2年まで 続けられます。お金は ぜんぶ 自分で 払います。',
        bring: ['申しこみの 紙', 'やめた 日が わかる 紙'],
      },
    },
  }),
  rule({
    id: 'dependant',
    kind: 'dependant',
    topic: 'health_insurance',
    effectiveFrom: '2000-04-01',
    source: SOURCES.healthInsuranceDependant,
    where: 'family_insurer',
    params: {},
    askAtWindow: true,
    text: {
      ja: {
        title: '家族の健康保険の扶養に入る',
        summary:
          '一緒に暮らす家族が会社の健康保険に入っていれば、その扶養に入れることがあります。収入などの条件があるので、家族の勤め先で確認してください。',
        bring: ['家族の勤め先が指定する書類', '退職日がわかる書類'],
      },
      en: {
        title: 'Become a dependant on a family member’s health insurance',
        summary:
          'If a family member you live with is insured at work, you may be able to join as their dependant. There are income conditions: ask at the family member’s workplace.',
        bring: ['Documents the family member’s employer asks for', 'A document showing your last day'],
      },
      easy: {
        title: '家族の 健康保険に 入る（扶養）',
        summary: 'いっしょに 住む 家族の 健康保険に 入れる ことが あります。家族の 会社に 聞いて ください。',
        bring: ['家族の 会社が 言う 紙', 'やめた 日が わかる 紙'],
      },
    },
  }),
  rule({
    id: 'pension_change',
    kind: 'pension_change',
    topic: 'pension',
    effectiveFrom: '2000-04-01',
    source: SOURCES.pensionRegulation,
    where: 'municipality_pension',
    params: { deadlineDays: 14 },
    askAtWindow: false,
    text: {
      ja: {
        title: '国民年金に切り替える',
        summary:
          '会社の厚生年金から国民年金（第1号被保険者）への切り替えを、資格喪失日から14日以内に住んでいる市区町村でします。扶養されていた配偶者がいる人は、配偶者も切り替えが必要です。',
        bring: ['基礎年金番号通知書または年金手帳', '退職日がわかる書類', ID_CARD.ja],
      },
      en: {
        title: 'Switch to the National Pension',
        summary:
          'Change from your employer’s pension to the National Pension (category 1) at your municipality within 14 days of losing coverage. A spouse who was your dependant must switch too.',
        bring: [
          'Basic pension number notice or pension handbook',
          'A document showing your last day',
          ID_CARD.en,
        ],
      },
      easy: {
        title: '国民年金に かえる',
        summary:
          '14日の うちに、住んで いる 市役所・町村役場で 年金の 手続きを します。あなたの 扶養だった 夫や 妻も 手続きが いります。',
        bring: ['年金の 番号が わかる もの', 'やめた 日が わかる 紙', ID_CARD.easy],
      },
    },
  }),
  rule({
    id: 'pension_exemption',
    kind: 'pension_exemption',
    topic: 'pension',
    effectiveFrom: '2000-04-01',
    source: SOURCES.pensionExemption,
    where: 'municipality_pension',
    params: {},
    askAtWindow: true,
    text: {
      ja: {
        title: '年金保険料の免除（退職による特例免除）',
        summary:
          '仕事をやめて保険料を払うのが難しいときは、退職（失業）による特例免除を申請できます。退職したことがわかる書類を出します。認められるかどうかは窓口で確認してください。',
        bring: [
          '離職票または雇用保険受給資格者証の写しなど、退職がわかる書類',
          '基礎年金番号通知書または年金手帳',
        ],
      },
      en: {
        title: 'Pension premium exemption after leaving work',
        summary:
          'If paying the premium is hard after leaving work, you can apply for the special exemption for leaving work (unemployment), with proof that you left. Ask at the window whether it is granted.',
        bring: [
          'Proof of leaving (e.g. a copy of the separation notice)',
          'Basic pension number notice or pension handbook',
        ],
      },
      easy: {
        title: '年金の お金を 払わなくて よく なる ことが あります',
        summary: '仕事を やめて 払うのが むずかしい ときは、申しこみが できます。窓口で 聞いて ください。',
        bring: ['仕事を やめた ことが わかる 紙（離職票 など）', '年金の 番号が わかる もの'],
      },
    },
  }),
  rule({
    id: 'ui_basic_allowance',
    kind: 'ui_basic_allowance',
    topic: 'employment_insurance',
    effectiveFrom: '2017-01-01',
    source: SOURCES.basicAllowance,
    where: 'hello_work',
    params: {
      minInsuredMonths: 12,
      windowMonths: 24,
      minInsuredMonthsSpecial: 6,
      specialWindowMonths: 12,
      waitingDays: 7,
      receiptMonths: 12,
    },
    askAtWindow: true,
    text: {
      ja: {
        title: '雇用保険の基本手当（失業給付）',
        summary:
          '離職票を持ってハローワークで手続きします。ふつうは離職前2年間に雇用保険に入っていた期間が12か月以上必要です（解雇などの場合は離職前1年間に6か月以上）。手続きのあと7日間の待期があります。受け取れるのは離職日の翌日から1年の間です。金額と日数は窓口で確認してください。',
        bring: [
          '離職票（1と2）',
          'マイナンバーカード（または通知カードと本人確認書類）',
          '写真（縦3cm×横2.5cm、2枚）',
          '本人名義の預金通帳またはキャッシュカード',
        ],
      },
      en: {
        title: 'Employment insurance basic allowance',
        summary:
          'Apply at Hello Work with your separation notice (離職票). Normally you need 12 months of employment insurance in the 2 years before leaving (6 months in 1 year after a dismissal or similar). There is a 7-day waiting period after you apply. It can be received within 1 year from the day after leaving. Ask about amounts and days at the window.',
        bring: [
          'Separation notice (離職票 1 and 2)',
          'My Number card (or notice card and proof of identity)',
          'Two photos (3 cm × 2.5 cm)',
          'Bank book or cash card in your name',
        ],
      },
      easy: {
        title: '雇用保険の お金（失業給付）',
        summary:
          '離職票を 持って ハローワークに 行きます。ふつうは、やめる 前の 2年間に 12か月 より 長く 雇用保険に 入って いる ことが 必要です。お金を もらえるのは、やめた つぎの 日から 1年の 間です。',
        bring: ['離職票', 'マイナンバーカード', '写真 2まい', '自分の 名前の 通帳'],
      },
    },
  }),
  rule({
    id: 'ui_voluntary_restriction_2020',
    kind: 'ui_voluntary_restriction',
    topic: 'employment_insurance',
    effectiveFrom: '2020-10-01',
    effectiveTo: '2025-03-31',
    source: SOURCES.employmentInsuranceAct,
    where: 'hello_work',
    params: { restrictionMonths: 2, thirdTimeMonths: 3 },
    askAtWindow: true,
    text: {
      ja: {
        title: '自己都合で辞めたときの給付制限（2025年3月31日までの離職）',
        summary:
          '自分の都合で辞めた人は、7日間の待期のあと、さらに2か月（5年間で3回目からは3か月）基本手当を受け取れません。',
        bring: [],
      },
      en: {
        title: 'Waiting after leaving by your own choice (leavings up to 31 March 2025)',
        summary:
          'If you left by your own choice, after the 7-day waiting period there is a further 2 months (3 months from the third time in 5 years) without the allowance.',
        bring: [],
      },
      easy: {
        title: '自分から やめた ときは、すぐには もらえません',
        summary: '7日と、さらに 2か月 まちます。',
        bring: [],
      },
    },
  }),
  rule({
    id: 'ui_voluntary_restriction_2025',
    kind: 'ui_voluntary_restriction',
    topic: 'employment_insurance',
    effectiveFrom: '2025-04-01',
    source: SOURCES.restriction2025,
    where: 'hello_work',
    params: { restrictionMonths: 1, thirdTimeMonths: 3 },
    askAtWindow: true,
    text: {
      ja: {
        title: '自己都合で辞めたときの給付制限（2025年4月1日以降の離職）',
        summary:
          '自分の都合で辞めた人は、7日間の待期のあと、さらに1か月基本手当を受け取れません（5年間で3回目の自己都合離職は3か月）。教育訓練を受けた人などは制限がなくなることがあります。',
        bring: [],
      },
      en: {
        title: 'Waiting after leaving by your own choice (leavings from 1 April 2025)',
        summary:
          'If you left by your own choice, after the 7-day waiting period there is a further 1 month without the allowance (3 months for a third such leaving in 5 years). After qualifying training there may be none.',
        bring: [],
      },
      easy: {
        title: '自分から やめた ときは、すぐには もらえません',
        summary: '7日と、さらに 1か月 まちます。くわしくは ハローワークで 聞いて ください。',
        bring: [],
      },
    },
  }),
  rule({
    id: 'ui_separation_notice',
    kind: 'ui_separation_notice',
    topic: 'employment_insurance',
    effectiveFrom: '2000-04-01',
    source: SOURCES.separationNotice,
    where: 'employer',
    params: { employerFilingDays: 10 },
    askAtWindow: false,
    text: {
      ja: {
        title: '離職票が届かないとき',
        summary:
          '会社は離職の翌日から10日以内にハローワークへ届け出ることになっています。届かないときは、会社かハローワークに問い合わせてください。',
        bring: [],
      },
      en: {
        title: 'If the separation notice has not arrived',
        summary:
          'The employer must file with Hello Work within 10 days from the day after you left. If it has not come, ask your employer or Hello Work.',
        bring: [],
      },
      easy: {
        title: '離職票が 来ない とき',
        summary:
          '会社は 10日の うちに 出す ことに なって います。来ない ときは、会社か ハローワークに 聞いて ください。',
        bring: [],
      },
    },
  }),
  rule({
    id: 'ui_period_extension',
    kind: 'ui_period_extension',
    topic: 'employment_insurance',
    effectiveFrom: '2000-04-01',
    source: SOURCES.employmentInsuranceAct,
    where: 'hello_work',
    params: { extensionYearsMax: 3, minDaysUnableToWork: 30 },
    askAtWindow: true,
    text: {
      ja: {
        title: '受給期間の延長（病気・けが・出産・介護）',
        summary:
          '病気やけが、出産、介護などで30日以上続けて働けないときは、基本手当を受け取れる期間を最長3年延ばせます。体調がよくなってからでも受け取れるように、ハローワークに申し出てください。',
        bring: ['離職票', '働けないことがわかる書類（診断書など）'],
      },
      en: {
        title: 'Extending the period to receive the allowance',
        summary:
          'If illness, injury, childbirth or care stops you from working for 30 days or more, the period can be extended by up to 3 years, so you can receive the allowance once you are well. Tell Hello Work.',
        bring: ['Separation notice', 'Proof you cannot work (e.g. a medical certificate)'],
      },
      easy: {
        title: 'もらえる 期間を のばす',
        summary: '病気などで 30日 より 長く 働けない ときは、あとで もらえる ように 3年まで のばせます。',
        bring: ['離職票', '医者の 紙 など'],
      },
    },
  }),
  rule({
    id: 'sickness_allowance_continuation',
    kind: 'sickness_allowance_continuation',
    topic: 'health_insurance',
    effectiveFrom: '2000-04-01',
    source: SOURCES.sicknessContinuation,
    where: 'former_insurer',
    params: { minInsuredMonths: 12 },
    askAtWindow: true,
    text: {
      ja: {
        title: '傷病手当金を退職後も受け取る',
        summary:
          '退職日までに続けて1年以上健康保険に入っていて、退職のときに傷病手当金を受けている（または受けられる）人は、退職後も受け取れることがあります。前の健康保険に確認してください。',
        bring: ['傷病手当金の申請書', '医師の意見がわかる書類'],
      },
      en: {
        title: 'Sickness allowance after leaving',
        summary:
          'If you were insured continuously for 1 year or more and were receiving (or entitled to) sickness allowance when you left, it may continue after leaving. Ask your former health insurer.',
        bring: ['Sickness allowance claim form', 'The doctor’s opinion'],
      },
      easy: {
        title: '病気の ときの お金（傷病手当金）',
        summary:
          '1年 より 長く 健康保険に 入って いて、やめる ときに もらって いた 人は、やめた あとも もらえる ことが あります。',
        bring: ['申しこみの 紙', '医者の 紙'],
      },
    },
  }),
  rule({
    id: 'job_seeker_support',
    kind: 'job_seeker_support',
    topic: 'employment_insurance',
    effectiveFrom: '2011-10-01',
    source: SOURCES.jobSeekerSupport,
    where: 'hello_work',
    params: { monthlyAllowanceYen: 100000 },
    askAtWindow: true,
    text: {
      ja: {
        title: '求職者支援制度（雇用保険を受けられない人の訓練）',
        summary:
          '雇用保険を受けられない人は、無料の職業訓練を受けられます。収入や資産などの条件に合えば、訓練の間、月10万円の給付金があります。いますぐでなくても、知っておくだけで大丈夫です。',
        bring: [ID_CARD.ja],
      },
      en: {
        title: 'Job-seeker support (training without employment insurance)',
        summary:
          'If you cannot receive employment insurance, you can take free training. With income and asset conditions met, there is an allowance of 100,000 yen a month during the training. No need to decide now.',
        bring: [ID_CARD.en],
      },
      easy: {
        title: '雇用保険が ない 人の 勉強（求職者支援制度）',
        summary:
          'お金を 払わずに 仕事の 勉強が できます。条件に あえば、月10万円 もらえます。いま 決めなくて 大丈夫です。',
        bring: [ID_CARD.easy],
      },
    },
  }),
  rule({
    id: 'jiritsu_consultation',
    kind: 'jiritsu_consultation',
    topic: 'living',
    effectiveFrom: '2015-04-01',
    source: SOURCES.selfRelianceAct,
    where: 'jiritsu_soudan',
    params: {},
    askAtWindow: false,
    text: {
      ja: {
        title: '暮らしの相談（自立相談支援）',
        summary:
          'お金、住まい、仕事、家族のことなど、何から話せばよいかわからなくても相談できます。どなたでも利用でき、相談は無料です。市の窓口（町村に住む人は都道府県の窓口）です。',
        bring: [],
      },
      en: {
        title: 'Consultation on daily life (self-reliance support)',
        summary:
          'Money, housing, work, family: you can talk even if you do not know where to start. Anyone may use it, free of charge. It is run by the city (by the prefecture for towns and villages).',
        bring: [],
      },
      easy: {
        title: 'くらしの 相談',
        summary: 'お金や 家の ことなど、なんでも 相談 できます。だれでも 使えます。お金は かかりません。',
        bring: [],
      },
    },
  }),
  rule({
    id: 'housing_benefit',
    kind: 'housing_benefit',
    topic: 'living',
    effectiveFrom: '2015-04-01',
    source: SOURCES.selfRelianceAct,
    where: 'jiritsu_soudan',
    params: { withinYears: 2 },
    askAtWindow: true,
    text: {
      ja: {
        title: '住居確保給付金（家賃の支援）',
        summary:
          '仕事や収入を失ってから2年以内で、収入と資産の条件に合う人は、家賃相当額の支給を受けられることがあります。自立相談支援の窓口で相談してください。',
        bring: ['退職日がわかる書類', '収入がわかる書類', '賃貸借契約書'],
      },
      en: {
        title: 'Housing security benefit (help with rent)',
        summary:
          'Within 2 years of losing work or income, and with income and asset conditions met, you may get an amount covering rent. Ask at the self-reliance support window.',
        bring: ['A document showing your last day', 'Proof of income', 'Rental contract'],
      },
      easy: {
        title: '家賃の 手つだい',
        summary: '仕事を なくして 2年の うちで、条件に あえば、家賃の お金を もらえる ことが あります。',
        bring: ['やめた 日が わかる 紙', 'お金が わかる 紙', '家を かりた ときの 紙'],
      },
    },
  }),
  rule({
    id: 'public_assistance',
    kind: 'public_assistance',
    topic: 'living',
    effectiveFrom: '2000-04-01',
    source: SOURCES.publicAssistanceAct,
    where: 'welfare_office',
    params: {},
    askAtWindow: true,
    text: {
      ja: {
        title: '生活保護（福祉事務所）',
        summary:
          '暮らしていくお金がないときは、福祉事務所で生活保護を相談・申請できます。申請は権利です。ためらわずに相談してください。',
        bring: [],
      },
      en: {
        title: 'Public assistance (welfare office)',
        summary:
          'If you do not have enough to live on, you can ask about and apply for public assistance at the welfare office. Applying is your right.',
        bring: [],
      },
      easy: {
        title: '生活保護',
        summary: 'くらす お金が ない ときは、福祉事務所で 相談 できます。申しこむ ことは あなたの 権利です。',
        bring: [],
      },
    },
  }),
  rule({
    id: 'saposute',
    kind: 'saposute',
    topic: 'consultation',
    effectiveFrom: '2006-04-01',
    source: SOURCES.saposute,
    where: 'saposute',
    params: { minAge: 15, maxAge: 49 },
    askAtWindow: false,
    text: {
      ja: {
        title: '地域若者サポートステーション（サポステ）',
        summary:
          '15〜49歳の人が、これからのことを自分のペースで相談できる場所です。すぐに働くことを決めなくても大丈夫です。',
        bring: [],
      },
      en: {
        title: 'Local youth support station (Saposute)',
        summary:
          'For people aged 15–49: a place to talk about what comes next, at your own pace. You do not have to decide about work.',
        bring: [],
      },
      easy: {
        title: 'サポステ',
        summary: '15さいから 49さいの 人が、ゆっくり 相談 できる ところです。すぐ 働かなくても 大丈夫です。',
        bring: [],
      },
    },
  }),
  rule({
    id: 'labour_consultation',
    kind: 'labour_consultation',
    topic: 'consultation',
    effectiveFrom: '2001-10-01',
    source: SOURCES.labourCorner,
    where: 'labour_consultation',
    params: {},
    askAtWindow: false,
    text: {
      ja: {
        title: '総合労働相談コーナー',
        summary: '解雇、雇い止め、いじめ・嫌がらせなど、働いていたときのことを無料で相談できます。',
        bring: [],
      },
      en: {
        title: 'General labour consultation corner',
        summary:
          'Free advice on dismissal, non-renewal of a contract, harassment and other problems at work.',
        bring: [],
      },
      easy: {
        title: '仕事の こまりごとの 相談',
        summary:
          'やめさせられた、いやな ことを された など、仕事の ことを 相談 できます。お金は かかりません。',
        bring: [],
      },
    },
  }),
  rule({
    id: 'mental_health_lines',
    kind: 'mental_health_lines',
    topic: 'consultation',
    effectiveFrom: '2008-09-01',
    source: SOURCES.mentalHealth,
    where: 'phone',
    params: {},
    askAtWindow: false,
    text: {
      ja: {
        title: 'こころの相談（電話）',
        summary: 'つらい気持ちを電話で話せます。名前を言わなくても大丈夫です。',
        bring: [],
      },
      en: {
        title: 'Talking about how you feel (phone)',
        summary: 'You can talk about hard feelings by phone. You do not have to give your name.',
        bring: [],
      },
      easy: {
        title: 'こころの 相談（電話）',
        summary: 'つらい ときは 電話で 話せます。名前は 言わなくて 大丈夫です。',
        bring: [],
      },
    },
  }),
];

/** The first rule set's own date: in force for every day the navigator may be used. */
export const STARTING_RULE_SET = {
  version: 1,
  effectiveFrom: '2025-04-01',
  note: 'issue 18 の初期ルール',
} as const;
