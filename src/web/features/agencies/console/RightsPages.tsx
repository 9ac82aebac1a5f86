import '../i18n.ts';
import '../../console/i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  linkClass,
  primaryButtonClass,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { useUnsavedEdits } from '../../../ui/useUnsavedEdits.ts';
import {
  accessReportQuery,
  agencyKeys,
  type Correction,
  correctionsQuery,
  createCorrection,
  createDisclosure,
  decideCorrection,
  disclosuresQuery,
  purgesQuery,
  retentionQuery,
  saveRetention,
  todayInTokyo,
} from '../api.ts';
import { formatDay } from './common.tsx';

const roleLabel = (t: (k: string) => string, role: string | null) =>
  role ? t(`console.roles.${role}`) : '—';

/** `/console/support/persons/{id}/rights`: access report, disclosure requests, correction requests. */
export function RightsPage({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Link
        to="/console/support/persons/$id"
        params={{ id }}
        className={`${linkClass} inline-flex min-h-11 items-center self-start`}
      >
        {t('agencies.rights.back')}
      </Link>
      <PageHeading title={t('agencies.rights.title')}>{t('agencies.rights.title')}</PageHeading>
      <AccessReportSection personId={id} />
      <DisclosureSection personId={id} />
      <CorrectionSection personId={id} />
    </>
  );
}

function AccessReportSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const report = useQuery(accessReportQuery(personId));
  return (
    <section aria-labelledby="access-heading" className="flex max-w-4xl flex-col gap-3">
      <h2 id="access-heading" className="text-std-20B-150">
        {t('agencies.rights.accessHeading')}
      </h2>
      <p className="text-std-16N-170">{t('agencies.rights.accessLead')}</p>
      {report.isError && (
        <Notice tone="error">
          <p>{problemMessage(report.error)}</p>
        </Notice>
      )}
      {report.data?.items.length === 0 && <p>{t('agencies.rights.noAccess')}</p>}
      {report.data && report.data.items.length > 0 && (
        <DataTable label={t('agencies.rights.accessHeading')}>
          <table className={tableClass} data-testid="access-report">
            <thead>
              <tr>
                <th className={thClass}>{t('agencies.rights.at')}</th>
                <th className={thClass}>{t('agencies.rights.role')}</th>
                <th className={thClass}>{t('agencies.rights.agency')}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.items.map((item, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of a log have no other identity here.
                <tr key={n}>
                  <td className={tdClass}>{formatStaffInstant(item.at, i18n.language)}</td>
                  <td className={tdClass}>{roleLabel(t, item.role)}</td>
                  <td className={tdClass}>{item.agency ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
    </section>
  );
}

function DisclosureSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = useQuery(disclosuresQuery(personId));
  const [receivedOn, setReceivedOn] = useState(todayInTokyo());
  // No success message: the new draft opens on its own page.
  const form = useMutationForm({
    mutationFn: () => createDisclosure(personId, receivedOn),
    onSuccess: (d) => navigate({ to: '/console/rights/disclosures/$id', params: { id: d.id } }),
  });
  return (
    <CardSection
      headingId="disclosure-heading"
      heading={t('agencies.rights.disclosureHeading')}
      className="max-w-3xl"
    >
      <p className="text-std-16N-170">{t('agencies.rights.disclosureLead')}</p>
      {list.data?.items.length === 0 && <p>{t('agencies.rights.noDisclosures')}</p>}
      <ul className="flex flex-col gap-2">
        {list.data?.items.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-3">
            <span>
              {formatDay(d.receivedOn, i18n.language)}：
              {d.status === 'approved'
                ? t('agencies.disclosure.statusApproved')
                : t('agencies.disclosure.statusDraft')}{' '}
              {t('agencies.rights.draftSummary', { count: d.itemCount, withheld: d.withheldCount })}
            </span>
            <Link
              to="/console/rights/disclosures/$id"
              params={{ id: d.id }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('agencies.rights.openDraft')}
            </Link>
          </li>
        ))}
      </ul>
      <form onSubmit={form.submit} noValidate className="flex flex-col gap-4">
        <FormProblem error={form.mutation.error} idPrefix="disclosure" focusKey={form.focusKey} />
        <TextField
          id="disclosure-receivedOn"
          type="date"
          label={t('agencies.rights.receivedOn')}
          required
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.target.value)}
        />
        <button
          type="submit"
          className={`${primaryButtonClass} self-start`}
          disabled={form.mutation.isPending}
        >
          {t('agencies.rights.createDisclosure')}
        </button>
      </form>
    </CardSection>
  );
}

