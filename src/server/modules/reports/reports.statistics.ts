import { sql } from 'drizzle-orm';
import type { Statistics } from '../../../shared/contracts/reports.ts';
import { fiscalYearOf, formatWareki } from '../../../shared/text/wareki.ts';
import { rows, type Tx } from '../../platform/db/client.ts';
import {
  displayCell,
  type PublishedCell,
  type PublishedTable,
  suppressTable,
} from '../../platform/statistics/suppression.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import { listPrefectures } from '../municipalities/index.ts';
import type { StatisticsQuery } from './reports.schema.ts';
import { REPORT_CATEGORIES, type ReportCategory } from './reports.tables.ts';

/**
 * Statistics by prefecture, category and fiscal year across every tenant, published only as
 * suppressed aggregates (counts under the threshold hidden, plus secondary suppression; platform/statistics/suppression.ts). The raw counts come from
 * the aggregate-only SQL function `report_statistics`; nothing below the threshold leaves this file.
 */
export const CATEGORY_LABELS: Record<ReportCategory, string> = {
  forced_removal: '無理やり家から連れ出された',
  confinement: '閉じ込められた・外に出してもらえない',
  violence: '暴力を受けた',
  threats: 'おどされた',
  pressure_to_sign: '契約をせまられた',
  high_fees: '高額な料金を求められた',
  contact_cut_off: '家族と連絡が取れなくなった',
  other: 'その他',
};

/** 令和8年度（2026年度）: the era of 1 April of the fiscal year. */
export function fiscalYearLabel(year: number): string {
  const wareki = formatWareki(new Date(`${year}-04-01T12:00:00+09:00`));
  const eraYear = wareki.replace(/年.*$/, '');
  return `${eraYear}年度（${year}年度）`;
}

type Raw = { prefecture_code: string; fiscal_year: number; category: string; reports: string | number };

export async function computeStatistics(
  tx: Tx,
  query: StatisticsQuery,
  now: Date,
  threshold: number,
): Promise<Statistics> {
  const toYear = query.toYear ?? (query.fromYear !== undefined ? query.fromYear + 2 : fiscalYearOf(now));
  const fromYear = query.fromYear ?? toYear - 2;
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const raw = await rows<Raw>(tx, sql`select * from report_statistics(${fromYear}::int, ${toYear}::int)`);
  const prefectures = (await listPrefectures(tx)).items;

  const count = (filter: (r: Raw) => boolean) =>
    raw.filter(filter).reduce((n, r) => n + Number(r.reports), 0);

  const byPrefectureValues = prefectures.map((p) =>
    years.map((y) => count((r) => r.category === '*' && r.prefecture_code === p.code && r.fiscal_year === y)),
  );
  const byCategoryValues = REPORT_CATEGORIES.map((c) =>
    years.map((y) =>
      count(
        (r) =>
          r.category === c &&
          r.fiscal_year === y &&
          (query.prefecture === undefined || r.prefecture_code === query.prefecture),
      ),
    ),
  );
  const columns = years.map((y) => ({ key: String(y), label: fiscalYearLabel(y) }));
  return {
    fromYear,
    toYear,
    prefecture: query.prefecture ?? null,
    threshold,
    byPrefecture: {
      rows: prefectures.map((p) => ({ key: p.code, label: p.name })),
      columns,
      ...suppressTable(byPrefectureValues, { threshold, hideZero: true }),
    },
    byCategory: {
      rows: REPORT_CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABELS[c] })),
      columns,
      ...suppressTable(byCategoryValues, { threshold, hideZero: true }),
    },
  };
}

function tableLines(
  title: string,
  corner: string,
  totalLabel: string,
  table: PublishedTable & { rows: { label: string }[]; columns: { label: string }[] },
  threshold: number,
): string[][] {
  const show = (cell: PublishedCell) => displayCell(cell, threshold);
  return [
    [title],
    [corner, ...table.columns.map((c) => c.label), totalLabel],
    ...table.rows.map((r, i) => [r.label, ...table.cells[i]!.map(show), show(table.rowTotals[i]!)]),
    ['合計', ...table.columnTotals.map(show), show(table.grandTotal)],
  ];
}

/** CSV for spreadsheets used in Japanese offices: UTF-8 with BOM (Excel), CRLF. */
export function statisticsCsv(stats: Statistics, prefectureName: string | null): string {
  const lines: string[][] = [
    [`不適切な支援の通報 統計（${fiscalYearLabel(stats.fromYear)}〜${fiscalYearLabel(stats.toYear)}）`],
    [],
    ...tableLines('表1 都道府県別の通報件数', '都道府県', '合計', stats.byPrefecture, stats.threshold),
    [],
    ...tableLines(
      `表2 分類別の件数（延べ・${prefectureName ?? '全国'}）`,
      '分類',
      '合計（延べ）',
      stats.byCategory,
      stats.threshold,
    ),
    [],
    [`注: ${stats.threshold}件未満は「＜${stats.threshold}」と表示しています（0件を含む）。`],
    ['注: 他の欄や合計から計算できないよう、追加で伏せた欄は「＊」と表示しています。'],
    ['注: 1件の通報が複数の分類にあてはまることがあるため、表2の合計は延べ件数です。'],
  ];
  return withBom(toCsv(lines));
}
