import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles.ts';
import { isApiError } from '../../api/client.ts';
import { meQuery } from '../../api/me.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatStaffInstant } from '../../ui/datetime.ts';
import { FormProblem, fieldErrorsByPath, fieldId } from '../../ui/FormProblem.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  cardClass,
  compactButtonClass,
  compactDangerButtonClass,
  linkClass,
  monoClass,
  primaryButtonClass,
} from '../../ui/styles.ts';
import {
  type Account,
  accountQuery,
  grantableRoles,
  sendPasswordResetLink,
  setAccountRoles,
  setAccountStatus,
} from './api.ts';
import { RoleCheckboxes, useRoleLabel } from './RoleCheckboxes.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** `/console/admin/accounts/$id`: one account, its roles, and the administrator's actions on it. */
export function AccountDetailPage({ id, created }: { id: string; created: boolean }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const account = useQuery(accountQuery(id));
  const [status, setStatus] = useState<string | null>(created ? t('accounts.created') : null);

  const back = (
    <p>
      <Link to="/console/admin/accounts" className={`${linkClass} inline-flex min-h-11 items-center`}>
        {t('accounts.backToList')}
      </Link>
    </p>
  );
  if (account.isPending) {
    return (
      <>
        {back}
        <PageHeading title={t('accounts.detailTitle')}>{t('accounts.detailTitle')}</PageHeading>
        <p>{t('common.loading')}</p>
      </>
    );
  }
  if (account.isError) {
    const missing = isApiError(account.error, 404) || isApiError(account.error, 400);
    return (
      <>
        {back}
        <PageHeading title={t('accounts.notFoundTitle')}>
          {missing ? t('accounts.notFoundTitle') : t('accounts.detailTitle')}
        </PageHeading>
        <Notice tone="error">
          <p>{missing ? t('accounts.notFoundBody') : problemMessage(account.error)}</p>
        </Notice>
      </>
    );
  }
  const a = account.data;
  return (
    <>
      {back}
      <PageHeading title={a.displayName || a.email}>{a.displayName || a.email}</PageHeading>
      <LiveStatus message={status} />
      <Summary account={a} />
      <RolesEditor account={a} onSaved={() => setStatus(t('accounts.rolesSaved'))} />
      <Actions account={a} onDone={setStatus} />
    </>
  );
}