function CorrectionSection({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(correctionsQuery(personId));
  const [item, setItem] = useState('');
  const [request, setRequest] = useState('');
  // No success message: the new request appears in the list above the form.
  const form = useMutationForm({
    mutationFn: () => createCorrection(personId, { receivedOn: todayInTokyo(), item, request }),
    onSuccess: () => {
      setItem('');
      setRequest('');
      return queryClient.invalidateQueries({ queryKey: agencyKeys.rights(personId) });
    },
  });
  return (
    <CardSection
      headingId="correction-heading"
      heading={t('agencies.rights.correctionHeading')}
      className="max-w-3xl"
    >
      {list.data?.items.length === 0 && <p>{t('agencies.rights.noCorrections')}</p>}
      <ul className="flex flex-col gap-3">
        {list.data?.items.map((c) => (
          <li key={c.id} className="flex flex-col gap-1 border-b border-solid-gray-420 pb-3">
            <p className="text-std-16B-170">
              {formatDay(c.receivedOn, i18n.language)}：{c.item}
            </p>
            <p className="whitespace-pre-wrap text-std-16N-170">{c.request}</p>
            <p className="text-std-16N-170">
              {t('agencies.rights.outcome')}：
              {c.outcome ? t(`agencies.rights.outcomes.${c.outcome}`) : t('agencies.rights.undecided')}
              {c.explanation && ` ／ ${c.explanation}`}
            </p>
            {!c.outcome && <DecideCorrection personId={personId} correction={c} />}
          </li>
        ))}
      </ul>
      <form onSubmit={form.submit} noValidate className="flex flex-col gap-4">
        <FormProblem error={form.mutation.error} idPrefix="correction" focusKey={form.focusKey} />
        <TextField
          id="correction-item"
          label={t('agencies.rights.item')}
          required
          value={item}
          onChange={(e) => setItem(e.target.value)}
        />
        <TextAreaField
          id="correction-request"
          label={t('agencies.rights.request')}
          value={request}
          compact
          onChange={(e) => setRequest(e.target.value)}
        />
        <button
          type="submit"
          className={`${secondaryButtonClass} self-start`}
          disabled={form.mutation.isPending}
        >
          {t('agencies.rights.addCorrection')}
        </button>
      </form>
    </CardSection>
  );
}

function DecideCorrection({ personId, correction }: { personId: string; correction: Correction }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState('corrected');
  const [explanation, setExplanation] = useState('');
  // Not a <form> (it sits inside the list, next to the create form); the outcome shows in the list.
  const decide = useMutationForm({
    mutationFn: () => decideCorrection(correction.id, { version: correction.version, outcome, explanation }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.rights(personId) }),
  });
  const prefix = `decide-${correction.id}`;
  return (
    <div className="flex flex-col gap-3">
      <FormProblem error={decide.mutation.error} idPrefix={prefix} focusKey={decide.focusKey} />
      <SelectField
        id={`${prefix}-outcome`}
        label={t('agencies.rights.outcome')}
        compact
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        options={(['corrected', 'partly_corrected', 'not_corrected'] as const).map((o) => ({
          value: o,
          label: t(`agencies.rights.outcomes.${o}`),
        }))}
      />
      <TextAreaField
        id={`${prefix}-explanation`}
        label={t('agencies.rights.explanation')}
        compact
        value={explanation}
        onChange={(e) => setExplanation(e.target.value)}
      />
      <button
        type="button"
        className={`${compactButtonClass} self-start`}
        onClick={() => decide.mutation.mutate()}
        disabled={decide.mutation.isPending}
      >
        {t('agencies.rights.decide')}
      </button>
    </div>
  );
}

