import { useTranslation } from 'react-i18next';
import { LoginForm } from '../features/auth/LoginForm.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';

/** `/login`: staff only; the public never needs an account (BRIEF principle 5). */
export function LoginPage({
  signedOut = false,
  expired = false,
  next,
}: {
  signedOut?: boolean;
  expired?: boolean;
  /** The console page to come back to after signing in (the session ended there). */
  next?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="flex flex-col gap-4">
        <PageHeading title={t('login.title')}>{t('login.heading')}</PageHeading>
        <p className="max-w-2xl text-std-16N-170">{t('login.lead')}</p>
      </div>
      {signedOut && (
        <div role="status">
          <Notice tone="success">{t('login.signedOut')}</Notice>
        </div>
      )}
      {expired && !signedOut && (
        <div role="status">
          <Notice tone="warning">{t('login.sessionEnded')}</Notice>
        </div>
      )}
      <LoginForm next={next} />
    </>
  );
}
