import type { PersonSummary } from '../../../shared/contracts/support.ts';
import { AGE_GROUP_LABELS, URGENCY_LABELS } from '../../../shared/support-records.ts';
import { formatWareki } from '../../../shared/text/wareki.ts';
import { toCsv, withBom } from '../../platform/text/csv.ts';
import { supportError } from './support.errors.ts';
import { mayExport, PERSON_EXPORT_MAX } from './support.policy.ts';

export { PERSON_EXPORT_MAX };

/** Refuses (before anything is written to the audit log) an export that would be cut short. */
export function assertExportable(total: number): void {
  if (!mayExport(total).allowed) throw supportError(422, 'support_export_too_large');
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
