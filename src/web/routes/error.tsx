import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../api/useProblemMessage.ts';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { PublicLayout } from '../ui/PublicLayout.tsx';
import { linkClass } from '../ui/styles.ts';

/** A route failed to load (server down, auth service missing): say so, offer a way back. */
export function RouteErrorPage({
  error,
  titleKey = 'common.unexpectedError',
}: {
  error: unknown;
  titleKey?: string;
}) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const title = t(titleKey);
  return (
    <PublicLayout>
      <div className="flex flex-col gap-4">
        <PageHeading title={title}>{title}</PageHeading>
        <Notice tone="error">
          <p>{problemMessage(error)}</p>
        </Notice>
        <Link to="/" className={`${linkClass} inline-flex min-h-11 items-center self-start`}>
          {t('common.backHome')}
        </Link>
      </div>
    </PublicLayout>
  );
}
