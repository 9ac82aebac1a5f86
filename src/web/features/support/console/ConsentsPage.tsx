import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay, formatStaffInstant } from '../../../ui/datetime.ts';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  primaryButtonClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  ALL_CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONSENT_RECIPIENTS,
  CONSENT_STATUSES,
  type ConsentInputBody,
  type ConsentLists,
  consentsQuery,
  DECIDERS,
  type EffectiveConsent,
  type PersonRecord,
  recordConsent,
  supportKeys,
} from '../api.ts';
import { RecordPage } from './RecordHeader.tsx';

function todayInTokyo(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

const emptyConsent = (): ConsentInputBody => ({
  purpose: 'labour_collaboration',
  recipient: 'labour_department',
  recipientName: '',
  status: 'given',
  decidedOn: todayInTokyo(),
  expiresOn: null,
  method: 'verbal_in_person',
  decidedBy: 'person',
  supersedes: null,
  note: '',
});

/**
 * `/console/support/persons/{id}/consents`: consent per purpose and recipient. Records are never
 * edited: a withdrawal, a renewal or a correction is a new record naming the one it follows, with the
 * date, the way it was given and who recorded it.
 */
export function ConsentsPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const consents = useQuery(consentsQuery(id));
  return (
    <RecordPage personId={id} section="consents">
      {(person) =>
        consents.isError ? (
          <Notice tone="error">
            <p>{problemMessage(consents.error)}</p>
          </Notice>
        ) : consents.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <ConsentsView person={person} lists={consents.data} />
        )
      }
    </RecordPage>
  );
}

