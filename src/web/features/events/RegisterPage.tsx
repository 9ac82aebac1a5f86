import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { TextAreaField } from '../../ui/Fields.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { linkClass, monoClass, primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { newIdempotencyKey, publicEventQuery, type RegisterResult, registerForEvent } from './api.ts';
import { formatSession } from './format.ts';

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending' }
  | { kind: 'network' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'done'; result: RegisterResult };

/**
 * `/events/{id}/register`: sign up without an account. A retry after a lost answer reuses the same
 * Idempotency-Key, so a double tap registers once. Nothing is kept in web storage; the private link
 * is shown once.
 */
export function RegisterPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const event = useQuery(publicEventQuery(id));
  const [nickname, setNickname] = useState('');
  const [people, setPeople] = useState('1');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [needs, setNeeds] = useState('');
  const [nameConsent, setNameConsent] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  const pending = useRef<{ key: string; body: string } | null>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const title = event.data
    ? t('events.register.title', { title: event.data.title })
    : t('events.detail.register');

  useEffect(() => {
    if (phase.kind === 'done') doneHeading.current?.focus();
  }, [phase.kind]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (phase.kind === 'sending') return;
    if (!nickname.trim()) {
      setLocal({ nickname: t('events.register.nicknameRequired') });
      setPhase({ kind: 'editing' });
      setFocusKey((k) => k + 1);
      return;
    }
    setLocal({});
    const body = {
      nickname: nickname.trim(),
      people: Number(people),
      email: email.trim() || null,
      phone: phone.trim() || null,
      needs: needs.trim(),
      nameConsent,
    };
    const serialised = JSON.stringify(body);
    if (!pending.current || pending.current.body !== serialised)
      pending.current = { key: newIdempotencyKey('event'), body: serialised };
    setPhase({ kind: 'sending' });
    try {
      const result = await registerForEvent(id, body, pending.current.key);
      pending.current = null;
      setPhase({ kind: 'done', result });
    } catch (error) {
      if (isApiError(error) && error.problem.status === 0) setPhase({ kind: 'network' });
      else {
        setPhase({ kind: 'failed', error });
        setFocusKey((k) => k + 1);
      }
    }
  };

  if (phase.kind === 'done') {
    const link = `${window.location.origin}/events/registration#token=${phase.result.token}`;
    return (
      <>
        <PageHeading title={t('events.register.doneTitle')}>{t('events.register.doneTitle')}</PageHeading>
        <h2 ref={doneHeading} tabIndex={-1} className="sr-only">
          {t('events.register.doneTitle')}
        </h2>
        <Notice tone="success">
          <p>{t('events.register.doneLead')}</p>
        </Notice>
        <ul className="flex flex-col gap-2">
          {phase.result.sessions.map((s) => (
            <li key={s.sessionId} className="text-std-16N-170">
              {t('common.termLabel', { term: formatSession(s.startsAt, s.endsAt, t) })}
              {s.status === 'confirmed'
                ? t('events.registration.status.confirmed')
                : t('events.registration.status.waitlisted', { position: s.waitlistPosition ?? '' })}
            </li>
          ))}
        </ul>
        <section aria-labelledby="reg-codes" className="flex flex-col gap-3">
          <h2 id="reg-codes" className="sr-only">
            {t('events.register.receiptNumber')}
          </h2>
          {(
            [
              ['receiptNumber', phase.result.receiptNumber],
              ['cancelCode', phase.result.cancelCode],
            ] as const
          ).map(([name, value]) => (
            <div key={name} className="flex flex-col gap-1">
              <p className="text-std-17B-170">{t(`events.register.${name}`)}</p>
              <p className={`${monoClass} text-std-24B-150`} data-testid={`registration-${name}`}>
                {value}
              </p>
              <CopyButton text={value} />
            </div>
          ))}
          <p className="text-std-16N-170">{t('events.register.cancelPage')}</p>
          <Link
            to="/events/$id/cancel"
            params={{ id }}
            className={`${linkClass} inline-flex min-h-11 items-center`}
          >
            {t('events.register.openCancelPage')}
          </Link>
        </section>
        <section aria-labelledby="reg-link" className="flex flex-col gap-2">
          <h2 id="reg-link" className="text-std-20B-150">
            {t('events.register.link')}
          </h2>
          <p className={`${monoClass} break-all rounded-8 border border-solid-gray-420 bg-white p-3`}>
            {link}
          </p>
          <CopyButton text={link} />
          <a
            href={link}
            className={`${linkClass} inline-flex min-h-11 items-center`}
            data-testid="registration-link"
          >
            {t('events.register.openLink')}
          </a>
        </section>
        {event.data?.contactPhone && (
          <section aria-labelledby="reg-phone" className="flex flex-col gap-2">
            <h2 id="reg-phone" className="text-std-20B-150">
              {t('events.register.cancelByPhoneHeading')}
            </h2>
            <p className="text-std-16N-170">
              {t('events.register.cancelByPhone', {
                name: event.data.contactName || event.data.organiser.name,
              })}
            </p>
            <PhoneLink number={event.data.contactPhone} label={t('events.register.cancelByPhoneHeading')} />
          </section>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeading title={title} lang={event.data ? 'ja' : undefined}>
        {title}
      </PageHeading>
      <p className="text-std-16N-170">{t('events.register.lead')}</p>
      {event.data && (
        <p className="text-std-16N-170">
          <Link to="/events/$id" params={{ id }} className={linkClass} lang="ja">
            {event.data.title}
          </Link>
          {event.data.isSeries ? ` — ${t('events.detail.seriesNote')}` : ''}
        </p>
      )}
      {phase.kind === 'network' && <Notice tone="warning">{t('events.register.network')}</Notice>}
      <FormProblem
        error={phase.kind === 'failed' ? phase.error : null}
        local={local}
        idPrefix="reg"
        focusKey={focusKey}
      />
      <form
        noValidate
        onSubmit={onSubmit}
        className="flex flex-col gap-5 rounded-8 border border-solid-gray-420 bg-white p-4 md:p-6"
      >
        <TextField
          id="reg-nickname"
          label={t('events.register.nickname')}
          hint={t('events.register.nicknameHint')}
          required
          maxLength={40}
          autoComplete="nickname"
          value={nickname}
          error={local.nickname}
          onChange={(e) => setNickname(e.target.value)}
        />
        <TextField
          id="reg-people"
          label={t('events.register.people')}
          hint={t('events.register.peopleHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          required
          value={people}
          onChange={(e) => setPeople(e.target.value)}
        />
        <TextField
          id="reg-email"
          label={t('events.register.email')}
          hint={t('events.register.emailHint')}
          type="email"
          autoComplete="email"
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          id="reg-phone"
          label={t('events.register.phone')}
          hint={t('events.register.phoneHint')}
          type="tel"
          autoComplete="tel"
          maxLength={30}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <TextAreaField
          id="reg-needs"
          label={t('events.register.needs')}
          hint={t('events.register.needsHint')}
          maxLength={500}
          rows={3}
          value={needs}
          onChange={(e) => setNeeds(e.target.value)}
        />
        <Checkbox
          id="reg-name-consent"
          label={t('events.register.nameConsent')}
          checked={nameConsent}
          onChange={(e) => setNameConsent(e.target.checked)}
        />
        <p className="text-std-16N-170 text-solid-gray-700">{t('events.register.privacy')}</p>
        <button
          type="submit"
          className={`${primaryButtonClass} self-start`}
          disabled={phase.kind === 'sending'}
        >
          {phase.kind === 'sending' ? t('events.register.sending') : t('events.register.submit')}
        </button>
      </form>
    </>
  );
}
