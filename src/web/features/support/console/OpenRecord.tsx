import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withHonorific } from '../../../../shared/text/honorific.ts';
import { meQuery } from '../../../api/me.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { linkClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { CONSENT_METHODS, createPerson, type SearchCandidate, searchPersons } from '../api.ts';
import { type ConsultationDetail, consultationKeys } from '../consultation-api.ts';

/** Opening a support record from a consultation: the person's consent to record keeping comes first. */

function todayInTokyo(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

export function OpenRecord({ consultation }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [nickname, setNickname] = useState('');
  const [consent, setConsent] = useState(false);
  const [decidedOn, setDecidedOn] = useState(todayInTokyo);
  const [method, setMethod] = useState<(typeof CONSENT_METHODS)[number]>('verbal_in_person');
  const [decidedBy, setDecidedBy] = useState<'person' | 'family_member' | 'guardian'>('person');
  const [noHomeVisits, setNoHomeVisits] = useState(false);
  const [familyOnly, setFamilyOnly] = useState(consultation.writer === 'family');
  const [lead, setLead] = useState(true);
  const me = useQuery(meQuery());
  // The duplicate check a new record always gets (as on the case list): records that may be the
  // same person are shown first, and a record is created only once staff say none of them is.
  const [duplicates, setDuplicates] = useState<{ nickname: string; items: SearchCandidate[] } | null>(null);
  const [notSame, setNotSame] = useState(false);
  const checked = duplicates !== null && duplicates.nickname === nickname.trim();
  const form = useMutationForm({
    mutationFn: async () => {
      if (!checked || (duplicates.items.length > 0 && !notSame)) {
        const found = await searchPersons({ nickname: nickname.trim() });
        if (found.items.length > 0) {
          setDuplicates({ nickname: nickname.trim(), items: found.items });
          if (!checked) setNotSame(false);
          return null;
        }
        setDuplicates({ nickname: nickname.trim(), items: [] });
      }
      return createPerson({
        person: {
          nickname,
          familyOnly,
          contactPreferences: { noHomeVisits },
          leadWorkerId: lead ? (me.data?.account.id ?? null) : null,
        },
        consents: [
          {
            purpose: 'record_keeping',
            recipient: 'municipality',
            status: 'given',
            decidedOn,
            method,
            decidedBy,
          },
        ],
        fromConsultationId: consultation.id,
      });
    },
    onSuccess: async (person) => {
      if (!person) return;
      await queryClient.invalidateQueries({ queryKey: consultationKeys.all });
      await navigate({ to: '/console/support/persons/$id', params: { id: person.id } });
    },
    validate: () => {
      const errors: Record<string, string> = {};
      if (!nickname.trim()) errors['person/nickname'] = t('support.consultation.nicknameRequired');
      if (!consent) errors.consents = t('support.consultation.consentRequired');
      return errors;
    },
  });

  if (consultation.personId)
    return (
      <CardSection
        headingId="record-heading"
        heading={t('support.consultation.linked')}
        className="max-w-3xl"
      >
        <Link
          to="/console/support/persons/$id"
          params={{ id: consultation.personId }}
          className={`${linkClass} inline-flex min-h-11 items-center self-start`}
        >
          {t('support.consultation.toRecord')}
        </Link>
      </CardSection>
    );

  return (
    <CardSection
      headingId="record-heading"
      heading={t('support.consultation.recordHeading')}
      className="max-w-3xl"
    >
      <p className="text-std-16N-170">{t('support.consultation.recordLead')}</p>
      <MutationForm
        form={form}
        idPrefix="record"
        submitLabel={
          form.mutation.isPending ? t('support.consultation.creating') : t('support.consultation.create')
        }
      >
        <TextField
          id="record-person-nickname"
          label={t('support.consultation.nickname')}
          hint={t('support.consultation.nicknameHint')}
          required
          error={form.local['person/nickname']}
          maxLength={50}
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
        />
        <div id="record-consents" tabIndex={-1} className="flex flex-col gap-1">
          {form.local.consents && (
            <p className="text-std-16B-170 text-error-2">
              <span className="sr-only">{t('common.errorPrefix')}</span>
              {form.local.consents}
            </p>
          )}
          <Checkbox
            id="record-consent"
            label={t('support.consultation.consent')}
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            id="record-decidedOn"
            type="date"
            label={t('support.consultation.decidedOn')}
            value={decidedOn}
            onChange={(e) => setDecidedOn(e.target.value)}
          />
          <SelectField
            id="record-method"
            label={t('support.consultation.method')}
            value={method}
            onChange={(e) => setMethod(e.target.value as (typeof CONSENT_METHODS)[number])}
            options={CONSENT_METHODS.map((m) => ({
              value: m,
              label: t(`support.consultation.methods.${m}`),
            }))}
          />
          <SelectField
            id="record-decidedBy"
            label={t('support.consultation.decidedBy')}
            value={decidedBy}
            onChange={(e) => setDecidedBy(e.target.value as 'person' | 'family_member' | 'guardian')}
            options={(['person', 'family_member', 'guardian'] as const).map((d) => ({
              value: d,
              label: t(`support.consultation.deciders.${d}`),
            }))}
          />
        </div>
        <Checkbox
          id="record-familyOnly"
          label={t('support.person.familyOnly')}
          checked={familyOnly}
          onChange={(e) => setFamilyOnly(e.target.checked)}
        />
        <Checkbox
          id="record-lead"
          label={t('support.consultation.lead')}
          checked={lead}
          onChange={(e) => setLead(e.target.checked)}
        />
        <Checkbox
          id="record-noHomeVisits"
          label={t('support.consultation.noHomeVisits')}
          checked={noHomeVisits}
          onChange={(e) => setNoHomeVisits(e.target.checked)}
        />
        {checked && duplicates.items.length > 0 && (
          <section
            aria-labelledby="record-duplicates-heading"
            className="flex flex-col gap-2 rounded-8 border-2 border-solid-gray-420 p-4"
            data-testid="record-duplicates"
          >
            <h3 id="record-duplicates-heading" className="text-std-17B-170">
              {t('support.consultation.duplicatesHeading', { count: duplicates.items.length })}
            </h3>
            <p className="text-std-16N-170">{t('support.consultation.duplicatesLead')}</p>
            <ul className="flex flex-col gap-1">
              {duplicates.items.map((p) => (
                <li key={p.id}>
                  <Link
                    to="/console/support/persons/$id"
                    params={{ id: p.id }}
                    className={`${linkClass} inline-flex min-h-11 items-center`}
                  >
                    {withHonorific(p.nickname)}
                  </Link>
                </li>
              ))}
            </ul>
            <Checkbox
              id="record-notSame"
              label={t('support.consultation.notSame')}
              checked={notSame}
              onChange={(e) => setNotSame(e.target.checked)}
            />
          </section>
        )}
      </MutationForm>
    </CardSection>
  );
}
