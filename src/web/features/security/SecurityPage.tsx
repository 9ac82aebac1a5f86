import './i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { meQuery } from '../../api/me.ts';
import {
  changePassword,
  endSession,
  logoutEverywhere,
  type Passkey,
  passkeysQuery,
  regenerateRecoveryCodes,
  removePasskey,
  removeTotp,
  sessionsQuery,
} from '../../api/session.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffInstant } from '../../ui/datetime.ts';
import { FormProblem, fieldErrorsByPath, fieldId } from '../../ui/FormProblem.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  cardClass,
  compactDangerButtonClass,
  primaryButtonClass,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { PasskeyEnrolment } from './PasskeyEnrolment.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';

/** `/console/security`: the signed-in account's own second factors, password and sessions. */
export function SecurityPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery(meQuery());
  const passkeys = useQuery(passkeysQuery());
  const [codes, setCodes] = useState<string[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const refresh = async (message: string) => {
    setStatus(message);
    const fresh = await queryClient.fetchQuery({ ...meQuery(), staleTime: 0 });
    // The last second factor of a role that must have one is gone: the server now opens only the
    // set-up, so go there at once (saying why) rather than after some other request is refused.
    if (fresh.mfa.enrolmentRequired) {
      await navigate({ to: '/console/security/setup', search: { removed: true } });
      return;
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['auth', 'passkeys'] }),
      queryClient.invalidateQueries({ queryKey: ['auth', 'sessions'] }),
    ]);
  };
  const onEnrolled = async (recoveryCodes: string[] | null, message: string) => {
    if (recoveryCodes) setCodes(recoveryCodes);
    await refresh(message);
  };

  const methods = me.data?.mfa.methods ?? [];
  const hasTotp = methods.includes('totp');
  const passkeyList = passkeys.data?.items ?? [];
  const factorCount = (hasTotp ? 1 : 0) + passkeyList.length;

  return (
    <>
      <PageHeading title={t('security.title')}>{t('security.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('security.lead')}</p>
      <LiveStatus message={status} />
      {codes && (
        <RecoveryCodes
          codes={codes}
          continueLabel={t('recovery.close')}
          onContinue={() => {
            setCodes(null);
            document.getElementById('page-heading')?.focus();
          }}
        />
      )}

      <section aria-labelledby="factors-heading" className={cardClass}>
        <h2 id="factors-heading" className="text-std-24B-150">
          {t('security.factorsHeading')}
        </h2>
        {me.data && !me.data.mfa.required && factorCount === 0 && (
          <p className="text-std-16N-170">{t('security.notRequired')}</p>
        )}

        <div className="flex flex-col gap-3">
          <h3 className="text-std-20B-150">{t('security.totpHeading')}</h3>
          <p className="text-std-16N-170">{hasTotp ? t('security.totpOn') : t('security.totpOff')}</p>
          {hasTotp ? (
            <RemoveTotp lastFactor={factorCount <= 1} onRemoved={() => refresh(t('security.totpRemoved'))} />
          ) : (
            <TotpEnrolment onEnrolled={(c) => void onEnrolled(c, t('security.totpAdded'))} />
          )}
        </div>

        <div className="flex flex-col gap-3 border-t border-solid-gray-420 pt-4">
          <h3 className="text-std-20B-150">{t('security.passkeysHeading')}</h3>
          {passkeys.isError ? (
            <PasskeysError error={passkeys.error} />
          ) : passkeyList.length === 0 ? (
            <p className="text-std-16N-170">{t('security.noPasskeys')}</p>
          ) : (
            <PasskeyTable
              passkeys={passkeyList}
              lastFactor={factorCount <= 1}
              onRemoved={() => refresh(t('security.passkeyRemoved'))}
            />
          )}
          <PasskeyEnrolment onEnrolled={(c) => void onEnrolled(c, t('security.passkeyAdded'))} />
        </div>

        {factorCount > 0 && (
          <div className="flex flex-col gap-3 border-t border-solid-gray-420 pt-4">
            <h3 className="text-std-20B-150">{t('security.recoveryHeading')}</h3>
            <p className="text-std-16N-170">
              {methods.includes('recovery') ? t('security.recoveryLeft') : t('security.recoveryNone')}
            </p>
            <RegenerateCodes onCodes={setCodes} />
          </div>
        )}
      </section>

      <PasswordChange hasMfa={factorCount > 0} onChanged={() => refresh(t('security.passwordChanged'))} />
      <Sessions />
    </>
  );
}

function PasskeysError({ error }: { error: unknown }) {
  const problemMessage = useProblemMessage();
  return (
    <Notice tone="error">
      <p>{problemMessage(error)}</p>
    </Notice>
  );
}

function RemoveTotp({ lastFactor, onRemoved }: { lastFactor: boolean; onRemoved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const prefix = 'totp-remove';

  if (!open) {
    return (
      <div>
        <button type="button" className={compactDangerButtonClass} onClick={() => setOpen(true)}>
          {t('security.totpRemove')}
        </button>
      </div>
    );
  }
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await removeTotp(code.trim(), lastFactor ? password : undefined);
      setOpen(false);
      onRemoved();
    } catch (failure) {
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  const fields = fieldErrorsByPath(error);
  return (
    <form noValidate onSubmit={onSubmit} className="flex max-w-md flex-col gap-4" aria-busy={busy}>
      <FormProblem error={error} idPrefix={prefix} focusKey={attempt} />
      {lastFactor && (
        <Notice tone="warning">
          <p>{t('security.lastFactorWarning')}</p>
        </Notice>
      )}
      <TextField
        id={fieldId(prefix, 'code')}
        label={t('security.totpRemoveCode')}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        value={code}
        error={fields.code}
        onChange={(event) => setCode(event.target.value)}
      />
      {lastFactor && (
        <TextField
          id={fieldId(prefix, 'currentPassword')}
          type="password"
          label={t('security.currentPassword')}
          autoComplete="current-password"
          required
          value={password}
          error={fields.currentPassword}
          onChange={(event) => setPassword(event.target.value)}
        />
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={compactDangerButtonClass} disabled={busy}>
          {t('security.totpRemoveConfirm')}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(false)}>
          {t('dialog.cancel')}
        </button>
      </div>
    </form>
  );
}

function PasskeyTable({
  passkeys,
  lastFactor,
  onRemoved,
}: {
  passkeys: Passkey[];
  lastFactor: boolean;
  onRemoved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [target, setTarget] = useState<Passkey | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problemMessage = useProblemMessage();
  return (
    <>
      <DataTable label={t('security.passkeysHeading')}>
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>
                {t('security.passkeyName')}
              </th>
              <th scope="col" className={thClass}>
                {t('security.registeredAt')}
              </th>
              <th scope="col" className={thClass}>
                {t('security.lastUsedAt')}
              </th>
              <th scope="col" className={thClass}>
                <span className="sr-only">{t('table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {passkeys.map((p) => (
              <tr key={p.id}>
                <td className={tdClass}>{p.label}</td>
                <td className={tdClass}>{formatStaffInstant(p.createdAt, i18n.language)}</td>
                <td className={tdClass}>
                  {p.lastUsedAt ? formatStaffInstant(p.lastUsedAt, i18n.language) : t('security.never')}
                </td>
                <td className={tdClass}>
                  <button
                    type="button"
                    className={compactDangerButtonClass}
                    aria-label={t('security.passkeyRemoveNamed', { name: p.label })}
                    onClick={() => {
                      setError(null);
                      setPassword('');
                      setTarget(p);
                    }}
                  >
                    {t('security.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </DataTable>
      <ConfirmDialog
        open={target !== null}
        title={t('security.passkeyRemoveTitle', { name: target?.label ?? '' })}
        confirmLabel={t('security.remove')}
        danger
        busy={busy}
        onCancel={() => setTarget(null)}
        onConfirm={async () => {
          if (!target) return;
          setBusy(true);
          setError(null);
          try {
            await removePasskey(target.id, lastFactor ? password : undefined);
            setTarget(null);
            onRemoved();
          } catch (failure) {
            setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>{t('security.passkeyRemoveBody')}</p>
        {lastFactor && (
          <>
            <p>{t('security.lastFactorWarning')}</p>
            <TextField
              id="passkey-remove-currentPassword"
              type="password"
              label={t('security.currentPassword')}
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </>
        )}
        {error !== null && (
          <p role="alert" className="text-std-16B-170 text-error-2">
            {[problemMessage(error), ...Object.values(fieldErrorsByPath(error))].join(' ')}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function RegenerateCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problemMessage = useProblemMessage();
  return (
    <>
      <div>
        <button type="button" className={secondaryButtonClass} onClick={() => setOpen(true)}>
          {t('security.recoveryRegenerate')}
        </button>
      </div>
      <ConfirmDialog
        open={open}
        title={t('security.recoveryRegenerateTitle')}
        confirmLabel={t('security.recoveryRegenerate')}
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          try {
            const result = await regenerateRecoveryCodes();
            setOpen(false);
            onCodes(result.recoveryCodes);
          } catch (failure) {
            setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p>{t('security.recoveryRegenerateBody')}</p>
        {error !== null && (
          <p role="alert" className="text-std-16B-170 text-error-2">
            {problemMessage(error)}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

function PasswordChange({ hasMfa, onChanged }: { hasMfa: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const prefix = 'password';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (current === '') errors.currentPassword = t('security.errors.currentRequired');
    if (next === '') errors.newPassword = t('security.errors.newRequired');
    if (confirmation !== next) errors.confirmation = t('passwordReset.errors.mismatch');
    setError(null);
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirmation('');
      onChanged();
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
    <section aria-labelledby="password-heading" className={cardClass}>
      <h2 id="password-heading" className="text-std-24B-150">
        {t('security.passwordHeading')}
      </h2>
      <form noValidate onSubmit={onSubmit} className="flex max-w-xl flex-col gap-4" aria-busy={busy}>
        <FormProblem error={error} local={local} idPrefix={prefix} focusKey={attempt} />
        <TextField
          id={fieldId(prefix, 'currentPassword')}
          type="password"
          label={t('security.currentPassword')}
          autoComplete="current-password"
          required
          value={current}
          error={fieldError('currentPassword')}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          id={fieldId(prefix, 'newPassword')}
          type="password"
          label={t('security.newPassword')}
          hint={hasMfa ? t('security.policyWithMfa') : t('passwordReset.policy')}
          autoComplete="new-password"
          required
          value={next}
          error={fieldError('newPassword')}
          onChange={(event) => setNext(event.target.value)}
        />
        <TextField
          id={fieldId(prefix, 'confirmation')}
          type="password"
          label={t('passwordReset.confirmation')}
          autoComplete="new-password"
          required
          value={confirmation}
          error={fieldError('confirmation')}
          onChange={(event) => setConfirmation(event.target.value)}
        />
        <p className="text-dns-16N-130 text-solid-gray-700">{t('security.passwordOthersEnd')}</p>
        <div>
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? t('security.passwordChanging') : t('security.passwordChange')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessions = useQuery(sessionsQuery());
  const problemMessage = useProblemMessage();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);

  return (
    <section aria-labelledby="sessions-heading" className={cardClass}>
      <h2 id="sessions-heading" className="text-std-24B-150">
        {t('security.sessionsHeading')}
      </h2>
      <p className="text-std-16N-170">{t('security.sessionsLead')}</p>
      <LiveStatus message={status} />
      {error !== null && (
        <Notice tone="error">
          <p>{problemMessage(error)}</p>
        </Notice>
      )}
      {sessions.isPending ? (
        <p>{t('common.loading')}</p>
      ) : sessions.isError ? (
        <Notice tone="error">
          <p>{problemMessage(sessions.error)}</p>
        </Notice>
      ) : (
        <DataTable label={t('security.sessionsHeading')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('security.device')}
                </th>
                <th scope="col" className={thClass}>
                  {t('security.signedInAt')}
                </th>
                <th scope="col" className={thClass}>
                  {t('security.lastSeenAt')}
                </th>
                <th scope="col" className={thClass}>
                  <span className="sr-only">{t('table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((s) => (
                <tr key={s.id} aria-current={s.current ? 'true' : undefined}>
                  <td className={tdClass}>
                    <span className="flex flex-wrap items-center gap-2">
                      {s.label}
                      {s.current && (
                        <strong className="rounded-4 bg-blue-900 px-2 py-0.5 text-dns-14B-120 text-white">
                          {t('security.thisDevice')}
                        </strong>
                      )}
                    </span>
                  </td>
                  <td className={tdClass}>{formatStaffInstant(s.createdAt, i18n.language)}</td>
                  <td className={tdClass}>{formatStaffInstant(s.lastSeenAt, i18n.language)}</td>
                  <td className={tdClass}>
                    {!s.current && (
                      <button
                        type="button"
                        className={compactDangerButtonClass}
                        aria-label={t('security.endSessionNamed', { name: s.label })}
                        onClick={async () => {
                          setError(null);
                          try {
                            await endSession(s.id);
                            setStatus(t('security.sessionEnded', { name: s.label }));
                            await queryClient.invalidateQueries({ queryKey: ['auth', 'sessions'] });
                          } catch (failure) {
                            if (!isApiError(failure, 401)) setError(failure);
                          }
                        }}
                      >
                        {t('security.endSession')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      <div>
        <button type="button" className={secondaryButtonClass} onClick={() => setConfirmAll(true)}>
          {t('security.logoutAll')}
        </button>
      </div>
      <ConfirmDialog
        open={confirmAll}
        title={t('security.logoutAllTitle')}
        confirmLabel={t('security.logoutAll')}
        danger
        busy={busy}
        onCancel={() => setConfirmAll(false)}
        onConfirm={async () => {
          setBusy(true);
          try {
            await logoutEverywhere();
          } catch {
            // Signed out here either way.
          } finally {
            setBusy(false);
            setConfirmAll(false);
            queryClient.clear();
            await navigate({ to: '/login', search: { signedOut: true } });
          }
        }}
      >
        <p>{t('security.logoutAllBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
