import './i18n.ts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { TodayItem } from '../../../shared/contracts/console.ts';
import { api } from '../../api/client.ts';
import { meQuery } from '../../api/me.ts';
import { municipalityQuery } from '../../api/municipalities.ts';
import type { Me } from '../../api/session.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';

const todayQuery = () =>
  queryOptions({
    queryKey: ['console', 'today'],
    queryFn: () => api<{ items: TodayItem[] }>('/api/console/today'),
  });

/** `/console`: today's waiting work for the account's roles, a greeting and the roles themselves. */
export function ConsoleHome() {
  const { t } = useTranslation();
  const me = useQuery(meQuery());
  const account = me.data?.account;
  const name = account?.displayName || account?.email || '';
  return (
    <>
      <PageHeading title={t('console.homeTitle')}>{t('console.homeTitle')}</PageHeading>
      <p className="text-std-16N-170">{t('console.welcome', { name })}</p>
      <Today />
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

/** Counts with links, waiting work first; kinds with nothing waiting are listed after, muted. */
function Today() {
  const { t } = useTranslation();
  const today = useQuery(todayQuery());
  const items = today.data?.items ?? [];
  const waiting = items.filter((i) => i.count > 0);
  const quiet = items.filter((i) => i.count === 0);
  return (
    <section aria-labelledby="today-heading" className="flex flex-col gap-3 rounded-8 bg-white p-4">
      <h2 id="today-heading" className="text-std-20B-150">
        {t('console.today.heading')}
      </h2>
      {today.isPending && (
        <p role="status" className="text-dns-16N-130">
          {t('console.today.loading')}
        </p>
      )}
      {today.isError && (
        <p role="alert" className="text-dns-16N-130 text-error-1">
          {t('console.today.failed')}
        </p>
      )}
      {today.isSuccess && (
        <>
          <p className="text-dns-16N-130 text-solid-gray-700">{t('console.today.lead')}</p>
          {waiting.length === 0 && <p className="text-dns-16N-130">{t('console.today.nothing')}</p>}
          {waiting.length > 0 && (
            <ul className="grid gap-2 sm:grid-cols-2" data-testid="today-waiting">
              {waiting.map((item) => (
                <li key={item.kind}>
                  <Link
                    to={item.href}
                    className="flex items-center justify-between gap-3 rounded-8 border border-solid-gray-420 p-3 text-blue-1000 underline-offset-4 hover:underline focus-visible:outline focus-visible:outline-4 focus-visible:outline-black"
                  >
                    <span className="text-dns-16N-130">{t(`console.today.kinds.${item.kind}`)}</span>
                    <span className="shrink-0 text-std-20B-150">
                      {t('console.today.count', { count: item.count })}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {quiet.length > 0 && (
            <ul
              className="flex flex-col gap-1 text-dns-16N-130 text-solid-gray-700"
              data-testid="today-quiet"
            >
              {quiet.map((item) => (
                <li key={item.kind}>
                  {t('console.today.quietItem', { label: t(`console.today.kinds.${item.kind}`) })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
