import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../ui/PageHeading.tsx';
import { PublicLayout } from '../ui/PublicLayout.tsx';
import { linkClass } from '../ui/styles.ts';

/** Any unknown path: the server hands every page URL to the app, so the app says what is missing. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <div className="flex flex-col gap-4">
        <PageHeading title={t('notFound.title')}>{t('notFound.heading')}</PageHeading>
        <p className="text-std-16N-170">{t('notFound.body')}</p>
        <Link to="/" className={`${linkClass} inline-flex min-h-11 items-center self-start text-std-17B-170`}>
          {t('common.backHome')}
        </Link>
      </div>
    </PublicLayout>
  );
}
