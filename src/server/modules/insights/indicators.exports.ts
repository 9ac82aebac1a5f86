import { fiscalYearLabel } from '../../../shared/contracts/fiscal-label.ts';
import type { IndicatorFigure } from '../../../shared/contracts/insights.ts';
import { STATE_LABELS } from '../../platform/statistics/suppression.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import { loadExcel } from '../../platform/text/spreadsheet.ts';

/**
 * The indicator table as files, one row per municipality (or prefecture): the same published figures
 * as the JSON API, so the suppression holds in every format. A hidden figure is a word (秘匿, 未報告,
 * 対象外) and an empty value cell, never a number.
 */
export const EXPORT_HEADER = [
  '団体コード',
  '名称',
  '都道府県コード',
  '状態',
  '値',
  '下限',
  '上限',
  '10万人あたり',
];

const stateWord = (f: IndicatorFigure) => (f.state === 'value' ? '値' : STATE_LABELS[f.state].ja);
const cell = (f: IndicatorFigure, v: number | null) =>
  f.state === 'value' || f.state === 'zero' ? (v ?? '') : '';

export function exportRows(items: IndicatorFigure[]): (string | number)[][] {
  return items.map((f) => [
    f.code,
    f.name,
    f.prefectureCode,
    stateWord(f),
    cell(f, f.value),
    cell(f, f.lower),
    cell(f, f.upper),
    cell(f, f.per100k),
  ]);
}

export function exportNotes(title: string, fiscalYear: number, threshold: number): string[] {
  return [
    `${title}（${fiscalYearLabel(fiscalYear)}）`,
    `注: 人数は ${threshold} 未満を「秘匿」とし、合計から計算できないよう他の欄も伏せています。平均・割合は対象が ${threshold} 人以上のときだけ示します。`,
    '注: 「未報告」は報告がないこと、「対象外」はその指標の対象でないこと、0 は報告された 0 です。',
  ];
}

/** A plain table (header + one row per area) for machines; the notes travel in the .xlsx and the API. */
export function indicatorCsv(items: IndicatorFigure[]): string {
  return withBom(toCsv([EXPORT_HEADER, ...exportRows(items)]));
}

export async function indicatorXlsx(items: IndicatorFigure[], notes: string[]): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'つながり';
  const sheet = workbook.addWorksheet('指標');
  sheet.addRow(EXPORT_HEADER);
  for (const row of exportRows(items)) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 18 : 12;
  });
  const about = workbook.addWorksheet('注記');
  for (const n of notes) about.addRow([n]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
