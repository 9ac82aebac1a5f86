import { AGE_GROUP_LABELS, URGENCY_LABELS } from '../../../shared/support-records.ts';
import { formatWareki } from '../../../shared/text/wareki.ts';
import { AppError, registerErrorMessages } from '../../platform/errors.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import type { PersonSummary } from './support.schema.ts';

/** A caseload beyond this is not a list to print; the export says so instead of truncating silently. */
export const PERSON_EXPORT_MAX = 5000;

registerErrorMessages({
  support_export_too_large: {
    title: { ja: '件数が多すぎて出力できません', en: 'Too many records to export' },
    detail: {
      ja: `一度に出力できるのは ${PERSON_EXPORT_MAX} 件までです。担当や状態で絞り込んでください。`,
      en: `Up to ${PERSON_EXPORT_MAX} records can be exported at once. Narrow the list by worker or status.`,
    },
  },
});

/** Refuses (before anything is written to the audit log) an export that would be cut short. */
export function assertExportable(total: number): void {
  if (total > PERSON_EXPORT_MAX) throw new AppError(422, 'support_export_too_large');
}

const STATUS_LABELS: Record<string, string> = { active: '支援中', closed: '終了', merged: '統合済み' };

const dateOf = (iso: string | null) => (iso ? formatWareki(new Date(iso)) : '');

/**
 * The case list as staff see it on screen, for Excel (UTF-8 with BOM; toCsv neutralises formulas).
 * Columns are the list's own: nicknames, not real names, birth dates or contacts.
 */
export function personListCsv(items: PersonSummary[]): string {
  return withBom(
    toCsv([
      ['呼び名', '年代', '状態', '緊急性', '家族のみ', '最後の連絡', '連絡からの日数', '次の見直し'],
      ...items.map((p) => [
        p.nickname,
        AGE_GROUP_LABELS.ja[p.ageGroup],
        STATUS_LABELS[p.status] ?? p.status,
        p.urgency ? URGENCY_LABELS.ja[p.urgency] : '',
        p.familyOnly ? 'はい' : '',
        dateOf(p.lastContactAt),
        p.daysSinceContact ?? '',
        p.nextReviewOn ? formatWareki(new Date(`${p.nextReviewOn}T00:00:00+09:00`)) : '',
      ]),
    ]),
  );
}
