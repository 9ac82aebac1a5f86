import './i18n.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  cancelSessionByCode,
  findRegistrationByCode,
  type PublicRegistration,
  type RegistrationCodes,
  type RegistrationSession,
} from './api.ts';
import { formatSession } from './format.ts';
import { RegistrationSeats } from './RegistrationPage.tsx';

/**
 * `/events/$id/cancel`: the 受付番号 and the short cancel code typed in, for a person who cannot copy
 * the long link (issue 21 item 9). Shows the same seats as the link and cancels per session.
 */
export function CancelByCodePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [codes, setCodes] = useState<RegistrationCodes>({ receiptNumber: '', cancelCode: '' });
  const [found, setFound] = useState<PublicRegistration | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const title = t('events.byCode.title');
  const notFound = isApiError(error, 404) ? t('events.byCode.notFound') : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFound(null);
    const missing: Record<string, string> = {};
    if (!codes.receiptNumber.trim()) missing.receiptNumber = t('events.byCode.required');
    if (!codes.cancelCode.trim()) missing.cancelCode = t('events.byCode.required');
    setLocal(missing);
    if (Object.keys(missing).length > 0) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy('find');
    try {
      setFound(await findRegistrationByCode(id, codes));
    } catch (err) {
      setError(err);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(null);
    }
  };

  const cancel = async (s: RegistrationSession) => {
    const when = formatSession(s.startsAt, s.endsAt, t);
    if (!window.confirm(t('events.registration.cancelConfirm', { seq: s.seq, when }))) return;
    setBusy(s.sessionId);
    setError(null);
    try {
      setFound(await cancelSessionByCode(id, codes, s.sessionId));
      setStatus(t('events.registration.cancelled', { seq: s.seq }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeading title={title}>{title}</PageHeading>
      <LiveStatus message={status} />
      <p className="text-std-16N-170">{t('events.byCode.lead')}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-5">
        <FormProblem
          error={notFound ? null : error}
          local={notFound ? { receiptNumber: notFound } : local}
          idPrefix="bycode"
          focusKey={focusKey}
        />
        <TextField
          id="bycode-receiptNumber"
          label={t('events.byCode.receiptNumber')}
          hint={t('events.byCode.hint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          value={codes.receiptNumber}
          error={notFound ?? local.receiptNumber}
          onChange={(e) => setCodes({ ...codes, receiptNumber: e.target.value })}
        />
        <TextField
          id="bycode-cancelCode"
          label={t('events.byCode.cancelCode')}
          hint={t('events.byCode.hint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          value={codes.cancelCode}
          error={local.cancelCode}
          onChange={(e) => setCodes({ ...codes, cancelCode: e.target.value })}
        />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={busy !== null}>
            {busy === 'find' ? t('common.loading') : t('events.byCode.submit')}
          </button>
        </div>
      </form>
      {found && <RegistrationSeats r={found} busy={busy} onCancel={(s) => void cancel(s)} />}
    </div>
  );
}