/** `/console/retention`: retention per record class, and what the purge removed (ids and counts). */
export function RetentionPage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const policies = useQuery(retentionQuery());
  const purges = useQuery(purgesQuery());
  const {
    values: months,
    edit,
    reset,
  } = useUnsavedEdits(
    policies.data && Object.fromEntries(policies.data.policies.map((p) => [p.recordClass, String(p.months)])),
  );
  const form = useMutationForm({
    mutationFn: () =>
      saveRetention(Object.entries(months).map(([recordClass, m]) => ({ recordClass, months: Number(m) }))),
    successMessage: t('agencies.retention.saved'),
    onSuccess: (data) => {
      queryClient.setQueryData(agencyKeys.retention, data);
      reset();
    },
  });
  return (
    <>
      <PageHeading title={t('agencies.retention.title')}>{t('agencies.retention.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('agencies.retention.lead')}</p>
      {policies.isError && (
        <Notice tone="error">
          <p>{problemMessage(policies.error)}</p>
        </Notice>
      )}
      {policies.data && (
        <form onSubmit={form.submit} noValidate className={`${cardClass} max-w-3xl`}>
          <FormProblem error={form.mutation.error} idPrefix="retention" focusKey={form.focusKey} />
          {policies.data.policies.map((p, n) => (
            <TextField
              key={p.recordClass}
              id={`retention-policies-${n}-months`}
              type="number"
              inputMode="numeric"
              min={12}
              label={`${t(`agencies.retention.classes.${p.recordClass}`)}：${t('agencies.retention.months')}${p.isDefault ? t('agencies.retention.defaultNote') : ''}`}
              value={months[p.recordClass] ?? ''}
              onChange={(e) => edit(p.recordClass, e.target.value)}
            />
          ))}
          <button
            type="submit"
            className={`${primaryButtonClass} self-start`}
            disabled={form.mutation.isPending}
          >
            {t('agencies.retention.save')}
          </button>
          <LiveStatus message={form.status} />
        </form>
      )}
      <section aria-labelledby="purge-heading" className="flex max-w-4xl flex-col gap-3">
        <h2 id="purge-heading" className="text-std-20B-150">
          {t('agencies.retention.reportHeading')}
        </h2>
        {purges.data?.items.length === 0 && <p>{t('agencies.retention.noRuns')}</p>}
        {purges.data && purges.data.items.length > 0 && (
          <DataTable label={t('agencies.retention.reportHeading')}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>{t('agencies.retention.ranAt')}</th>
                  <th className={thClass}>{t('agencies.retention.record')}</th>
                  <th className={thClass}>{t('agencies.retention.rows')}</th>
                </tr>
              </thead>
              <tbody>
                {purges.data.items.flatMap((run) =>
                  run.purged.map((p) => (
                    <tr key={`${run.id}-${p.recordId}`}>
                      <td className={tdClass}>{formatStaffInstant(run.ranAt, i18n.language)}</td>
                      <td className={tdClass}>
                        {t(`agencies.retention.classes.${p.recordClass}`, { defaultValue: p.recordClass })}
                        <br />
                        <span className="font-mono text-dns-14N-130 break-all">{p.recordId}</span>
                      </td>
                      <td className={tdClass}>
                        {Object.entries(p.rows)
                          .filter(([, n]) => n > 0)
                          .map(([table, n]) => `${table}: ${n}`)
                          .join(', ')}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </DataTable>
        )}
      </section>
    </>
  );
}
