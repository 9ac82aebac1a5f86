import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addressedName } from '../../../../shared/text/honorific.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { i18n as texts } from '../../../i18n/index.ts';
import { CursorPager, type CursorTrail } from '../../../ui/CursorPager.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import {
  compactButtonClass,
  compactInputClass,
  linkClass,
  monoClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../ui/styles.ts';
import { confirmClaim, type WaitingClaim, type WaitingClaimSort, waitingClaimsQuery, yen } from '../api.ts';

const monthLabel = (month: string, lang: string) => {
  const [y, m] = month.split('-');
  return texts.getFixedT(lang)('subsidies.format.claimMonth', {
    year: y,
    month: Number(m),
    yearMonth: month,
  });
};

/**
 * `/console/subsidies/claims`: every monthly claim waiting for 額の確定, oldest first, across
 * applications — so finance works one queue instead of opening each application. The report is shown
 * as the person made it beside the amount the grant covers; the confirmed amount starts at the latter.
 */
export function ClaimsPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const [cursors, setCursors] = useState<CursorTrail>([undefined]);
  const [status, setStatus] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<WaitingClaimSort>('entered');
  const list = useQuery(waitingClaimsQuery(cursors.at(-1), { q, sort }));
  const lang = i18n.language;
  const title = t('subsidies.console.claimsQueueTitle');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('subsidies.console.claimsQueueLead')}</p>
      <p>
        <Link to="/console/subsidies" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('subsidies.console.backToQueue')}
        </Link>
      </p>
      <LiveStatus message={status} />
      {/* Server-side: the queue is paged, and the applicant's name is only readable on the server. */}
      <ListFilterBar
        id="subsidy-claims"
        label={t('subsidies.console.claimsFilterLabel')}
        text={{
          label: t('subsidies.console.claimsFilterText'),
          value: q,
          onApply: (next) => {
            setQ(next);
            setCursors([undefined]);
          },
          applyLabel: t('subsidies.console.filterApply'),
        }}
        sort={{
          label: t('subsidies.console.claimsSort'),
          value: sort,
          onChange: (next) => {
            setSort(next);
            setCursors([undefined]);
          },
          options: (['entered', 'month', 'applicant', 'amount'] as const).map((value) => ({
            value,
            label: t(`subsidies.console.claimsSorts.${value}`),
          })),
        }}
      />
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : list.isPending ? (
        <p>{t('common.loading')}</p>
      ) : list.data.items.length === 0 ? (
        <p>{t(q ? 'subsidies.console.claimsNoneMatch' : 'subsidies.console.claimsQueueEmpty')}</p>
      ) : (
        <>
          <p className="text-dns-16N-130">
            {t('subsidies.console.claimsQueueCount', { total: list.data.total })}
          </p>
          <DataTable label={title}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>{t('subsidies.console.receiptNumber')}</th>
                  <th className={thClass}>{t('subsidies.console.applicant')}</th>
                  <th className={thClass}>{t('subsidies.console.programme')}</th>
                  <th className={thClass}>{t('subsidies.console.tripMonth')}</th>
                  <th className={`${thClass} text-right`}>{t('subsidies.console.reported')}</th>
                  <th className={`${thClass} text-right`}>{t('subsidies.console.covered')}</th>
                  <th className={thClass}>{t('subsidies.console.enteredOn')}</th>
                  <th className={thClass}>{t('subsidies.console.confirmStep')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id} data-testid={`waiting-${c.id}`}>
                    <td className={tdClass}>
                      <Link
                        to="/console/subsidies/applications/$id"
                        params={{ id: c.applicationId }}
                        className={`${linkClass} ${monoClass}`}
                      >
                        {c.receiptNumber}
                      </Link>
                    </td>
                    <td className={tdClass}>{c.applicantName}</td>
                    <td className={tdClass}>{c.programmeName}</td>
                    <td className={tdClass}>
                      {monthLabel(c.tripMonth, lang)}（{t('subsidies.console.trips', { n: c.tripCount })}）
                    </td>
                    <td className={`${tdClass} text-right`}>{yen(c.reportedYen, lang)}</td>
                    <td className={`${tdClass} text-right`}>
                      {yen(c.claimedYen, lang)}
                      {c.reportedYen > c.claimedYen && (
                        <span className="block text-dns-14N-130">{t('subsidies.console.coveredNote')}</span>
                      )}
                    </td>
                    <td className={tdClass}>{formatStaffDay(c.enteredAt, lang)}</td>
                    <td className={tdClass}>
                      <ConfirmForm claim={c} onDone={setStatus} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </DataTable>
        </>
      )}
      <CursorPager cursors={cursors} setCursors={setCursors} nextCursor={list.data?.nextCursor ?? null} />
    </>
  );
}

function ConfirmForm({ claim: c, onDone }: { claim: WaitingClaim; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState(String(c.claimedYen));
  const confirm = useMutation({
    mutationFn: () =>
      confirmClaim(c.id, { confirmedYen: Number(amount.normalize('NFKC').replace(/[,円\s]/gu, '')) }),
    onSuccess: async (confirmed) => {
      onDone(
        t('subsidies.console.claimConfirmedOf', {
          name: addressedName(c.applicantName, i18n.language),
          month: monthLabel(c.tripMonth, i18n.language),
          yen: yen(confirmed.confirmedYen ?? 0, i18n.language),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['subsidies'] });
    },
  });
  if (!c.mayConfirm) return <span>{t('subsidies.console.ownClaim')}</span>;
  const inputId = `confirm-${c.id}`;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        confirm.mutate();
      }}
    >
      <div className="w-32">
        <label htmlFor={inputId} className="text-dns-16B-130">
          {t('subsidies.console.confirmedYen')}
        </label>
        <input
          id={inputId}
          className={compactInputClass}
          inputMode="numeric"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </div>
      <button type="submit" className={compactButtonClass} disabled={confirm.isPending}>
        {t('subsidies.console.confirmOf', {
          name: addressedName(c.applicantName, i18n.language),
          month: monthLabel(c.tripMonth, i18n.language),
        })}
      </button>
      {confirm.isError && (
        <p className="w-full text-dns-16B-130 text-error-2" role="alert">
          {problemMessage(confirm.error)}
        </p>
      )}
    </form>
  );
}
