import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles.ts';
import { formatStaffDate } from '../../../shared/text/wareki.ts';
import { meQuery } from '../../api/me.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { inLanguage } from '../../i18n/language.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { ImportFileForm, ImportProblemsTable } from '../../ui/ImportPreview.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  compactDangerButtonClass,
  primaryButtonClass,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  type Account,
  accountsQuery,
  cancelScheduledRotation,
  grantableRoles,
  type RotationAccount,
  type RotationChanges,
  type RotationCsvPreview,
  type RotationPlan,
  type RotationResult,
  runRotation,
  type ScheduledRotation,
  scheduledRotationsQuery,
  uploadRotationCsv,
} from './api.ts';
import { RoleCheckboxes, useRoleLabel } from './RoleCheckboxes.tsx';

type RoleRow = { key: number; accountId: string; roles: Role[] };
type DisableRow = { key: number; accountId: string };
type TransferRow = { key: number; from: string; to: string };

/**
 * `/console/admin/rotation`: April personnel rotation. Stage role changes, accounts to disable and
 * caseload hand-overs — by hand or from a CSV file — and the date they take effect (the next 4月1日
 * at first); preview them (dryRun) — the server checks everything, names every account and counts
 * what each worker hands over — and only then apply (today) or schedule (a later date), all in one
 * transaction. Scheduled rotations are listed with their date and can be cancelled until then.
 */
