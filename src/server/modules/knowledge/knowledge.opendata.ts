import { toCsv, withBom } from '../../platform/text/csv.ts';
import type { PublishedCase } from './knowledge.search.ts';

/**
 * Open data of the library (issue 17 §6): every published case, as JSON (the public API's shape, with
 * the source and date) and as CSV in the columns today's national tables use (きっかけ / まず始めたこと /
 * 良かったこと・苦労したこと / 問い合わせ先) plus the rest. CSV through the platform's `toCsv`, which
 * neutralises spreadsheet formulas.
 */
export function casesJson(all: PublishedCase[], now: Date, publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  return {
    title: 'つながり モデル事例ライブラリ',
    generatedAt: now.toISOString(),
    licence: 'CC BY 4.0',
    items: all.map((c) => ({ ...c, url: `${base}/cases/${c.id}` })),
  };
}

export const CSV_HEADER = [
  'ID',
  '全国地方公共団体コード',
  '都道府県名',
  '市区町村名',
  '作成者',
  '事例名',
  'テーマ',
  'ライフステージ',
  '自治体の種類',
  '人口規模',
  '地域の特性',
  '概要',
  'きっかけ',
  'まず始めたこと',
  '取り組みの内容',
  '連携先',
  '体制',
  '予算額（円）',
  '財源',
  '本人・家族にとっての変化',
  '良かったこと',
  '苦労したこと',
  '期間（開始）',
  '期間（終了）',
  '問い合わせ先',
  '公開日',
  'URL',
];

export function casesCsv(all: PublishedCase[], publicUrl: string): string {
  const base = publicUrl.replace(/\/$/, '');
  return withBom(
    toCsv([
      CSV_HEADER,
      ...all.map((c) => [
        c.id,
        c.municipalityCode,
        c.prefectureName,
        c.municipalityName,
        c.authorName,
        c.title,
        c.themes.join(' '),
        c.lifeStages.join(' '),
        c.municipalityType,
        c.populationBand,
        c.areaClass,
        c.summary,
        c.content.trigger,
        c.content.firstSteps,
        c.content.whatWasDone,
        c.content.partners.map((p) => `${p.name}（${p.kind}）`).join(' / '),
        c.content.staffing,
        c.content.budget.amountYen,
        c.content.budget.source,
        c.content.outcomes,
        c.content.wentWell,
        c.content.difficulties,
        c.content.periodFrom,
        c.content.periodTo,
        c.content.contactWindow,
        c.publishedAt.slice(0, 10),
        `${base}/cases/${c.id}`,
      ]),
    ]),
  );
}
