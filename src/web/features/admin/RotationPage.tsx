import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
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
import { meQuery } from '../auth/api.ts';
import {
  type Account,
  accountsQuery,
  grantableRoles,
  type RotationPlan,
  type RotationResult,
  runRotation,
} from './api.ts';
import { RoleCheckboxes, useRoleLabel } from './RoleCheckboxes.tsx';

type RoleRow = { key: number; accountId: string; roles: Role[] };
type DisableRow = { key: number; accountId: string };
type TransferRow = { key: number; from: string; to: string };

/**
 * `/console/admin/rotation`: April personnel rotation. Stage role changes, accounts to disable and
 * caseload hand-overs; preview them (dryRun) — the server checks everything and counts what would move
 * — and only then apply, all in one transaction.
 */
export function RotationPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const accounts = useQuery(accountsQuery({ status: 'active' }, undefined, 200));
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

  const plan = (dryRun: boolean): RotationPlan => ({
    dryRun,
    roleChanges: roleRows.filter((r) => r.accountId).map((r) => ({ accountId: r.accountId, roles: r.roles })),
    disable: disableRows.filter((r) => r.accountId).map((r) => r.accountId),
    caseloadTransfers: transferRows
      .filter((r) => r.from && r.to)
      .map((r) => ({ fromAccountId: r.from, toAccountId: r.to })),
  });
  const planKey = JSON.stringify(plan(true));
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
    if (empty && Object.keys(errors).length === 0) errors[''] = t('rotation.errors.empty');
    setLocal(errors);
    if (Object.keys(errors).length > 0) setAttempt((n) => n + 1);
    return Object.keys(errors).length === 0;
  };

  const onPreview = async () => {
    setError(null);
    setApplied(null);
    if (!validate()) return;
    setBusy(true);
    try {
      const result = await runRotation(plan(true));
      setPreview({ plan: planKey, result });
      requestAnimationFrame(() => document.getElementById('rotation-preview-heading')?.focus());
    } catch (failure) {
      setPreview(null);
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const onApply = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await runRotation(plan(false));
      setApplied(result);
      setPreview(null);
      setRoleRows([]);
      setDisableRows([]);
      setTransferRows([]);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'accounts'] });
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
      <LiveStatus message={applied ? t('rotation.applied') : null} />
      {applied && <ResultTables result={applied} byId={byId} heading={t('rotation.appliedHeading')} />}
      <FormProblem error={error} local={local} idPrefix="rotation" focusKey={attempt} />
      {accounts.data && accounts.data.total > list.length && (
        <Notice tone="warning">
          <p>{t('rotation.tooMany', { count: list.length })}</p>
        </Notice>
      )}

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
          {t('rotation.apply')}
        </button>
      </div>
      <p id="rotation-apply-hint" className="text-dns-16N-130 text-solid-gray-700">
        {previewCurrent ? t('rotation.applyReady') : t('rotation.applyHint')}
      </p>

      {preview && previewCurrent && (
        <ResultTables result={preview.result} byId={byId} heading={t('rotation.previewHeading')} focusable />
      )}

      <ConfirmDialog
        open={confirming}
        title={t('rotation.confirmTitle')}
        confirmLabel={t('rotation.apply')}
        danger
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void onApply()}
      >
        <p>{t('rotation.confirmBody')}</p>
      </ConfirmDialog>
    </>
  );
}

function accountLabel(a: Account): string {
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
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const name = (id: string) => {
    const a = byId.get(id);
    return a ? accountLabel(a) : id;
  };
  const roles = (list: Role[]) => list.map(roleLabel).join('、') || '—';
  return (
    <section aria-labelledby="rotation-preview-heading" className={cardClass}>
      <h2 id="rotation-preview-heading" tabIndex={focusable ? -1 : undefined} className="text-std-20B-150">
        {heading}
      </h2>
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
                    : c.moved.map((m) => t('rotation.moved', { kind: m.kind, count: m.count })).join('、')}
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
