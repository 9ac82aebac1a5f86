import '../i18n.ts';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { secondaryButtonClass } from '../../../ui/styles.ts';
import { useCan } from './common.tsx';

/** On the person's page (support): referrals to agencies, and the person's rights. */
export function PersonAgencyLinks({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canRefer = useCan('referrals.send');
  const canRights = useCan('rights.handle');
  if (!canRefer && !canRights) return null;
  return (
    <nav aria-label={t('agencies.referrals.title')} className="flex flex-wrap gap-3">
      {canRefer && (
        <Link
          to="/console/support/persons/$id/referrals"
          params={{ id: personId }}
          className={secondaryButtonClass}
        >
          {t('agencies.referrals.title')}
        </Link>
      )}
      {canRights && (
        <Link
          to="/console/support/persons/$id/rights"
          params={{ id: personId }}
          className={secondaryButtonClass}
        >
          {t('agencies.rights.title')}
        </Link>
      )}
    </nav>
  );
}