function ConsentsView({ person, lists }: { person: PersonRecord; lists: ConsentLists }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<ConsentInputBody>(emptyConsent);
  const [formKey, setFormKey] = useState(0);
  const formRef = useRef<HTMLElement>(null);
  const tc = (key: string) => t(`support.records.consent.${key}`);
  const purpose = (p: string) => t(`support.person.purposes.${p}`);
  const recipient = (r: string, name: string) =>
    `${t(`support.records.consent.recipients.${r}`)}${name ? `（${name}）` : ''}`;

  /** Pre-fills a new record that follows an effective one (withdrawal or renewal): nothing is edited. */
  function follow(e: EffectiveConsent, status: ConsentInputBody['status']) {
    setDraft({
      ...emptyConsent(),
      purpose: e.purpose as ConsentInputBody['purpose'],
      recipient: e.recipient as ConsentInputBody['recipient'],
      recipientName: e.recipientName,
      status,
      supersedes: e.recordId,
    });
    setFormKey((k) => k + 1);
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('h2')?.focus());
  }

  return (
    <>
      <p className="max-w-3xl text-std-16N-170">{tc('lead')}</p>
      <section
        aria-labelledby="effective-heading"
        className="flex flex-col gap-3"
        data-testid="consents-effective"
      >
        <h2 id="effective-heading" className="text-std-20B-150">
          {tc('effectiveHeading')}
        </h2>
        {lists.effective.length === 0 ? (
          <p className="text-std-16N-170">{tc('none')}</p>
        ) : (
          <DataTable label={tc('effectiveHeading')}>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th scope="col" className={thClass}>
                    {tc('purpose')}
                  </th>
                  <th scope="col" className={thClass}>
                    {tc('recipient')}
                  </th>
                  <th scope="col" className={thClass}>
                    {tc('status')}
                  </th>
                  <th scope="col" className={thClass}>
                    {tc('since')}
                  </th>
                  {person.access.canManage && (
                    <th scope="col" className={thClass}>
                      {tc('actions')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {lists.effective.map((e) => (
                  <tr key={e.recordId} data-testid="consent-effective-row">
                    <td className={tdClass}>{purpose(e.purpose)}</td>
                    <td className={tdClass}>{recipient(e.recipient, e.recipientName)}</td>
                    <td className={tdClass}>
                      {t(`support.person.consentStatuses.${e.status}`)}
                      {e.expiresOn &&
                        ` ・ ${t('support.records.consent.until', { date: formatStaffDay(e.expiresOn, i18n.language) })}`}
                    </td>
                    <td className={tdClass}>{e.since}</td>
                    {person.access.canManage && (
                      <td className={tdClass}>
                        {e.status === 'given' ? (
                          <button
                            type="button"
                            className={compactButtonClass}
                            onClick={() => follow(e, 'withdrawn')}
                            aria-label={t('support.records.consent.withdrawLabel', {
                              purpose: purpose(e.purpose),
                            })}
                          >
                            {tc('withdraw')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className={compactButtonClass}
                            onClick={() => follow(e, 'given')}
                            aria-label={t('support.records.consent.renewLabel', {
                              purpose: purpose(e.purpose),
                            })}
                          >
                            {tc('renew')}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </DataTable>
        )}
      </section>
      <section
        aria-labelledby="history-heading"
        className="flex flex-col gap-3"
        data-testid="consents-history"
      >
        <h2 id="history-heading" className="text-std-20B-150">
          {tc('historyHeading')}
        </h2>
        <DataTable label={tc('historyHeading')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {tc('decidedOn')}
                </th>
                <th scope="col" className={thClass}>
                  {tc('purpose')}
                </th>
                <th scope="col" className={thClass}>
                  {tc('status')}
                </th>
                <th scope="col" className={thClass}>
                  {tc('method')}
                </th>
                <th scope="col" className={thClass}>
                  {tc('decidedBy')}
                </th>
                <th scope="col" className={thClass}>
                  {tc('recordedBy')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lists.records.map((r) => (
                <tr key={r.id} data-testid="consent-record">
                  <td className={tdClass}>{formatStaffDay(r.decidedOn, i18n.language)}</td>
                  <td className={tdClass}>
                    {purpose(r.purpose)} ／ {recipient(r.recipient, r.recipientName)}
                    {r.supersedes && <span className="block text-dns-14N-130">{tc('follows')}</span>}
                    {r.note && <span className="block whitespace-pre-wrap text-dns-14N-130">{r.note}</span>}
                  </td>
                  <td className={tdClass}>
                    {t(`support.person.consentStatuses.${r.status}`)}
                    {r.expiresOn &&
                      ` ・ ${t('support.records.consent.until', { date: formatStaffDay(r.expiresOn, i18n.language) })}`}
                  </td>
                  <td className={tdClass}>{t(`support.records.consent.methods.${r.method}`)}</td>
                  <td className={tdClass}>{t(`support.consultation.deciders.${r.decidedBy}`)}</td>
                  <td className={tdClass}>
                    {r.recordedByName || '—'}
                    <span className="block text-dns-14N-130">
                      {formatStaffInstant(r.recordedAt, i18n.language)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      </section>
      {person.access.canManage && (
        <section ref={formRef} aria-labelledby="new-consent-heading" className={`${cardClass} max-w-3xl`}>
          <h2 id="new-consent-heading" className="text-std-20B-150" tabIndex={-1}>
            {tc('newHeading')}
          </h2>
          <ConsentForm key={formKey} personId={person.id} initial={draft} records={lists} />
        </section>
      )}
    </>
  );
}

function ConsentForm({
  personId,
  initial,
  records,
}: {
  personId: string;
  initial: ConsentInputBody;
  records: ConsentLists;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<ConsentInputBody>(initial);
  const tc = (key: string) => t(`support.records.consent.${key}`);
  const form = useMutationForm({
    mutationFn: () => recordConsent(personId, value),
    successMessage: tc('saved'),
    onSuccess: (lists) => {
      queryClient.setQueryData(consentsQuery(personId).queryKey, lists);
      setValue(emptyConsent());
      return queryClient.invalidateQueries({ queryKey: supportKeys.person(personId) });
    },
    validate: () => {
      const errors: Record<string, string> = {};
      if (!value.decidedOn) errors.decidedOn = tc('dateRequired');
      if (value.recipient === 'partner_agency' && !value.recipientName.trim())
        errors.recipientName = tc('recipientNameRequired');
      return errors;
    },
  });
  const set = <K extends keyof ConsentInputBody>(k: K, v: ConsentInputBody[K]) =>
    setValue({ ...value, [k]: v });
  return (
    <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
      <LiveStatus message={form.status} />
      <FormProblem
        error={form.mutation.error}
        local={form.local}
        idPrefix="consent"
        focusKey={form.focusKey}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id="consent-purpose"
          label={tc('purpose')}
          value={value.purpose}
          onChange={(e) => set('purpose', e.target.value as ConsentInputBody['purpose'])}
          options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`support.person.purposes.${p}`) }))}
        />
        <SelectField
          id="consent-recipient"
          label={tc('recipient')}
          value={value.recipient}
          onChange={(e) => set('recipient', e.target.value as ConsentInputBody['recipient'])}
          options={CONSENT_RECIPIENTS.map((r) => ({ value: r, label: tc(`recipients.${r}`) }))}
        />
        <TextField
          id="consent-recipientName"
          label={tc('recipientName')}
          error={form.local.recipientName}
          maxLength={120}
          value={value.recipientName}
          onChange={(e) => set('recipientName', e.target.value)}
        />
        <SelectField
          id="consent-status"
          label={tc('status')}
          value={value.status}
          onChange={(e) => set('status', e.target.value as ConsentInputBody['status'])}
          options={CONSENT_STATUSES.map((s) => ({
            value: s,
            label: t(`support.person.consentStatuses.${s}`),
          }))}
        />
        <TextField
          id="consent-decidedOn"
          type="date"
          label={tc('decidedOn')}
          error={form.local.decidedOn}
          value={value.decidedOn}
          onChange={(e) => set('decidedOn', e.target.value)}
        />
        <TextField
          id="consent-expiresOn"
          type="date"
          label={tc('expiresOn')}
          value={value.expiresOn ?? ''}
          onChange={(e) => set('expiresOn', e.target.value || null)}
        />
        <SelectField
          id="consent-method"
          label={tc('method')}
          value={value.method}
          onChange={(e) => set('method', e.target.value as ConsentInputBody['method'])}
          options={ALL_CONSENT_METHODS.map((m) => ({ value: m, label: tc(`methods.${m}`) }))}
        />
        <SelectField
          id="consent-decidedBy"
          label={tc('decidedBy')}
          value={value.decidedBy}
          onChange={(e) => set('decidedBy', e.target.value as ConsentInputBody['decidedBy'])}
          options={DECIDERS.map((d) => ({ value: d, label: t(`support.consultation.deciders.${d}`) }))}
        />
      </div>
      <SelectField
        id="consent-supersedes"
        label={tc('supersedes')}
        value={value.supersedes ?? ''}
        onChange={(e) => set('supersedes', e.target.value || null)}
        options={[
          { value: '', label: tc('supersedesNone') },
          ...records.records.map((r) => ({
            value: r.id,
            label: `${formatStaffDay(r.decidedOn, i18n.language)} ${t(`support.person.purposes.${r.purpose}`)} ${t(`support.person.consentStatuses.${r.status}`)}`,
          })),
        ]}
      />
      <TextAreaField
        id="consent-note"
        label={tc('note')}
        compact
        maxLength={500}
        value={value.note}
        onChange={(e) => set('note', e.target.value)}
      />
      <div>
        <button type="submit" className={primaryButtonClass} disabled={form.mutation.isPending}>
          {tc('save')}
        </button>
      </div>
    </form>
  );
}
