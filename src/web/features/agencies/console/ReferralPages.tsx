import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { ListFilterBar, matchesAllWords } from '../../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
} from '../../../ui/styles.ts';
import {
  type Agency,
  actOnReferral,
  agenciesQuery,
  agencyKeys,
  type ReferralStatus,
  recordAgencyConsent,
  referralsQuery,
  sendReferral,
  sharedReferralQuery,
  todayInTokyo,
  withdrawReferral,
} from '../api.ts';
import { type ReferralSort, ReferralStatusFilter, sortReferrals } from './referral-list.tsx';

/** `/console/support/persons/{id}/referrals`: referrals of a person; record consent; send; withdraw. */
export function PersonReferralsPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const referrals = useQuery(referralsQuery(id));
  const agencies = useQuery(agenciesQuery());
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<ReferralSort>('newest');
  const [shownStatus, setShownStatus] = useState<ReferralStatus | ''>('');
  const shown = sortReferrals(
    (referrals.data?.items ?? []).filter(
      (r) => (!shownStatus || r.status === shownStatus) && matchesAllWords(q, [r.agencyName]),
    ),
    sort,
    (r) => r.agencyName,
  );
  const active = agencies.data?.items.filter((a) => a.active) ?? [];
  const withdraw = useMutation({
    mutationFn: ({ rid, version }: { rid: string; version: number }) => withdrawReferral(rid, version),
    onSuccess: async () => {
      setStatus(t('agencies.referrals.withdrawn'));
      await queryClient.invalidateQueries({ queryKey: agencyKeys.referrals(id) });
    },
  });
  return (
    <>
      <Link
        to="/console/support/persons/$id"
        params={{ id }}
        className={`${linkClass} inline-flex min-h-11 items-center self-start`}
      >
        {t('agencies.referrals.back')}
      </Link>
      <PageHeading title={t('agencies.referrals.title')}>{t('agencies.referrals.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('agencies.referrals.lead')}</p>
      <section aria-labelledby="referral-list-heading" className="flex max-w-3xl flex-col gap-3">
        <h2 id="referral-list-heading" className="text-std-20B-150">
          {t('agencies.referrals.listHeading')}
        </h2>
        {referrals.isError && (
          <Notice tone="error">
            <p>{problemMessage(referrals.error)}</p>
          </Notice>
        )}
        {referrals.data?.items.length === 0 && <p>{t('agencies.referrals.empty')}</p>}
        {/* Client-side: a person's referrals come whole (one request, no pages) and are few. */}
        {!!referrals.data?.items.length && (
          <ListFilterBar
            id="referrals"
            label={t('agencies.referrals.filterLabel')}
            text={{
              label: t('agencies.referrals.filterText'),
              value: q,
              onApply: setQ,
              applyLabel: t('agencies.filter.apply'),
            }}
            sort={{
              label: t('agencies.referrals.sort'),
              value: sort,
              onChange: setSort,
              options: (['newest', 'oldest', 'agency'] as const).map((value) => ({
                value,
                label: t(`agencies.referrals.sorts.${value}`),
              })),
            }}
          >
            <ReferralStatusFilter id="referrals-status" value={shownStatus} onChange={setShownStatus} />
          </ListFilterBar>
        )}
        {!!referrals.data?.items.length && shown.length === 0 && <p>{t('agencies.referrals.noneMatch')}</p>}
        <ul className="flex flex-col gap-3">
          {shown.map((r) => (
            <li key={r.id} className={cardClass} data-testid="referral">
              <p className="text-std-17B-170">
                {r.agencyName}：{t(`agencies.statuses.${r.status}`)}
              </p>
              <p className="text-std-16N-170">
                {t('agencies.referrals.basis')}：{t(`agencies.bases.${r.basis}`)} ／{' '}
                {t('agencies.referrals.requestedAt')}：{formatStaffInstant(r.requestedAt, i18n.language)}
              </p>
              {!r.basisInForce && (
                <Notice tone="warning">
                  <p>{t('agencies.referrals.basisEnded')}</p>
                </Notice>
              )}
              <p className="whitespace-pre-wrap text-std-16N-170">{r.summary}</p>
              {r.agencyNotes.length > 0 && (
                <div>
                  <p className="text-std-16B-170">{t('agencies.referrals.agencyNotes')}</p>
                  <ul className="list-disc pl-6">
                    {r.agencyNotes.map((n) => (
                      <li key={n.at}>
                        {t(`agencies.statuses.${n.status}`)}：{n.text}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {['requested', 'accepted', 'in_progress'].includes(r.status) && (
                <button
                  type="button"
                  className={`${compactButtonClass} self-start`}
                  onClick={() => withdraw.mutate({ rid: r.id, version: r.version })}
                >
                  {t('agencies.referrals.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
        <LiveStatus message={status} />
      </section>
      {agencies.data && <SendReferralForm personId={id} agencies={active} />}
    </>
  );
}

function SendReferralForm({ personId, agencies }: { personId: string; agencies: Agency[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [agencyId, setAgencyId] = useState(agencies[0]?.id ?? '');
  const [summary, setSummary] = useState('');
  const [consented, setConsented] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [done, setDone] = useState('');
  const agency = agencies.find((a) => a.id === agencyId);
  const consent = useMutation({
    mutationFn: () => recordAgencyConsent(personId, agency!, todayInTokyo()),
    onSuccess: () => {
      setConsented(false);
      setDone(t('agencies.referrals.consentRecorded'));
    },
    onError: () => setFocusKey((k) => k + 1),
  });
  const send = useMutation({
    mutationFn: () => sendReferral({ personId, agencyId, summary }),
    onSuccess: async () => {
      setSummary('');
      setDone(t('agencies.referrals.sent'));
      await queryClient.invalidateQueries({ queryKey: agencyKeys.referrals(personId) });
    },
    onError: () => setFocusKey((k) => k + 1),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    consent.reset();
    send.mutate();
  };
  return (
    <CardSection
      headingId="referral-send-heading"
      heading={t('agencies.referrals.sendHeading')}
      className="max-w-3xl"
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <FormProblem error={send.error ?? consent.error} idPrefix="referral" focusKey={focusKey} />
        <SelectField
          id="referral-agencyId"
          label={t('agencies.referrals.chooseAgency')}
          value={agencyId}
          onChange={(e) => setAgencyId(e.target.value)}
          options={agencies.map((a) => ({
            value: a.id,
            label: `${a.name}（${t(`agencies.kinds.${a.kind}`)}）`,
          }))}
        />
        <fieldset className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4">
          <legend className="px-1 text-std-17B-170">{t('agencies.referrals.consentHeading')}</legend>
          <p className="text-std-16N-170">{t('agencies.referrals.consentLead')}</p>
          <Checkbox
            id="referral-consented"
            checked={consented}
            onChange={(e) => setConsented(e.target.checked)}
            label={t('agencies.referrals.consentConfirm')}
          />
          <button
            type="button"
            className={`${secondaryButtonClass} self-start`}
            disabled={!consented || !agency || consent.isPending}
            onClick={() => {
              setDone('');
              send.reset();
              consent.mutate();
            }}
          >
            {t('agencies.referrals.consentRecord')}
          </button>
        </fieldset>
        <TextAreaField
          id="referral-summary"
          label={t('agencies.referrals.summary')}
          hint={t('agencies.referrals.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <button type="submit" className={`${primaryButtonClass} self-start`} disabled={send.isPending}>
          {t('agencies.referrals.send')}
        </button>
        <LiveStatus message={done} />
      </form>
    </CardSection>
  );
}
/** `/console/agency/referrals/{id}`: the shared summary, and the agency's answer. */
export function SharedReferralPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const referral = useQuery(sharedReferralQuery(id));
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [done, setDone] = useState('');
  const [focusKey, setFocusKey] = useState(0);
  const act = useMutation({
    mutationFn: (action: 'accept' | 'decline' | 'progress' | 'complete') =>
      actOnReferral(id, action, referral.data!.version, note),
    onSuccess: async (result) => {
      setNote('');
      setDone(t('agencies.shared.done', { status: t(`agencies.statuses.${result.status}`) }));
      if (result.summary) queryClient.setQueryData(agencyKeys.shared(id), result);
      else await queryClient.invalidateQueries({ queryKey: agencyKeys.shared(id) });
      await queryClient.invalidateQueries({ queryKey: agencyKeys.inbox });
    },
    onError: () => setFocusKey((k) => k + 1),
  });
  const run = (action: 'accept' | 'decline' | 'progress' | 'complete') => {
    setDone('');
    if (action === 'decline' && !note.trim()) {
      setNoteError(t('agencies.shared.declineNeedsReason'));
      return;
    }
    setNoteError('');
    act.mutate(action);
  };
  const ended = isApiError(referral.error) && referral.error.problem.code === 'referral_basis_ended';
  const r = referral.data;
  return (
    <>
      <Link
        to="/console/agency/referrals"
        className={`${linkClass} inline-flex min-h-11 items-center self-start`}
      >
        {t('agencies.shared.back')}
      </Link>
      <PageHeading title={t('agencies.shared.title')}>{t('agencies.shared.title')}</PageHeading>
      {ended ? (
        <Notice tone="warning">
          <p>{t('agencies.shared.ended')}</p>
        </Notice>
      ) : referral.isError ? (
        <Notice tone="error">
          <p>{problemMessage(referral.error)}</p>
        </Notice>
      ) : null}
      {r && (
        <>
          <p className="text-std-17B-170" data-testid="referral-status">
            {t('agencies.referrals.status')}：{t(`agencies.statuses.${r.status}`)}
          </p>
          <section aria-labelledby="shared-summary-heading" className={`${cardClass} max-w-3xl`}>
            <h2 id="shared-summary-heading" className="text-std-20B-150">
              {t('agencies.shared.summary')}
            </h2>
            <p className="whitespace-pre-wrap text-std-16N-170">{r.summary}</p>
          </section>
          <section aria-labelledby="shared-history-heading" className="flex max-w-3xl flex-col gap-2">
            <h2 id="shared-history-heading" className="text-std-20B-150">
              {t('agencies.shared.history')}
            </h2>
            <ul className="list-disc pl-6 text-std-16N-170">
              {r.events.map((e) => (
                <li key={`${e.at}-${e.status}`}>
                  {formatStaffInstant(e.at, i18n.language)}：{t(`agencies.statuses.${e.status}`)}
                </li>
              ))}
            </ul>
          </section>
          {['requested', 'accepted', 'in_progress'].includes(r.status) && (
            <div className={`${cardClass} max-w-3xl`}>
              <FormProblem error={act.error} idPrefix="shared" focusKey={focusKey} />
              <TextAreaField
                id="shared-note"
                label={t('agencies.shared.note')}
                value={note}
                error={noteError || undefined}
                compact
                onChange={(e) => setNote(e.target.value)}
              />
              <div className="flex flex-wrap gap-3">
                {r.status === 'requested' && (
                  <>
                    <button
                      type="button"
                      className={primaryButtonClass}
                      onClick={() => run('accept')}
                      disabled={act.isPending}
                    >
                      {t('agencies.shared.accept')}
                    </button>
                    <button
                      type="button"
                      className={secondaryButtonClass}
                      onClick={() => run('decline')}
                      disabled={act.isPending}
                    >
                      {t('agencies.shared.decline')}
                    </button>
                  </>
                )}
                {r.status === 'accepted' && (
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    onClick={() => run('progress')}
                    disabled={act.isPending}
                  >
                    {t('agencies.shared.progress')}
                  </button>
                )}
                {(r.status === 'accepted' || r.status === 'in_progress') && (
                  <button
                    type="button"
                    className={primaryButtonClass}
                    onClick={() => run('complete')}
                    disabled={act.isPending}
                  >
                    {t('agencies.shared.complete')}
                  </button>
                )}
              </div>
            </div>
          )}
        </>
      )}
      <LiveStatus message={done} />
    </>
  );
}
