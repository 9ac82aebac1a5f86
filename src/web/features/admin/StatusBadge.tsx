import './i18n.ts';
import { useTranslation } from 'react-i18next';
import type { AccountStatus } from './api.ts';

export function StatusBadge({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  return status === 'active' ? (
    <span className="inline-block rounded-4 border border-success-2 bg-green-50 px-2 py-0.5 text-dns-14B-120 text-success-2">
      {t('accounts.status.active')}
    </span>
  ) : (
    <span className="inline-block rounded-4 border border-solid-gray-600 bg-solid-gray-50 px-2 py-0.5 text-dns-14B-120 text-solid-gray-800">
      {t('accounts.status.disabled')}
    </span>
  );
}
