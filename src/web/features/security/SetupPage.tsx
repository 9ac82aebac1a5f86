import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../api/me.ts';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { cardClass } from '../../ui/styles.ts';
import { PasskeyEnrolment } from './PasskeyEnrolment.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';

/**
 * `/console/security/setup`: enrolment of a first second factor. Accounts whose roles read personal
 * data land here after login until they have one; the rest of the console is closed to them meanwhile.
 */
const setupApi = getRouteApi('/console/security/setup');

export function SetupPage() {
  const { t } = useTranslation();
  const { removed } = setupApi.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const [codes, setCodes] = useState<string[] | null>(null);
  const [enrolled, setEnrolled] = useState(false);

  const finish = async () => {
    // The session changed (second factor passed): read it again before entering the console.
    await queryClient.fetchQuery({ ...meQuery(), staleTime: 0 });
    await navigate({ to: '/console' });
  };

  const onEnrolled = (recoveryCodes: string[] | null) => {
    setEnrolled(true);
    if (recoveryCodes) setCodes(recoveryCodes);
    else void finish();
  };

  return (
    <>
      <PageHeading title={t('setup.title')}>{t('setup.title')}</PageHeading>
      <LiveStatus message={removed && !enrolled ? t('setup.factorRemoved') : null} />
      {me.data?.mfa.enrolmentRequired && !enrolled && (
        <Notice tone="info">
          <p>{t('setup.required')}</p>
        </Notice>
      )}
      {codes ? (
        <RecoveryCodes codes={codes} continueLabel={t('setup.continue')} onContinue={() => void finish()} />
      ) : (
        <>
          <p className="max-w-3xl text-std-16N-170">{t('setup.lead')}</p>
          <section aria-labelledby="setup-totp-heading" className={cardClass}>
            <h2 id="setup-totp-heading" className="text-std-20B-150">
              {t('setup.totpHeading')}
            </h2>
            <TotpEnrolment onEnrolled={onEnrolled} />
          </section>
          <section aria-labelledby="setup-passkey-heading" className={cardClass}>
            <h2 id="setup-passkey-heading" className="text-std-20B-150">
              {t('setup.passkeyHeading')}
            </h2>
            <PasskeyEnrolment onEnrolled={onEnrolled} />
          </section>
        </>
      )}
    </>
  );
}
