import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import '../training/i18n.ts';
import './i18n.ts';
import { type UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reiwaFiscalYearLabel } from '../../../shared/fiscal-year.ts';
import { isApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { CardSection } from '../../ui/CardSection.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffDay, formatTimeRange } from '../../ui/datetime.ts';
import { ListFilterBar, ListFilterSelect, matchesAllWords } from '../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import {
  checkboxClass,
  compactButtonClass,
  compactInputClass,
  linkClass,
  primaryButtonClass,
  tableClass,
} from '../../ui/styles.ts';
import {
  approveBatch,
  approveClaim,
  type BatchSummary,
  batchesQuery,
  batchQuery,
  type Claim,
  claimsQuery,
  createBatch,
  exportBatchFile,
  type LedgerRow,
  ledgerQuery,
  type PayableItem,
  payableQuery,
  peerMeQuery,
  recordActivity,
  recordResult,
  revealLineBank,
  shiftsQuery,
  submitClaim,
  supportersQuery,
  yen,
} from './api.ts';
import { CoordinatorSections, SwapRequest, SwapsOffered } from './coordinator.tsx';

const th = 'border-b border-solid-gray-420 px-2 py-2 text-dns-16B-130';
const td = 'border-b border-solid-gray-200 px-2 py-2 align-top';
const labelClass = 'flex flex-col gap-1 text-dns-16B-130';

function ErrorNotice({ error }: { error: unknown }) {
  const problemMessage = useProblemMessage();
  return (
    <Notice tone="error">
      <p>{problemMessage(error)}</p>
    </Notice>
  );
}

/** A form's last row: what went wrong with the last try, then the button that submits. */
function SubmitRow({
  mutation,
  label,
}: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  label: string;
}) {
  return (
    <>
      {mutation.isError && <ErrorNotice error={mutation.error} />}
      <div>
        <button type="submit" className={primaryButtonClass} disabled={mutation.isPending}>
          {label}
        </button>
      </div>
    </>
  );
}

/** A labelled input of a dense console form (the label wraps it, so a tap on the words focuses it). */
function CompactInput({
  id,
  label,
  className = compactInputClass,
  ...input
}: { id: string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <label htmlFor={id} className={labelClass}>
      {label}
      <input id={id} className={className} {...input} />
    </label>
  );
}

/** A dense form whose one job is a mutation: submitting runs it, its error and button end the form. */
function CompactMutationForm({
  mutation,
  submitLabel,
  children,
}: {
  mutation: { mutate: () => void; isError: boolean; error: unknown; isPending: boolean };
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      {children}
      <SubmitRow mutation={mutation} label={submitLabel} />
    </form>
  );
}

