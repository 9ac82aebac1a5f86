import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffDay } from '../../ui/datetime.ts';
import { matchesAllWords } from '../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { compactButtonClass, linkClass, tableClass } from '../../ui/styles.ts';
import { approveClaim, type Claim, claimsQuery, yen } from './api.ts';
import {
  ClaimAmountCells,
  ClaimAmountHeadings,
  ErrorNotice,
  ItemsQuery,
  SectionFilterBar,
  td,
  th,
} from './parts.tsx';

/** `/console/peers/claims`: staff approve submitted claims (not their own). */
export function PeerClaimsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const claims = useQuery(claimsQuery());
  const [status, setStatus] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<ClaimSort>('month');
  const approve = useMutation({
    mutationFn: (id: string) => approveClaim(id),
    onSuccess: async () => {
      setStatus(t('payments.claims.approved'));
      await queryClient.invalidateQueries({ queryKey: ['peers'] });
    },
  });
  const title = t('payments.claims.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('payments.claims.lead')}</p>
      <p>
        <Link to="/console/peers" className={linkClass}>
          {t('payments.registry.link')}
        </Link>
      </p>
      <LiveStatus message={status} />
      {approve.isError && <ErrorNotice error={approve.error} />}
      {/* Client-side: the claims awaiting approval come whole (one request, no pages) and are few by nature. */}
      <SectionFilterBar
        section="claims"
        text={{ value: q, onApply: setQ }}
        sort={sort}
        sorts={['month', 'name', 'amount'] as const}
        onSort={setSort}
      />
      <ItemsQuery query={claims} none={t('payments.claims.none')}>
        {(all) => {
          const claimItems = sortClaims(
            all.filter((c) => matchesAllWords(q, [c.supporterName])),
            sort,
          );
          return claimItems.length === 0 ? (
            <p>{t('payments.claims.noneMatch')}</p>
          ) : (
            <DataTable label={title}>
              <table className={tableClass}>
                <thead>
                  <tr>
                    <th className={th}>{t('payments.claims.supporter')}</th>
                    <th className={th}>{t('payments.peersMe.month')}</th>
                    <ClaimAmountHeadings />
                    <th className={th}>{t('payments.batch.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {claimItems.map((c) => (
                    <tr key={c.id}>
                      <td className={td}>{c.supporterName}</td>
                      <td className={td}>
                        {c.month}
                        <ClaimBreakdown claim={c} language={i18n.language} />
                      </td>
                      <ClaimAmountCells claim={c} />
                      <td className={td}>
                        {c.canApprove ? (
                          <button
                            type="button"
                            className={compactButtonClass}
                            onClick={() => approve.mutate(c.id)}
                            disabled={approve.isPending}
                          >
                            {t('payments.claims.approve', { name: c.supporterName, month: c.month })}
                          </button>
                        ) : (
                          t(
                            c.status === 'submitted'
                              ? 'payments.claims.notYours'
                              : `payments.claimStatus.${c.status}`,
                          )
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </DataTable>
          );
        }}
      </ItemsQuery>
    </>
  );
}

type ClaimSort = 'month' | 'name' | 'amount';
const claimCollator = new Intl.Collator('ja');
/** month: oldest first, then by name; name: 50音; amount: the largest payment first. */
function sortClaims(items: Claim[], sort: ClaimSort): Claim[] {
  const byName = (a: Claim, b: Claim) => claimCollator.compare(a.supporterName, b.supporterName);
  return [...items].sort((a, b) =>
    sort === 'name'
      ? byName(a, b) || a.month.localeCompare(b.month)
      : sort === 'amount'
        ? b.net - a.net || byName(a, b)
        : a.month.localeCompare(b.month) || byName(a, b),
  );
}

/** What the claim sums: each activity, then hours × hourly rate and the withholding rate. */
function ClaimBreakdown({ claim: c, language }: { claim: Claim; language: string }) {
  const { t } = useTranslation();
  const hours = (c.minutes / 60).toLocaleString(language, { maximumFractionDigits: 2 });
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-std-16N-170 underline">
        {t('payments.claims.breakdown')}
      </summary>
      <ul className="list-disc pl-6">
        {c.activities.map((a) => (
          <li key={a.id}>
            {formatStaffDay(a.date, language)} {t(`payments.activityKinds.${a.kind}`)}{' '}
            {t('payments.claims.minutes', { minutes: a.minutes })}
          </li>
        ))}
      </ul>
      <p>
        {t('payments.claims.formula', {
          hours,
          rate: yen(c.hourlyRate, language),
          gross: yen(c.gross, language),
        })}
      </p>
      <p>
        {t('payments.claims.withholdingRate', {
          rate: (c.withholdingRateBp / 100).toLocaleString(language, { maximumFractionDigits: 2 }),
          withholding: yen(c.withholding, language),
        })}
      </p>
    </details>
  );
}