export function RotationPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const accounts = useQuery(accountsQuery({ status: 'active' }, undefined, 200));
  const scheduled = useQuery(scheduledRotationsQuery());
  const today = scheduled.data?.today ?? '';
  const [dateChoice, setDateChoice] = useState<string | null>(null);
  const effectiveOn = dateChoice ?? scheduled.data?.defaultEffectiveOn ?? '';
  const later = effectiveOn !== '' && today !== '' && effectiveOn > today;
  const [csv, setCsv] = useState<RotationCsvPreview | null>(null);
  const [cancelling, setCancelling] = useState<ScheduledRotation | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const grantable = me.data
    ? grantableRoles({ scope: me.data.account.scope, roles: me.data.account.roles.map((r) => r.role) })
    : [];
  const nextKey = useRef(1);
  const key = () => nextKey.current++;
  const [roleRows, setRoleRows] = useState<RoleRow[]>([]);
  const [disableRows, setDisableRows] = useState<DisableRow[]>([]);
  const [transferRows, setTransferRows] = useState<TransferRow[]>([]);
  const [preview, setPreview] = useState<{ plan: string; result: RotationResult } | null>(null);
  const [applied, setApplied] = useState<RotationResult | null>(null);
  const [scheduledNow, setScheduledNow] = useState<RotationResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const list = accounts.data?.items ?? [];
  const byId = new Map(list.map((a) => [a.id, a]));
  const options = [
    { value: '', label: t('rotation.chooseAccount') },
    ...list.map((a) => ({ value: a.id, label: accountLabel(a) })),
  ];

  const changes = (): RotationChanges => ({
    roleChanges: roleRows.filter((r) => r.accountId).map((r) => ({ accountId: r.accountId, roles: r.roles })),
    disable: disableRows.filter((r) => r.accountId).map((r) => r.accountId),
    caseloadTransfers: transferRows
      .filter((r) => r.from && r.to)
      .map((r) => ({ fromAccountId: r.from, toAccountId: r.to })),
  });
  const plan = (dryRun: boolean): RotationPlan => ({ dryRun, effectiveOn, ...changes() });
  const keyOf = (c: RotationChanges, on: string) =>
    JSON.stringify({
      on,
      r: c.roleChanges.map((x) => [x.accountId, [...x.roles].sort()]),
      d: c.disable,
      c: c.caseloadTransfers.map((x) => [x.fromAccountId, x.toAccountId]),
    });
  const planKey = keyOf(changes(), effectiveOn);
  const previewCurrent = preview !== null && preview.plan === planKey;
  const empty =
    plan(true).roleChanges.length + plan(true).disable.length + plan(true).caseloadTransfers.length === 0;

  const validate = (): boolean => {
    const errors: Record<string, string> = {};
    roleRows.forEach((r, i) => {
      if (!r.accountId) errors[`roleChanges/${i}/accountId`] = t('rotation.errors.chooseAccount');
      else if (r.roles.length === 0) errors[`roleChanges/${i}/roles`] = t('accounts.errors.rolesRequired');
    });
    disableRows.forEach((r, i) => {
      if (!r.accountId) errors[`disable/${i}`] = t('rotation.errors.chooseAccount');
    });
    transferRows.forEach((r, i) => {
      if (!r.from) errors[`caseloadTransfers/${i}/fromAccountId`] = t('rotation.errors.chooseAccount');
      if (!r.to) errors[`caseloadTransfers/${i}/toAccountId`] = t('rotation.errors.chooseAccount');
      else if (r.from === r.to)
        errors[`caseloadTransfers/${i}/toAccountId`] = t('rotation.errors.sameAccount');
    });
    if (!effectiveOn) errors.effectiveOn = t('rotation.errors.dateRequired');
    else if (today && effectiveOn < today) errors.effectiveOn = t('rotation.errors.datePast');
    if (empty && Object.keys(errors).length === 0) errors[''] = t('rotation.errors.empty');
    setLocal(errors);
    if (Object.keys(errors).length > 0) setAttempt((n) => n + 1);
    return Object.keys(errors).length === 0;
  };

  const previewOf = async (c: RotationChanges) => {
    setBusy(true);
    try {
      const result = await runRotation({ dryRun: true, effectiveOn, ...c });
      setPreview({ plan: keyOf(c, effectiveOn), result });
      requestAnimationFrame(() => document.getElementById('rotation-preview-heading')?.focus());
    } catch (failure) {
      setPreview(null);
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const onPreview = async () => {
    setError(null);
    setApplied(null);
    setScheduledNow(null);
    if (!validate()) return;
    await previewOf(changes());
  };

  /** A file read without problems: its changes fill the form, and are previewed at once. */
  const onCsv = async (read: RotationCsvPreview) => {
    setCsv(read);
    setError(null);
    setApplied(null);
    setScheduledNow(null);
    setLocal({});
    if (!read.plan) {
      setPreview(null);
      return;
    }
    setRoleRows(read.plan.roleChanges.map((c) => ({ key: key(), accountId: c.accountId, roles: c.roles })));
    setDisableRows(read.plan.disable.map((id) => ({ key: key(), accountId: id })));
    setTransferRows(
      read.plan.caseloadTransfers.map((c) => ({ key: key(), from: c.fromAccountId, to: c.toAccountId })),
    );
    await previewOf(read.plan);
  };
  const upload = useMutation({
    mutationFn: (file: File) => uploadRotationCsv(file, i18n.language),
    onMutate: () => setCsv(null),
    onSuccess: (read) => onCsv(read),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => cancelScheduledRotation(id),
    onSuccess: async () => {
      setCancelling(null);
      setCancelled(true);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'rotation'] });
    },
  });

  const onApply = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await runRotation(plan(false));
      if (result.scheduledId) setScheduledNow(result);
      else setApplied(result);
      setPreview(null);
      setCsv(null);
      setRoleRows([]);
      setDisableRows([]);
      setTransferRows([]);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'accounts'] });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'rotation'] });
    } catch (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const errorAt = (path: string) => local[path];

  return (
    <>
      <PageHeading title={t('rotation.title')}>{t('rotation.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('rotation.lead')}</p>
      <LiveStatus
        message={
          applied
            ? t('rotation.applied')
            : scheduledNow
              ? t('rotation.scheduled', { date: formatStaffDate(scheduledNow.effectiveOn) })
              : cancelled
                ? t('rotation.cancelled')
                : null
        }
      />
      {applied && <ResultTables result={applied} byId={byId} heading={t('rotation.appliedHeading')} />}
      <FormProblem error={error} local={local} idPrefix="rotation" focusKey={attempt} />
      {accounts.data && accounts.data.total > list.length && (
        <Notice tone="warning">
          <p>{t('rotation.tooMany', { count: list.length })}</p>
        </Notice>
      )}

      <section aria-labelledby="rotation-date" className={cardClass}>
        <h2 id="rotation-date" className="text-std-20B-150">
          {t('rotation.dateHeading')}
        </h2>
        <div className="max-w-sm">
          <TextField
            id="rotation-effectiveOn"
            type="date"
            label={t('rotation.effectiveOn')}
            hint={t('rotation.effectiveOnHint')}
            required
            min={today || undefined}
            value={effectiveOn}
            error={errorAt('effectiveOn')}
            onChange={(event) => setDateChoice(event.target.value)}
          />
        </div>
        {effectiveOn && today && effectiveOn >= today && (
          <p className="text-std-16B-170" data-testid="rotation-date-summary">
            {later
              ? t('rotation.effectiveOnLater', { date: formatStaffDate(effectiveOn) })
              : t('rotation.effectiveOnToday', { date: formatStaffDate(effectiveOn) })}
          </p>
        )}
      </section>

      <section aria-labelledby="rotation-csv" className={cardClass}>
        <h2 id="rotation-csv" className="text-std-20B-150">
          {t('rotation.csvHeading')}
        </h2>
        <p className="text-dns-16N-130">{t('rotation.csvLead')}</p>
        <p className="text-dns-16N-130 text-solid-gray-700">{t('rotation.csvColumns')}</p>
        <ImportFileForm
          id="rotation-csv-file"
          label={t('rotation.csvFile')}
          submitLabel={t('rotation.csvUpload')}
          busy={upload.isPending || busy}
          onUpload={(file) => upload.mutate(file)}
        />
        {upload.isPending && <p className="text-dns-16N-130">{t('rotation.csvUploading')}</p>}
        {upload.isError && (
          <Notice tone="error">
            <p>{problemMessage(upload.error)}</p>
          </Notice>
        )}
        {csv?.plan && (
          <p className="text-dns-16N-130" role="status">
            {t('rotation.csvRead', {
              rows: csv.rowCount,
              encoding: csv.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8',
            })}
          </p>
        )}
        {csv && (
          <ImportProblemsTable
            id="rotation-csv-problems"
            heading={t('rotation.csvProblemsHeading', { count: csv.problems.length })}
            tableLabel={t('rotation.csvProblemsTable')}
            columns={{
              row: t('rotation.csvLine'),
              column: t('rotation.csvColumn'),
              reason: t('rotation.csvReason'),
            }}
            problems={csv.problems.map((p) => ({
              row: p.line,
              column: p.column,
              reason: inLanguage(p.reason, i18n.language),
            }))}
          />
        )}
      </section>

      <section aria-labelledby="rotation-roles" className={cardClass}>
        <h2 id="rotation-roles" className="text-std-20B-150">
          {t('rotation.rolesHeading')}
        </h2>
        {roleRows.map((row, i) => (
          <fieldset key={row.key} className="flex flex-col gap-3 border-t border-solid-gray-420 pt-3">
            <legend className="sr-only">{t('rotation.roleRow', { n: i + 1 })}</legend>
            <SelectField
              id={`rotation-roleChanges-${i}-accountId`}
              label={t('rotation.account')}
              compact
              options={options}
              value={row.accountId}
              error={errorAt(`roleChanges/${i}/accountId`)}
              onChange={(event) => {
                const id = event.target.value;
                const current = byId.get(id)?.roles ?? [];
                setRoleRows((rows) =>
                  rows.map((r) => (r.key === row.key ? { ...r, accountId: id, roles: current } : r)),
                );
              }}
            />
            <RoleCheckboxes
              idPrefix={`rotation-roleChanges-${i}-roles`}
              legend={t('rotation.newRoles')}
              grantable={grantable}
              value={row.roles}
              compact
              error={errorAt(`roleChanges/${i}/roles`)}
              onChange={(roles) =>
                setRoleRows((rows) => rows.map((r) => (r.key === row.key ? { ...r, roles } : r)))
              }
            />
            <div>
              <button
                type="button"
                className={compactDangerButtonClass}
                onClick={() => setRoleRows((rows) => rows.filter((r) => r.key !== row.key))}
              >
                {t('rotation.removeRow', { n: i + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <div>
          <button
            type="button"
            className={compactButtonClass}
            onClick={() => setRoleRows((rows) => [...rows, { key: key(), accountId: '', roles: [] }])}
          >
            {t('rotation.addRoleChange')}
          </button>
        </div>
      </section>

      <section aria-labelledby="rotation-disable" className={cardClass}>
        <h2 id="rotation-disable" className="text-std-20B-150">
          {t('rotation.disableHeading')}
        </h2>
        <p className="text-dns-16N-130 text-solid-gray-700">{t('rotation.disableHint')}</p>
        {disableRows.map((row, i) => (
          <div key={row.key} className="flex flex-wrap items-end gap-3">
            <div className="min-w-0 flex-1 basis-64">
              <SelectField
                id={`rotation-disable-${i}`}
                label={t('rotation.disableRow', { n: i + 1 })}
                compact
                options={options}
                value={row.accountId}
                error={errorAt(`disable/${i}`)}
                onChange={(event) =>
                  setDisableRows((rows) =>
                    rows.map((r) => (r.key === row.key ? { ...r, accountId: event.target.value } : r)),
                  )
                }
              />
            </div>
            <button
              type="button"
              className={compactDangerButtonClass}
              onClick={() => setDisableRows((rows) => rows.filter((r) => r.key !== row.key))}
            >
              {t('rotation.removeRow', { n: i + 1 })}
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className={compactButtonClass}
            onClick={() => setDisableRows((rows) => [...rows, { key: key(), accountId: '' }])}
          >
            {t('rotation.addDisable')}
          </button>
        </div>
      </section>

      <section aria-labelledby="rotation-transfers" className={cardClass}>
        <h2 id="rotation-transfers" className="text-std-20B-150">
          {t('rotation.transfersHeading')}
        </h2>
        <p className="text-dns-16N-130 text-solid-gray-700">{t('rotation.transfersHint')}</p>
        {transferRows.map((row, i) => (
          <fieldset
            key={row.key}
            className="flex flex-wrap items-end gap-3 border-t border-solid-gray-420 pt-3"
          >
            <legend className="sr-only">{t('rotation.transferRow', { n: i + 1 })}</legend>
            <div className="min-w-0 flex-1 basis-56">
              <SelectField
                id={`rotation-caseloadTransfers-${i}-fromAccountId`}
                label={t('rotation.from')}
                compact
                options={options}
                value={row.from}
                error={errorAt(`caseloadTransfers/${i}/fromAccountId`)}
                onChange={(event) =>
                  setTransferRows((rows) =>
                    rows.map((r) => (r.key === row.key ? { ...r, from: event.target.value } : r)),
                  )
                }
              />
            </div>
            <div className="min-w-0 flex-1 basis-56">
              <SelectField
                id={`rotation-caseloadTransfers-${i}-toAccountId`}
                label={t('rotation.to')}
                compact
                options={options}
                value={row.to}
                error={errorAt(`caseloadTransfers/${i}/toAccountId`)}
                onChange={(event) =>
                  setTransferRows((rows) =>
                    rows.map((r) => (r.key === row.key ? { ...r, to: event.target.value } : r)),
                  )
                }
              />
            </div>
            <button
              type="button"
              className={compactDangerButtonClass}
              onClick={() => setTransferRows((rows) => rows.filter((r) => r.key !== row.key))}
            >
              {t('rotation.removeRow', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <div>
          <button
            type="button"
            className={compactButtonClass}
            onClick={() => setTransferRows((rows) => [...rows, { key: key(), from: '', to: '' }])}
          >
            {t('rotation.addTransfer')}
          </button>
        </div>
      </section>

      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={busy}
          onClick={() => void onPreview()}
        >
          {busy && !confirming ? t('rotation.previewing') : t('rotation.preview')}
        </button>
        <button
          type="button"
          className={primaryButtonClass}
          disabled={busy || !previewCurrent}
          aria-describedby="rotation-apply-hint"
          onClick={() => setConfirming(true)}
        >
          {later ? t('rotation.applyScheduled') : t('rotation.apply')}
        </button>
      </div>
      <p id="rotation-apply-hint" className="text-dns-16N-130 text-solid-gray-700">
        {previewCurrent ? t('rotation.applyReady') : t('rotation.applyHint')}
      </p>

      {preview && previewCurrent && (
        <ResultTables result={preview.result} byId={byId} heading={t('rotation.previewHeading')} focusable />
      )}

      <ScheduledList
        list={scheduled.data?.items}
        onCancel={(item) => {
          setCancelled(false);
          cancel.reset();
          setCancelling(item);
        }}
      />

      <ConfirmDialog
        open={confirming}
        title={later ? t('rotation.confirmTitleScheduled') : t('rotation.confirmTitle')}
        confirmLabel={later ? t('rotation.applyScheduled') : t('rotation.apply')}
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void onApply()}
      >
        <p>
          {later
            ? t('rotation.confirmBodyScheduled', { date: formatStaffDate(effectiveOn) })
            : t('rotation.confirmBody')}
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={cancelling !== null}
        title={cancelling ? t('rotation.cancelTitle', { date: formatStaffDate(cancelling.effectiveOn) }) : ''}
        confirmLabel={
          cancelling ? t('rotation.cancel', { date: formatStaffDate(cancelling.effectiveOn) }) : ''
        }
        danger
        busy={cancel.isPending}
        onCancel={() => setCancelling(null)}
        onConfirm={() => cancelling && cancel.mutate(cancelling.id)}
      >
        <p>{t('rotation.cancelBody')}</p>
        {cancel.isError && <p className="text-error-2">{problemMessage(cancel.error)}</p>}
      </ConfirmDialog>
    </>
  );
}

/** 「名前（メール）」 from the server's list of the rotation's accounts; never an id. */
function useAccountName(people: readonly RotationAccount[], byId?: Map<string, Account>) {
  const { t } = useTranslation();
  const known = new Map(people.map((a) => [a.id, a]));
  return (id: string) => {
    const a = known.get(id) ?? byId?.get(id);
    return a ? accountLabel(a) : t('rotation.unknownAccount');
  };
}

function ScheduledList({
  list,
  onCancel,
}: {
  list: ScheduledRotation[] | undefined;
  onCancel: (item: ScheduledRotation) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="rotation-scheduled" className={cardClass}>
      <h2 id="rotation-scheduled" className="text-std-20B-150">
        {t('rotation.scheduledHeading')}
      </h2>
      {list && list.length === 0 && <p>{t('rotation.scheduledNone')}</p>}
      {list && list.length > 0 && (
        <DataTable label={t('rotation.scheduledTable')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('rotation.scheduledDate')}
                </th>
                <th scope="col" className={thClass}>
                  {t('rotation.scheduledContents')}
                </th>
                <th scope="col" className={thClass}>
                  {t('rotation.scheduledBy')}
                </th>
                <th scope="col" className={thClass}>
                  {t('rotation.scheduledStatus')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((item) => (
                <ScheduledRow key={item.id} item={item} onCancel={onCancel} />
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
    </section>
  );
}

function ScheduledRow({
  item,
  onCancel,
}: {
  item: ScheduledRotation;
  onCancel: (item: ScheduledRotation) => void;
}) {
  const { t, i18n } = useTranslation();
  const roleLabel = useRoleLabel();
  const name = useAccountName(item.accounts);
  const date = formatStaffDate(item.effectiveOn);
  const lines = [
    ...item.roleChanges.map((c) =>
      t('rotation.lineRoles', { name: name(c.accountId), roles: c.roles.map(roleLabel).join('、') }),
    ),
    ...item.disable.map((id) => t('rotation.lineDisable', { name: name(id) })),
    ...item.caseloadTransfers.map((c) =>
      t('rotation.lineTransfer', { from: name(c.fromAccountId), to: name(c.toAccountId) }),
    ),
  ];
  return (
    <tr data-testid="rotation-scheduled-row">
      <th scope="row" className={`${tdClass} font-normal`}>
        {date}
      </th>
      <td className={tdClass}>
        <ul className="flex flex-col gap-1">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </td>
      <td className={tdClass}>
        {item.createdBy ? accountLabel(item.createdBy) : t('rotation.unknownAccount')}
      </td>
      <td className={tdClass}>
        <p>{t(`rotation.statuses.${item.status}`)}</p>
        {item.failureReason && (
          <p className="text-error-2">
            {t('rotation.failedReason', {
              reason: inLanguage(item.failureReason, i18n.language),
            })}
          </p>
        )}
        {item.status === 'scheduled' && (
          <button type="button" className={`${compactDangerButtonClass} mt-2`} onClick={() => onCancel(item)}>
            {t('rotation.cancel', { date })}
          </button>
        )}
      </td>
    </tr>
  );
}

function accountLabel(a: { displayName: string; email: string }): string {
  return a.displayName ? `${a.displayName}（${a.email}）` : a.email;
}

function ResultTables({
  result,
  byId,
  heading,
  focusable = false,
}: {
  result: RotationResult;
  byId: Map<string, Account>;
  heading: string;
  focusable?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const roleLabel = useRoleLabel();
  const name = useAccountName(result.accounts, byId);
  const roles = (list: Role[]) => list.map(roleLabel).join('、') || '—';
  return (
    <section aria-labelledby="rotation-preview-heading" className={cardClass}>
      <h2 id="rotation-preview-heading" tabIndex={focusable ? -1 : undefined} className="text-std-20B-150">
        {heading}
      </h2>
      <p className="text-std-16B-170">
        {t('rotation.previewDate', { date: formatStaffDate(result.effectiveOn) })}
      </p>
      <DataTable label={t('rotation.resultTableLabel')}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {t('rotation.change')}
              </th>
              <th scope="col" className={thClass}>
                {t('rotation.account')}
              </th>
              <th scope="col" className={thClass}>
                {t('rotation.before')}
              </th>
              <th scope="col" className={thClass}>
                {t('rotation.after')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.roleChanges.map((c) => (
              <tr key={`r-${c.accountId}`}>
                <th scope="row" className={`${tdClass} font-normal`}>
                  {t('rotation.kindRoles')}
                </th>
                <td className={tdClass}>{name(c.accountId)}</td>
                <td className={tdClass}>{roles(c.before)}</td>
                <td className={tdClass}>{roles(c.after)}</td>
              </tr>
            ))}
            {result.disabled.map((id) => (
              <tr key={`d-${id}`}>
                <th scope="row" className={`${tdClass} font-normal`}>
                  {t('rotation.kindDisable')}
                </th>
                <td className={tdClass}>{name(id)}</td>
                <td className={tdClass}>{t('accounts.status.active')}</td>
                <td className={tdClass}>{t('accounts.status.disabled')}</td>
              </tr>
            ))}
            {result.caseloadTransfers.map((c) => (
              <tr key={`c-${c.fromAccountId}-${c.toAccountId}`}>
                <th scope="row" className={`${tdClass} font-normal`}>
                  {t('rotation.kindTransfer')}
                </th>
                <td className={tdClass}>{name(c.fromAccountId)}</td>
                <td className={tdClass}>
                  {c.moved.length === 0
                    ? t('rotation.nothingToMove')
                    : c.moved
                        .map((m) =>
                          t('rotation.moved', { kind: inLanguage(m.label, i18n.language), count: m.count }),
                        )
                        .join('、')}
                </td>
                <td className={tdClass}>{t('rotation.transferTo', { name: name(c.toAccountId) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
    </section>
  );
}
