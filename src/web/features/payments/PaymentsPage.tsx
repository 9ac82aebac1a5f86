import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardSection } from '../../ui/CardSection.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffDay } from '../../ui/datetime.ts';
import { ListFilterSelect, matchesAllWords } from '../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { checkboxClass, compactInputClass, linkClass, tableClass } from '../../ui/styles.ts';
import {
  type BatchSummary,
  batchesQuery,
  createBatch,
  type LedgerRow,
  ledgerQuery,
  type PayableItem,
  payableQuery,
  yen,
} from './api.ts';
import { CompactInput, fiscalYearLabel, ItemsQuery, SectionFilterBar, SubmitRow, td, th } from './parts.tsx';

/** `/console/payments`: payable items → a draft batch; the list of batches. */
export function PaymentsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const payable = useQuery(payableQuery());
  const batches = useQuery(batchesQuery());
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [transferDate, setTransferDate] = useState(() =>
    isoDateInTokyo(new Date(Date.now() + 7 * 86_400_000)),
  );
  const [status, setStatus] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [payableQ, setPayableQ] = useState('');
  const [payableKind, setPayableKind] = useState('');
  const [payableSort, setPayableSort] = useState<PayableSort>('listed');
  const [batchStatus, setBatchStatus] = useState<BatchSummary['status'] | ''>('');
  const [batchSort, setBatchSort] = useState<BatchSort>('number');
  const build = useMutation({
    mutationFn: () => {
      const items = (payable.data?.items ?? [])
        .filter((i) => chosen.has(`${i.sourceKind}:${i.sourceId}`))
        .map((i) => ({ sourceKind: i.sourceKind, sourceId: i.sourceId }));
      return createBatch(transferDate, items);
    },
    onSuccess: async () => {
      setChosen(new Set());
      setStatus(t('payments.payable.built'));
      await queryClient.invalidateQueries({ queryKey: ['payments'] });
    },
  });
  const title = t('payments.payable.title');
  const dateId = useId();
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('payments.payable.lead')}</p>
      <LiveStatus message={status} />
      <CardSection headingId="payable-heading" heading={t('payments.payable.heading')}>
        <ItemsQuery query={payable} none={t('payments.payable.none')}>
          {(allPayable) => {
            const payableItems = sortPayable(
              allPayable.filter(
                (i) =>
                  (!payableKind || i.sourceKind === payableKind) &&
                  matchesAllWords(payableQ, [i.payeeName, i.programmeName, i.description]),
              ),
              payableSort,
            );
            // Chosen items stay chosen while a filter hides them: say so, since the batch takes them too.
            const hidden = allPayable.filter(
              (i) => chosen.has(`${i.sourceKind}:${i.sourceId}`) && !payableItems.includes(i),
            ).length;
            return (
              <>
                {/* Client-side: the payable items come whole (one request, no pages). */}
                <SectionFilterBar
                  section="payable"
                  text={{ value: payableQ, onApply: setPayableQ }}
                  sort={payableSort}
                  sorts={['listed', 'payee', 'amount'] as const}
                  onSort={setPayableSort}
                >
                  <ListFilterSelect
                    id="payable-kind"
                    label={t('payments.payable.kind')}
                    value={payableKind}
                    onChange={setPayableKind}
                    allLabel={t('payments.payable.allKinds')}
                    options={[...new Set(allPayable.map((i) => i.sourceKind))].map((k) => ({
                      value: k,
                      label: t(`payments.kinds.${k}`, { defaultValue: k }),
                    }))}
                  />
                </SectionFilterBar>
                <form
                  className="flex flex-col gap-4"
                  onSubmit={(event) => {
                    event.preventDefault();
                    setFormError(chosen.size === 0 ? t('payments.payable.chooseOne') : null);
                    if (chosen.size > 0) build.mutate();
                  }}
                >
                  {payableItems.length === 0 ? (
                    <p>{t('payments.payable.noneMatch')}</p>
                  ) : (
                    <DataTable label={t('payments.payable.heading')}>
                      <table className={tableClass}>
                        <thead>
                          <tr>
                            <th className={th}>
                              <span className="sr-only">{t('payments.payable.build')}</span>
                            </th>
                            <th className={th}>{t('payments.payable.kind')}</th>
                            <th className={th}>{t('payments.payable.payee')}</th>
                            <th className={th}>{t('payments.payable.programme')}</th>
                            <th className={th}>{t('payments.payable.description')}</th>
                            <th className={`${th} text-right`}>{t('payments.payable.amount')}</th>
                            <th className={th}>{t('payments.payable.account')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {payableItems.map((item) => {
                            const key = `${item.sourceKind}:${item.sourceId}`;
                            return (
                              <tr key={key}>
                                <td className={td}>
                                  <input
                                    type="checkbox"
                                    className={checkboxClass}
                                    aria-label={t('payments.payable.choose', {
                                      payee: item.payeeName,
                                      description: item.description,
                                    })}
                                    checked={chosen.has(key)}
                                    onChange={(event) => {
                                      const next = new Set(chosen);
                                      if (event.target.checked) next.add(key);
                                      else next.delete(key);
                                      setChosen(next);
                                    }}
                                  />
                                </td>
                                <td className={td}>
                                  {t(`payments.kinds.${item.sourceKind}`, { defaultValue: item.sourceKind })}
                                </td>
                                <td className={td}>{item.payeeName}</td>
                                <td className={td}>
                                  {item.programmeName}（{fiscalYearLabel(t, item.fiscalYear)}）
                                </td>
                                <td className={td}>
                                  {item.description}
                                  {item.reissue && (
                                    <span className="ml-2 font-bold">
                                      （{t('payments.payable.reissue')}）
                                    </span>
                                  )}
                                </td>
                                <td className={`${td} text-right`}>{yen(item.amount, i18n.language)}</td>
                                <td className={td}>{item.account}</td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </DataTable>
                  )}
                  {hidden > 0 && (
                    <p className="text-dns-16N-130">
                      {t('payments.payable.chosenHidden', { count: chosen.size, hidden })}
                    </p>
                  )}
                  <CompactInput
                    id={dateId}
                    label={t('payments.payable.transferDate')}
                    type="date"
                    value={transferDate}
                    required
                    onChange={(event) => setTransferDate(event.target.value)}
                    className={`${compactInputClass} max-w-60`}
                  />
                  {formError && (
                    <Notice tone="error">
                      <p>{formError}</p>
                    </Notice>
                  )}
                  <SubmitRow mutation={build} label={t('payments.payable.build')} />
                </form>
              </>
            );
          }}
        </ItemsQuery>
      </CardSection>
      <CardSection headingId="batches-heading" heading={t('payments.batches.heading')}>
        <ItemsQuery query={batches} none={t('payments.batches.none')}>
          {(allBatches) => {
            const batchItems = sortBatches(
              allBatches.filter((b) => !batchStatus || b.status === batchStatus),
              batchSort,
            );
            return (
              <>
                {/* Client-side: the latest 200 batches come in one request; batches have no names, so no text filter. */}
                <SectionFilterBar
                  section="batches"
                  sort={batchSort}
                  sorts={['number', 'transferSoon', 'transferLate'] as const}
                  onSort={setBatchSort}
                >
                  <ListFilterSelect
                    id="batches-status"
                    label={t('payments.batches.status')}
                    value={batchStatus}
                    onChange={setBatchStatus}
                    allLabel={t('payments.batches.allStatuses')}
                    options={(['draft', 'approved', 'exported'] as const).map((v) => ({
                      value: v,
                      label: t(`payments.status.${v}`),
                    }))}
                  />
                </SectionFilterBar>
                {batchItems.length === 0 ? (
                  <p>{t('payments.batches.noneMatch')}</p>
                ) : (
                  <DataTable label={t('payments.batches.heading')}>
                    <table className={tableClass}>
                      <thead>
                        <tr>
                          <th className={th}>{t('payments.batches.number')}</th>
                          <th className={th}>{t('payments.batch.transferDate')}</th>
                          <th className={th}>{t('payments.batches.status')}</th>
                          <th className={`${th} text-right`}>{t('payments.batches.lines')}</th>
                          <th className={`${th} text-right`}>{t('payments.batches.transfers')}</th>
                          <th className={`${th} text-right`}>{t('payments.batches.total')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {batchItems.map((b) => (
                          <tr key={b.id}>
                            <td className={td}>
                              <Link
                                to="/console/payments/batches/$id"
                                params={{ id: b.id }}
                                className={linkClass}
                                aria-label={t('payments.batches.open', { number: b.number })}
                              >
                                {b.number}
                              </Link>
                            </td>
                            <td className={td}>{formatStaffDay(b.transferDate, i18n.language)}</td>
                            <td className={td}>{t(`payments.status.${b.status}`)}</td>
                            <td className={`${td} text-right`}>{b.lineCount}</td>
                            <td className={`${td} text-right`}>{b.transferCount}</td>
                            <td className={`${td} text-right`}>{yen(b.totalAmount, i18n.language)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </DataTable>
                )}
              </>
            );
          }}
        </ItemsQuery>
      </CardSection>
      <LedgerSection />
    </>
  );
}

type PayableSort = 'listed' | 'payee' | 'amount';
const paymentsCollator = new Intl.Collator('ja');
/** listed: as the server lists them (by programme and year); payee: 50音; amount: the largest first. */
function sortPayable(items: PayableItem[], sort: PayableSort): PayableItem[] {
  if (sort === 'listed') return items;
  return [...items].sort((a, b) =>
    sort === 'payee'
      ? paymentsCollator.compare(a.payeeName, b.payeeName) || b.amount - a.amount
      : b.amount - a.amount || paymentsCollator.compare(a.payeeName, b.payeeName),
  );
}

type BatchSort = 'number' | 'transferSoon' | 'transferLate';
/** number: the newest batch first; transferSoon/transferLate: by the transfer date (then the number). */
function sortBatches(items: BatchSummary[], sort: BatchSort): BatchSummary[] {
  return [...items].sort((a, b) =>
    sort === 'transferSoon'
      ? a.transferDate.localeCompare(b.transferDate) || a.number - b.number
      : sort === 'transferLate'
        ? b.transferDate.localeCompare(a.transferDate) || b.number - a.number
        : b.number - a.number,
  );
}

type LedgerSort = 'year' | 'programme' | 'remaining';
/** year: the latest fiscal year first; programme: 50音; remaining: the programme closest to its budget first. */
function sortLedger(rows: LedgerRow[], sort: LedgerSort): LedgerRow[] {
  const byName = (a: LedgerRow, b: LedgerRow) => paymentsCollator.compare(a.programmeName, b.programmeName);
  return [...rows].sort((a, b) =>
    sort === 'programme'
      ? byName(a, b) || b.fiscalYear - a.fiscalYear
      : sort === 'remaining'
        ? a.remaining - b.remaining || byName(a, b)
        : b.fiscalYear - a.fiscalYear || byName(a, b),
  );
}

/** The budget ledger per programme and fiscal year: every figure a sum of its entries. */
function LedgerSection() {
  const { t, i18n } = useTranslation();
  const ledger = useQuery(ledgerQuery());
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<LedgerSort>('year');
  const title = t('payments.ledger.heading');
  return (
    <CardSection headingId="ledger-heading" heading={title}>
      <ItemsQuery query={ledger} none={t('payments.ledger.none')}>
        {(allRows) => {
          const rows = sortLedger(
            allRows.filter((r) => matchesAllWords(q, [r.programmeName])),
            sort,
          );
          return (
            <>
              {/* Client-side: the ledger has one row per programme and year, all in one request. */}
              <SectionFilterBar
                section="ledger"
                text={{ value: q, onApply: setQ }}
                sort={sort}
                sorts={['year', 'programme', 'remaining'] as const}
                onSort={setSort}
              />
              {rows.length === 0 ? (
                <p>{t('payments.ledger.noneMatch')}</p>
              ) : (
                <DataTable label={title}>
                  <table className={tableClass}>
                    <thead>
                      <tr>
                        <th className={th}>{t('payments.ledger.programme')}</th>
                        <th className={th}>{t('payments.ledger.year')}</th>
                        {(['budget', 'committed', 'confirmed', 'paid', 'remaining'] as const).map((k) => (
                          <th key={k} className={`${th} text-right`}>
                            {t(`payments.ledger.${k}`)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={`${r.programmeKey}-${r.fiscalYear}`}>
                          <td className={td}>{r.programmeName}</td>
                          <td className={td}>{fiscalYearLabel(t, r.fiscalYear)}</td>
                          {(['budget', 'committed', 'confirmed', 'paid', 'remaining'] as const).map((k) => (
                            <td key={k} className={`${td} text-right`}>
                              {yen(r[k], i18n.language)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </DataTable>
              )}
            </>
          );
        }}
      </ItemsQuery>
      <p>
        <a className={linkClass} href="/api/payments/ledger.csv" download>
          {t('payments.ledger.csv')}
        </a>
      </p>
    </CardSection>
  );
}
