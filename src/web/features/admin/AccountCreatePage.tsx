import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles.ts';
import { meQuery } from '../../api/me.ts';
import { FormProblem, fieldErrorsByPath, fieldId } from '../../ui/FormProblem.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { createAccount, grantableRoles } from './api.ts';
import { RoleCheckboxes } from './RoleCheckboxes.tsx';

const PREFIX = 'account';

/** `/console/admin/accounts/new`: a new account gets a one-time link to set its own password. */
export function AccountCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const grantable = me.data
    ? grantableRoles({ scope: me.data.account.scope, roles: me.data.account.roles.map((r) => r.role) })
    : [];
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!email.trim()) errors.email = t('accounts.errors.emailRequired');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = t('login.errors.emailInvalid');
    if (!displayName.trim()) errors.displayName = t('accounts.errors.nameRequired');
    if (roles.length === 0) errors.roles = t('accounts.errors.rolesRequired');
    setError(null);
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const created = await createAccount({ email: email.trim(), displayName: displayName.trim(), roles });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'accounts'] });
      await navigate({
        to: '/console/admin/accounts/$id',
        params: { id: created.id },
        search: { created: true },
      });
    } catch (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  const server = fieldErrorsByPath(error);
  const fieldError = (path: string) => server[path] ?? local[path];

  return (
    <>
      <p>
        <Link to="/console/admin/accounts" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('accounts.backToList')}
        </Link>
      </p>
      <PageHeading title={t('accounts.createTitle')}>{t('accounts.createTitle')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('accounts.createLead')}</p>
      <form noValidate onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-6" aria-busy={busy}>
        <FormProblem error={error} local={local} idPrefix={PREFIX} focusKey={attempt} />
        <TextField
          id={fieldId(PREFIX, 'email')}
          type="email"
          label={t('accounts.email')}
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          error={fieldError('email')}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          id={fieldId(PREFIX, 'displayName')}
          label={t('accounts.displayName')}
          hint={t('accounts.displayNameHint')}
          autoComplete="off"
          maxLength={100}
          required
          value={displayName}
          error={fieldError('displayName')}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <RoleCheckboxes
          idPrefix={fieldId(PREFIX, 'roles')}
          legend={t('accounts.roles')}
          grantable={grantable}
          value={roles}
          onChange={setRoles}
          error={fieldError('roles')}
        />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? t('accounts.creating') : t('accounts.createSubmit')}
          </button>
        </div>
      </form>
    </>
  );
}
