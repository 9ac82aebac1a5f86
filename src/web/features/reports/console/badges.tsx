import '../i18n.ts';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../../../shared/contracts/reports.ts';

const TONE: Record<ReportStatus, string> = {
  new: 'border-blue-900 bg-blue-50 text-blue-1000',
  in_progress: 'border-warning-yellow-2 bg-yellow-50 text-solid-gray-900',
  referred: 'border-success-2 bg-green-50 text-success-2',
  closed: 'border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800',
};

export function StatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-120 whitespace-nowrap ${TONE[status]}`}
    >
      {t(`reports.statuses.${status}`)}
    </span>
  );
}

export function UrgentBadge() {
  const { t } = useTranslation();
  return (
    <span className="inline-block rounded-4 border border-error-1 bg-error-1 px-2 py-0.5 text-dns-14B-120 whitespace-nowrap text-white">
      {t('reports.queue.urgent')}
    </span>
  );
}