function Summary({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const roleLabel = useRoleLabel();
  const rows: [string, ReactNode][] = [
    [
      t('accounts.email'),
      <span key="email" className="break-all">
        {account.email}
      </span>,
    ],
    [t('accounts.displayName'), account.displayName],
    [t('accounts.statusLabel'), <StatusBadge key="status" status={account.status} />],
    [t('accounts.roles'), account.roles.map(roleLabel).join('、')],
    [t('accounts.createdAt'), formatStaffInstant(account.createdAt, i18n.language)],
  ];
  if (account.disabledAt)
    rows.push([t('accounts.disabledAt'), formatStaffInstant(account.disabledAt, i18n.language)]);
  rows.push([
    t('accounts.id'),
    <span key="id" className={monoClass}>
      {account.id}
    </span>,
  ]);
  return (
    <section aria-labelledby="account-summary" className={cardClass}>
      <h2 id="account-summary" className="text-std-20B-150">
        {t('accounts.summaryHeading')}
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-dns-16B-130 text-solid-gray-800">{term}</dt>
            <dd className="text-dns-16N-130">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function RolesEditor({ account, onSaved }: { account: Account; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const grantable = me.data
    ? grantableRoles({ scope: me.data.account.scope, roles: me.data.account.roles.map((r) => r.role) })
    : [];
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const prefix = 'roles';
  const accountRolesKey = account.roles.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the saved roles when they change.
  useEffect(() => setRoles(account.roles), [accountRolesKey]);

  // Roles this administrator could not grant (another scope) are shown, never edited here.
  const editable = account.roles.every((r) => grantable.includes(r));
  if (!editable) {
    return (
      <section aria-labelledby="roles-heading" className={cardClass}>
        <h2 id="roles-heading" className="text-std-20B-150">
          {t('accounts.rolesHeading')}
        </h2>
        <p className="text-std-16N-170">{t('accounts.rolesNotEditable')}</p>
      </section>
    );
  }
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    if (roles.length === 0) {
      setLocal({ roles: t('accounts.errors.rolesRequired') });
      setAttempt((n) => n + 1);
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      const saved = await setAccountRoles(account.id, roles);
      queryClient.setQueryData(accountQuery(account.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'accounts', 'list'] });
      onSaved();
    } catch (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  const server = fieldErrorsByPath(error);
  return (
    <section aria-labelledby="roles-heading" className={cardClass}>
      <h2 id="roles-heading" className="text-std-20B-150">
        {t('accounts.rolesHeading')}
      </h2>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-busy={busy}>
        <FormProblem error={error} local={local} idPrefix={prefix} focusKey={attempt} />
        <RoleCheckboxes
          idPrefix={fieldId(prefix, 'roles')}
          legend={t('accounts.roles')}
          grantable={grantable}
          value={roles}
          onChange={setRoles}
          error={server.roles ?? local.roles}
        />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? t('accounts.saving') : t('accounts.saveRoles')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Actions({ account, onDone }: { account: Account; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const me = useQuery(meQuery());
  const [confirm, setConfirm] = useState<'disable' | 'enable' | 'reset' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const self = me.data?.account.id === account.id;

  const run = async () => {
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      if (confirm === 'reset') {
        const result = await sendPasswordResetLink(account.id);
        onDone(t('accounts.resetSent', { until: formatStaffInstant(result.expiresAt, i18n.language) }));
      } else {
        const saved = await setAccountStatus(account.id, confirm);
        queryClient.setQueryData(accountQuery(account.id).queryKey, saved);
        await queryClient.invalidateQueries({ queryKey: ['admin', 'accounts', 'list'] });
        onDone(confirm === 'disable' ? t('accounts.disabled') : t('accounts.enabled'));
      }
      setConfirm(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="actions-heading" className={cardClass}>
      <h2 id="actions-heading" className="text-std-20B-150">
        {t('accounts.actionsHeading')}
      </h2>
      <div className="flex flex-col gap-2">
        <div>
          <button type="button" className={compactButtonClass} onClick={() => setConfirm('reset')}>
            {t('accounts.sendReset')}
          </button>
        </div>
        <p className="text-dns-16N-130 text-solid-gray-700">{t('accounts.sendResetHint')}</p>
      </div>
      <div className="flex flex-col gap-2">
        {account.status === 'active' ? (
          <>
            <div>
              <button
                type="button"
                className={compactDangerButtonClass}
                disabled={self}
                onClick={() => setConfirm('disable')}
              >
                {t('accounts.disable')}
              </button>
            </div>
            <p className="text-dns-16N-130 text-solid-gray-700">
              {self ? t('accounts.cannotDisableSelf') : t('accounts.disableHint')}
            </p>
          </>
        ) : (
          <div>
            <button type="button" className={compactButtonClass} onClick={() => setConfirm('enable')}>
              {t('accounts.enable')}
            </button>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm === 'disable'
            ? t('accounts.disableTitle', { name: account.displayName || account.email })
            : confirm === 'enable'
              ? t('accounts.enableTitle', { name: account.displayName || account.email })
              : t('accounts.resetTitle', { name: account.displayName || account.email })
        }
        confirmLabel={
          confirm === 'disable'
            ? t('accounts.disable')
            : confirm === 'enable'
              ? t('accounts.enable')
              : t('accounts.sendReset')
        }
        danger={confirm === 'disable'}
        busy={busy}
        onCancel={() => {
          setConfirm(null);
          setError(null);
        }}
        onConfirm={() => void run()}
      >
        <p>
          {confirm === 'disable'
            ? t('accounts.disableBody')
            : confirm === 'enable'
              ? t('accounts.enableBody')
              : t('accounts.resetBody', { email: account.email })}
        </p>
        {error !== null && (
          <p role="alert" className="text-std-16B-170 text-error-2">
            {problemMessage(error)}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