/** A list query's states: its error, loading, a sentence when the list is empty, else the list. */
function ItemsQuery<T>({
  query,
  none,
  children,
}: {
  query: UseQueryResult<{ items: T[] }>;
  none: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorNotice error={query.error} />;
  if (query.isPending) return <p>{t('common.loading')}</p>;
  if (query.data.items.length === 0) return <p>{none}</p>;
  return children(query.data.items);
}

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
                <ListFilterBar
                  id="payable"
                  label={t('payments.payable.filterLabel')}
                  text={{
                    label: t('payments.payable.filterText'),
                    value: payableQ,
                    onApply: setPayableQ,
                    applyLabel: t('payments.payable.filterApply'),
                  }}
                  sort={{
                    label: t('payments.payable.sort'),
                    value: payableSort,
                    onChange: setPayableSort,
                    options: (['listed', 'payee', 'amount'] as const).map((value) => ({
                      value,
                      label: t(`payments.payable.sorts.${value}`),
                    })),
                  }}
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
                </ListFilterBar>
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
                                  {item.programmeName}（{fiscalYearLabel(item.fiscalYear, i18n.language)}）
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
                <ListFilterBar
                  id="batches"
                  label={t('payments.batches.filterLabel')}
                  sort={{
                    label: t('payments.batches.sort'),
                    value: batchSort,
                    onChange: setBatchSort,
                    options: (['number', 'transferSoon', 'transferLate'] as const).map((value) => ({
                      value,
                      label: t(`payments.batches.sorts.${value}`),
                    })),
                  }}
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
                </ListFilterBar>
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

/** 令和8年度 in Japanese, FY2026 in English. */
const fiscalYearLabel = (fiscalYear: number, language: string) =>
  language === 'en' ? `FY${fiscalYear}` : reiwaFiscalYearLabel(fiscalYear);

/** A masked account with a button that unmasks it (audited on the server, each time). */
function RevealAccount({
  batchId,
  lineId,
  lineNo,
  masked,
}: {
  batchId: string;
  lineId: string;
  lineNo: number;
  masked: string;
}) {
  const { t } = useTranslation();
  const reveal = useMutation({ mutationFn: () => revealLineBank(batchId, lineId) });
  if (reveal.data) {
    const b = reveal.data;
    return (
      <span>
        {b.bankCode}-{b.branchCode} {b.accountType} {b.accountNumber} {b.holderName}
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      {masked}
      <button
        type="button"
        className={compactButtonClass}
        onClick={() => reveal.mutate()}
        disabled={reveal.isPending}
      >
        {t('payments.batch.reveal', { line: lineNo })}
      </button>
      {reveal.isError && <ErrorNotice error={reveal.error} />}
    </span>
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
              <ListFilterBar
                id="ledger"
                label={t('payments.ledger.filterLabel')}
                text={{
                  label: t('payments.ledger.filterText'),
                  value: q,
                  onApply: setQ,
                  applyLabel: t('payments.ledger.filterApply'),
                }}
                sort={{
                  label: t('payments.ledger.sort'),
                  value: sort,
                  onChange: setSort,
                  options: (['year', 'programme', 'remaining'] as const).map((value) => ({
                    value,
                    label: t(`payments.ledger.sorts.${value}`),
                  })),
                }}
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
                          <td className={td}>{fiscalYearLabel(r.fiscalYear, i18n.language)}</td>
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

/** `/console/payments/batches/$id`: approve, export (another user), per-line results, CSV. */
export function BatchPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const batch = useQuery(batchQuery(id));
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const refresh = async (message: string) => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: ['payments'] });
  };
  const approve = useMutation({
    mutationFn: () => approveBatch(id),
    onSuccess: () => refresh(t('payments.batch.approved')),
    onSettled: () => setConfirming(false),
  });
  const exportFile = useMutation({
    mutationFn: () => exportBatchFile(id),
    onSuccess: () => refresh(t('payments.batch.exported')),
  });
  const result = useMutation({
    mutationFn: (v: { lineId: string; status: 'paid' | 'returned' }) => recordResult(id, v.lineId, v.status),
    onSuccess: () => refresh(t('payments.batch.resultSaved')),
  });
  if (batch.isError) return <ErrorNotice error={batch.error} />;
  if (batch.isPending) return <p>{t('common.loading')}</p>;
  const b = batch.data;
  const title = t('payments.batch.title', { number: b.number });
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p>
        <Link to="/console/payments" className={linkClass}>
          {t('payments.batch.back')}
        </Link>
      </p>
      <LiveStatus message={status} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">{t('payments.batches.status')}</dt>
        <dd>{t(`payments.status.${b.status}`)}</dd>
        <dt className="font-bold">{t('payments.batch.transferDate')}</dt>
        <dd>{formatStaffDay(b.transferDate, i18n.language)}</dd>
        <dt className="font-bold">{t('payments.batches.total')}</dt>
        <dd>
          {yen(b.totalAmount, i18n.language)}（{b.lineCount}）
        </dd>
        <dt className="font-bold">{t('payments.batches.transfers')}</dt>
        <dd>{t('payments.batch.transfersOf', { transfers: b.transferCount, lines: b.lineCount })}</dd>
      </dl>
      <div className="flex flex-wrap gap-3">
        {b.status === 'draft' && (
          <button
            type="button"
            className={primaryButtonClass}
            onClick={() => setConfirming(true)}
            disabled={approve.isPending}
          >
            {t('payments.batch.approve')}
          </button>
        )}
        {b.status === 'approved' && (
          <button
            type="button"
            className={primaryButtonClass}
            onClick={() => exportFile.mutate()}
            disabled={exportFile.isPending}
          >
            {t('payments.batch.export')}
          </button>
        )}
        {b.status === 'exported' && (
          <a className={linkClass} href={`/api/payments/batches/${id}/file`} download>
            {t('payments.batch.download')}
          </a>
        )}
        <a className={linkClass} href={`/api/payments/batches/${id}/accounting.csv`} download>
          {t('payments.batch.csv')}
        </a>
      </div>
      {exportFile.isError &&
        (isApiError(exportFile.error) && exportFile.error.code === 'payments_four_eyes' ? (
          <Notice tone="error">
            <p>{t('payments.batch.fourEyes')}</p>
          </Notice>
        ) : (
          <ErrorNotice error={exportFile.error} />
        ))}
      {approve.isError && <ErrorNotice error={approve.error} />}
      {result.isError && <ErrorNotice error={result.error} />}
      <ConfirmDialog
        open={confirming}
        title={t('payments.batch.confirmTitle', { number: b.number })}
        confirmLabel={t('payments.batch.confirmApprove')}
        busy={approve.isPending}
        onConfirm={() => approve.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {t('payments.batch.confirmBody', {
            lines: b.lineCount,
            transfers: b.transferCount,
            total: yen(b.totalAmount, i18n.language),
            date: formatStaffDay(b.transferDate, i18n.language),
          })}
        </p>
        <p>{t('payments.batch.confirmNote')}</p>
      </ConfirmDialog>
      <DataTable label={title}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={th}>{t('payments.batch.line')}</th>
              <th className={th}>{t('payments.batch.transfer')}</th>
              <th className={th}>{t('payments.payable.payee')}</th>
              <th className={th}>{t('payments.payable.programme')}</th>
              <th className={th}>{t('payments.payable.description')}</th>
              <th className={`${th} text-right`}>{t('payments.payable.amount')}</th>
              <th className={th}>{t('payments.payable.account')}</th>
              <th className={th}>{t('payments.batch.result')}</th>
              {b.status === 'exported' && <th className={th}>{t('payments.batch.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {b.lines.map((line) => (
              <tr key={line.id}>
                <td className={td}>{line.lineNo}</td>
                <td className={td}>{line.transferNo}</td>
                <td className={td}>{line.payeeName}</td>
                <td className={td}>{line.programmeName}</td>
                <td className={td}>{line.description}</td>
                <td className={`${td} text-right`}>{yen(line.amount, i18n.language)}</td>
                <td className={td}>
                  <RevealAccount batchId={id} lineId={line.id} lineNo={line.lineNo} masked={line.account} />
                </td>
                <td className={td}>{t(`payments.lineStatus.${line.status}`)}</td>
                {b.status === 'exported' && (
                  <td className={td}>
                    <div className="flex flex-wrap gap-2">
                      {line.status === 'pending' && (
                        <button
                          type="button"
                          className={compactButtonClass}
                          onClick={() => result.mutate({ lineId: line.id, status: 'paid' })}
                        >
                          {t('payments.batch.markPaid', { line: line.lineNo })}
                        </button>
                      )}
                      {line.status !== 'returned' && (
                        <button
                          type="button"
                          className={compactButtonClass}
                          onClick={() => result.mutate({ lineId: line.id, status: 'returned' })}
                        >
                          {t('payments.batch.markReturned', { line: line.lineNo })}
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </>
  );
}

/** The programme an activity or a claim is for; the first is taken until the person chooses. */
function ProgrammeSelect({
  id,
  programmes,
  chosenId,
  onChoose,
}: {
  id: string;
  programmes: readonly { id: string; name: string }[];
  chosenId: string;
  onChoose: (programmeId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      compact
      label={t('payments.peersMe.programme')}
      options={programmes.map((p) => ({ value: p.id, label: p.name }))}
      value={chosenId || programmes[0]?.id}
      onChange={(e) => onChoose(e.target.value)}
    />
  );
}

/** Both claim tables show a claim's amounts in the same three columns. */
function ClaimAmountHeadings() {
  const { t } = useTranslation();
  return (
    <>
      <th className={`${th} text-right`}>{t('payments.peersMe.gross')}</th>
      <th className={`${th} text-right`}>{t('payments.peersMe.withholding')}</th>
      <th className={`${th} text-right`}>{t('payments.peersMe.net')}</th>
    </>
  );
}

function ClaimAmountCells({ claim }: { claim: { gross: number; withholding: number; net: number } }) {
  const { i18n } = useTranslation();
  return (
    <>
      <td className={`${td} text-right`}>{yen(claim.gross, i18n.language)}</td>
      <td className={`${td} text-right`}>{yen(claim.withholding, i18n.language)}</td>
      <td className={`${td} text-right`}>{yen(claim.net, i18n.language)}</td>
    </>
  );
}

/** `/console/peers/me`: a peer supporter's shifts, activity records and monthly claims. */
export function PeerMePage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useQuery(peerMeQuery());
  const [status, setStatus] = useState<string | null>(null);
  const ids = {
    programme: useId(),
    date: useId(),
    minutes: useId(),
    kind: useId(),
    note: useId(),
    cprog: useId(),
    month: useId(),
  };
  const today = isoDateInTokyo(new Date());
  const [activity, setActivity] = useState({
    programmeId: '',
    activityDate: today,
    minutes: '120',
    kind: 'ibasho',
    note: '',
  });
  const [claim, setClaim] = useState({ programmeId: '', month: today.slice(0, 7) });
  const refresh = async (message: string) => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: ['peers'] });
  };
  const save = useMutation({
    mutationFn: () =>
      recordActivity({
        programmeId: activity.programmeId || (me.data?.programmes[0]?.id ?? ''),
        activityDate: activity.activityDate,
        minutes: Number(activity.minutes),
        kind: activity.kind,
        ...(activity.note ? { note: activity.note } : {}),
      }),
    onSuccess: () => refresh(t('payments.peersMe.saved')),
  });
  const submit = useMutation({
    mutationFn: () => submitClaim(claim.programmeId || (me.data?.programmes[0]?.id ?? ''), claim.month),
    onSuccess: () => refresh(t('payments.peersMe.submitted')),
  });
  const title = t('payments.peersMe.title');
  if (me.isError) return <ErrorNotice error={me.error} />;
  if (me.isPending) return <p>{t('common.loading')}</p>;
  const programmes = me.data.programmes;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <LiveStatus message={status} />
      <CardSection headingId="shifts-heading" heading={t('payments.peersMe.shifts')}>
        {me.data.shifts.length === 0 ? (
          <p>{t('payments.peersMe.noShifts')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {me.data.shifts.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-2">
                <span>
                  {formatTimeRange(s.startsAt, s.endsAt, i18n.language)} {s.placeName}
                </span>
                <SwapRequest shift={s} mine={me.data.supporter.id} onDone={refresh} />
              </li>
            ))}
          </ul>
        )}
      </CardSection>
      <SwapsOffered swaps={me.data.swapsOpenToMe ?? []} onDone={refresh} />
      <CardSection headingId="activity-heading" heading={t('payments.peersMe.activity')}>
        <CompactMutationForm mutation={save} submitLabel={t('payments.peersMe.save')}>
          <ProgrammeSelect
            id={ids.programme}
            programmes={programmes}
            chosenId={activity.programmeId}
            onChoose={(programmeId) => setActivity({ ...activity, programmeId })}
          />
          <CompactInput
            id={ids.date}
            label={t('payments.peersMe.date')}
            type="date"
            required
            value={activity.activityDate}
            onChange={(e) => setActivity({ ...activity, activityDate: e.target.value })}
          />
          <CompactInput
            id={ids.minutes}
            label={t('payments.peersMe.minutes')}
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            required
            value={activity.minutes}
            onChange={(e) => setActivity({ ...activity, minutes: e.target.value })}
          />
          <SelectField
            id={ids.kind}
            compact
            label={t('payments.peersMe.kind')}
            options={['ibasho', 'outreach', 'phone', 'online', 'meeting', 'training'].map((k) => ({
              value: k,
              label: t(`payments.activityKinds.${k}`),
            }))}
            value={activity.kind}
            onChange={(e) => setActivity({ ...activity, kind: e.target.value })}
          />
          <label htmlFor={ids.note} className={labelClass}>
            {t('payments.peersMe.note')}
            <textarea
              id={ids.note}
              className={compactInputClass}
              rows={3}
              value={activity.note}
              onChange={(e) => setActivity({ ...activity, note: e.target.value })}
            />
          </label>
        </CompactMutationForm>
      </CardSection>
      <CardSection headingId="claim-heading" heading={t('payments.peersMe.claim')}>
        <CompactMutationForm mutation={submit} submitLabel={t('payments.peersMe.submit')}>
          <ProgrammeSelect
            id={ids.cprog}
            programmes={programmes}
            chosenId={claim.programmeId}
            onChoose={(programmeId) => setClaim({ ...claim, programmeId })}
          />
          <CompactInput
            id={ids.month}
            label={t('payments.peersMe.month')}
            type="month"
            required
            value={claim.month}
            onChange={(e) => setClaim({ ...claim, month: e.target.value })}
          />
        </CompactMutationForm>
        <h3 className="text-std-18B-160">{t('payments.peersMe.claims')}</h3>
        <p>
          <Link
            to="/console/peers/statement/$year"
            params={{ year: today.slice(0, 4) }}
            className={linkClass}
          >
            {t('training.statement.link', { year: today.slice(0, 4) })}
          </Link>
        </p>
        <DataTable label={t('payments.peersMe.claims')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={th}>{t('payments.peersMe.month')}</th>
                <ClaimAmountHeadings />
                <th className={th}>{t('payments.batches.status')}</th>
                <th className={th}>{t('payments.peersMe.payment')}</th>
              </tr>
            </thead>
            <tbody>
              {me.data.claims.map((c) => (
                <tr key={c.id}>
                  <td className={td}>{c.month}</td>
                  <ClaimAmountCells claim={c} />
                  <td className={td}>{t(`payments.claimStatus.${c.status}`)}</td>
                  <td className={td}>{t(`payments.payment.${c.payment}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      </CardSection>
    </>
  );
}

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
      <ListFilterBar
        id="claims"
        label={t('payments.claims.filterLabel')}
        text={{
          label: t('payments.claims.filterText'),
          value: q,
          onApply: setQ,
          applyLabel: t('payments.claims.filterApply'),
        }}
        sort={{
          label: t('payments.claims.sort'),
          value: sort,
          onChange: setSort,
          options: (['month', 'name', 'amount'] as const).map((value) => ({
            value,
            label: t(`payments.claims.sorts.${value}`),
          })),
        }}
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

const REGISTRY_STATUSES = ['active', 'paused', 'ended'] as const;
const REGISTRY_QUALIFICATIONS = ['lead', 'certified', 'trainee'] as const;

/** The registry as filtered and ordered on screen (active before paused and ended; lead first). */
function registryList<
  S extends { displayName: string; availabilityNote: string | null; status: string; qualification: string },
>(items: S[], q: string, status: string, sort: 'name' | 'status' | 'qualification'): S[] {
  const collator = new Intl.Collator('ja');
  const rank = (list: readonly string[], value: string) => list.indexOf(value);
  return items
    .filter(
      (s) => (!status || s.status === status) && matchesAllWords(q, [s.displayName, s.availabilityNote]),
    )
    .sort(
      (a, b) =>
        (sort === 'status' ? rank(REGISTRY_STATUSES, a.status) - rank(REGISTRY_STATUSES, b.status) : 0) ||
        (sort === 'qualification'
          ? rank(REGISTRY_QUALIFICATIONS, a.qualification) - rank(REGISTRY_QUALIFICATIONS, b.qualification)
          : 0) ||
        collator.compare(a.displayName, b.displayName),
    );
}

/** `/console/peers`: the registry (lived experience only for the coordinator) and the coming shifts. */
export function PeerRegistryPage() {
  const { t, i18n } = useTranslation();
  const supporters = useQuery(supportersQuery());
  // Client-side: the registry comes whole (one request, no pages); a town has tens of supporters.
  const [registryQ, setRegistryQ] = useState('');
  const [registrySort, setRegistrySort] = useState<'name' | 'status' | 'qualification'>('name');
  const [registryStatus, setRegistryStatus] = useState('');
  const today = new Date();
  const from = isoDateInTokyo(today);
  const to = isoDateInTokyo(new Date(today.getTime() + 31 * 86_400_000));
  const shifts = useQuery(shiftsQuery(from, to));
  const title = t('payments.registry.title');
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('payments.registry.lead')}</p>
      <p>
        <Link to="/console/training/manage" className={linkClass}>
          {t('training.admin.title')}
        </Link>
      </p>
      <CardSection headingId="registry-heading" heading={t('payments.registry.heading')}>
        {supporters.isError ? (
          <ErrorNotice error={supporters.error} />
        ) : supporters.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <>
            <ListFilterBar
              id="registry"
              label={t('payments.registry.filterLabel')}
              text={{
                label: t('payments.registry.filterText'),
                value: registryQ,
                onApply: setRegistryQ,
                applyLabel: t('payments.registry.filterApply'),
              }}
              sort={{
                label: t('payments.registry.sort'),
                value: registrySort,
                onChange: setRegistrySort,
                options: (['name', 'status', 'qualification'] as const).map((value) => ({
                  value,
                  label: t(`payments.registry.sorts.${value}`),
                })),
              }}
            >
              <ListFilterSelect
                id="registry-status"
                label={t('payments.registry.statusFilter')}
                value={registryStatus}
                onChange={setRegistryStatus}
                allLabel={t('payments.registry.allStatuses')}
                options={REGISTRY_STATUSES.map((value) => ({
                  value,
                  label: t(`payments.registry.status.${value}`),
                }))}
              />
            </ListFilterBar>
            {registryList(supporters.data.items, registryQ, registryStatus, registrySort).length === 0 && (
              <p>{t('payments.registry.noneMatch')}</p>
            )}
            <ul className="flex flex-col gap-3" aria-label={t('payments.registry.heading')}>
              {registryList(supporters.data.items, registryQ, registryStatus, registrySort).map((s) => (
                <li key={s.id} className="flex flex-col gap-1 border-b border-solid-gray-200 pb-3">
                  <p className="text-std-17B-170">{s.displayName}</p>
                  <p>
                    {t(`payments.registry.status.${s.status}`)} ・{' '}
                    {t(`payments.registry.qualification.${s.qualification}`)}
                    {s.availabilityNote ? ` ・ ${s.availabilityNote}` : ''}
                  </p>
                  <p>
                    {t('payments.payable.account')}: {s.bankAccount ?? t('payments.registry.noBank')}
                  </p>
                  {s.livedExperience ? (
                    <p className="whitespace-pre-wrap">
                      {t('payments.registry.experience')}: {s.livedExperience}
                    </p>
                  ) : s.livedExperienceHidden ? (
                    <p>{t('payments.registry.experienceHidden')}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </CardSection>
      <CardSection headingId="shifts-staff-heading" heading={t('payments.registry.shifts')}>
        <ItemsQuery query={shifts} none={t('payments.peersMe.noShifts')}>
          {(shiftItems) => (
            <ul className="flex flex-col gap-2">
              {shiftItems.map((s) => (
                <li key={s.id}>
                  {formatTimeRange(s.startsAt, s.endsAt, i18n.language)} {s.placeName} ・ {s.supporterName}
                </li>
              ))}
            </ul>
          )}
        </ItemsQuery>
      </CardSection>
      <CoordinatorSections shifts={shifts.data?.items} />
    </>
  );
}
