import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { type Me, meQuery } from '../auth/api.ts';
import { municipalityQuery } from '../municipalities/api.ts';

/** `/console`: a greeting and the account's roles; each capability adds its own section later. */
export function ConsoleHome() {
  const { t } = useTranslation();
  const me = useQuery(meQuery());
  const account = me.data?.account;
  const name = account?.displayName || account?.email || '';
  return (
    <>
      <PageHeading title={t('console.homeTitle')}>{t('console.homeTitle')}</PageHeading>
      <p className="text-std-16N-170">{t('console.welcome', { name })}</p>
      <p className="text-std-16N-170 text-solid-gray-700">{t('console.homeLead')}</p>
      {account && <Roles account={account} />}
    </>
  );
}

function Roles({ account }: { account: Me['account'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="roles-heading" className="flex flex-col gap-2 rounded-8 bg-white p-4">
      <h2 id="roles-heading" className="text-std-20B-150">
        {t('console.rolesHeading')}
      </h2>
      {account.tenant && <TenantName code={account.tenant} />}
      {account.roles.length > 0 ? (
        <ul className="flex list-disc flex-col gap-1 pl-6">
          {account.roles.map((r) => (
            <li key={`${r.role}:${r.tenant ?? r.scope}`} className="text-dns-16N-130">
              {t(`console.roles.${r.role}`, { defaultValue: r.role })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-dns-16N-130">{t('console.noRoles')}</p>
      )}
    </section>
  );
}

/** The tenant's name from the public API (the account only carries its code). */
function TenantName({ code }: { code: string }) {
  const { t } = useTranslation();
  const municipality = useQuery(municipalityQuery(code));
  return (
    <p className="text-dns-16N-130 text-solid-gray-800">
      {t('console.scope', { scope: municipality.data?.name ?? code })}
    </p>
  );
}
