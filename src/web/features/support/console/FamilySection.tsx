import '../i18n.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../../ui/Checkbox.tsx';
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
  secondaryButtonClass,
} from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  addFamilyMember,
  type FamilyMember,
  type FamilyMemberInput,
  type PersonRecord,
  RELATIONSHIPS,
  supportKeys,
  updateFamilyMember,
} from '../api.ts';

const emptyMember = (): FamilyMemberInput => ({
  relationship: 'mother',
  age: null,
  livesTogether: true,
  isMainContact: false,
  name: '',
  contact: '',
  note: '',
});

/**
 * 家族構成・世帯 on the person's page: who lives together, who is the main contact, and the 8050
 * situation (a parent of 80 or more living with a person in their 40s–60s) the server derives.
 */
export function FamilySection({ person }: { person: PersonRecord }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const canManage = person.access.canManage;
  return (
    <section aria-labelledby="family-heading" className={`${cardClass} max-w-3xl`} data-testid="family">
      <h2 id="family-heading" className="text-std-20B-150">
        {t('support.records.familyHeading')}
      </h2>
      <p className="text-std-16N-170" data-testid="household">
        {t('support.records.householdSize', { count: person.household.size })}
      </p>
      {person.household.eightyFifty && (
        <Notice tone="warning">
          <p className="font-bold">{t('support.records.eightyFifty')}</p>
        </Notice>
      )}
      <LiveStatus message={status} />
      {person.family.length === 0 ? (
        <p className="text-std-16N-170">{t('support.records.noFamily')}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {person.family.map((m) => (
            <li key={m.id} className="rounded-8 border border-solid-gray-420 p-3" data-testid="family-member">
              {editing === m.id ? (
                <MemberForm
                  personId={person.id}
                  member={m}
                  onDone={(message) => {
                    setEditing(null);
                    setStatus(message);
                  }}
                />
              ) : (
                <MemberView member={m} onEdit={canManage ? () => setEditing(m.id) : null} />
              )}
            </li>
          ))}
        </ul>
      )}
      {canManage && editing === null && (
        <details className="flex flex-col gap-3">
          <summary className="min-h-11 cursor-pointer py-2 text-dns-16B-130">
            {t('support.records.addFamily')}
          </summary>
          <MemberForm personId={person.id} member={null} onDone={setStatus} />
        </details>
      )}
    </section>
  );
}

function MemberView({ member: m, onEdit }: { member: FamilyMember; onEdit: (() => void) | null }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-1 text-std-16N-170">
      <p className="font-bold">
        {t(`support.records.relationships.${m.relationship}`)}
        {m.age !== null && ` ・ ${t('support.records.age', { count: m.age })}`}
        {m.livesTogether && ` ・ ${t('support.records.livesTogether')}`}
        {m.isMainContact && ` ・ ${t('support.records.mainContact')}`}
      </p>
      {m.name && <p>{m.name}</p>}
      {m.contact && <p>{m.contact}</p>}
      {m.note && <p className="whitespace-pre-wrap">{m.note}</p>}
      {onEdit && (
        <div>
          <button type="button" className={compactButtonClass} onClick={onEdit}>
            {t('support.records.editFamily')}
          </button>
        </div>
      )}
    </div>
  );
}

function MemberForm({
  personId,
  member,
  onDone,
}: {
  personId: string;
  member: FamilyMember | null;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<FamilyMemberInput>(() => {
    if (!member) return emptyMember();
    const { id: _id, version: _v, ...rest } = member;
    return rest;
  });
  const [age, setAge] = useState(member?.age === null || !member ? '' : String(member.age));
  const prefix = member ? `family-${member.id.slice(0, 8)}` : 'family';
  const ageValue = age.trim() ? Number.parseInt(age.normalize('NFKC'), 10) : null;
  const form = useMutationForm({
    mutationFn: () => {
      const body = { ...value, age: ageValue };
      return member
        ? updateFamilyMember(personId, member.id, member.version, body)
        : addFamilyMember(personId, body);
    },
    onSuccess: async (person) => {
      queryClient.setQueryData(supportKeys.person(personId), person);
      await queryClient.invalidateQueries({ queryKey: supportKeys.person(personId) });
      if (!member) {
        setValue(emptyMember());
        setAge('');
      }
      onDone(t('support.records.familySaved'));
    },
    validate: (): Record<string, string> =>
      ageValue !== null && (!Number.isFinite(ageValue) || ageValue < 0 || ageValue > 120)
        ? { age: t('support.records.ageInvalid') }
        : {},
  });
  const set = <K extends keyof FamilyMemberInput>(k: K, v: FamilyMemberInput[K]) =>
    setValue({ ...value, [k]: v });
  return (
    <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
      <FormProblem
        error={form.mutation.error}
        local={form.local}
        idPrefix={prefix}
        focusKey={form.focusKey}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={`${prefix}-relationship`}
          label={t('support.records.relationship')}
          value={value.relationship}
          onChange={(e) => set('relationship', e.target.value as FamilyMemberInput['relationship'])}
          options={RELATIONSHIPS.map((r) => ({ value: r, label: t(`support.records.relationships.${r}`) }))}
        />
        <TextField
          id={`${prefix}-age`}
          inputMode="numeric"
          label={t('support.records.ageLabel')}
          error={form.local.age}
          value={age}
          onChange={(e) => setAge(e.target.value)}
        />
      </div>
      <Checkbox
        id={`${prefix}-livesTogether`}
        label={t('support.records.livesTogether')}
        checked={value.livesTogether}
        onChange={(e) => set('livesTogether', e.target.checked)}
      />
      <Checkbox
        id={`${prefix}-isMainContact`}
        label={t('support.records.mainContact')}
        checked={value.isMainContact}
        onChange={(e) => set('isMainContact', e.target.checked)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${prefix}-name`}
          label={t('support.records.familyName')}
          maxLength={100}
          value={value.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <TextField
          id={`${prefix}-contact`}
          label={t('support.records.familyContact')}
          maxLength={200}
          value={value.contact}
          onChange={(e) => set('contact', e.target.value)}
        />
      </div>
      <TextAreaField
        id={`${prefix}-note`}
        label={t('support.records.familyNote')}
        compact
        maxLength={1000}
        value={value.note}
        onChange={(e) => set('note', e.target.value)}
      />
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={primaryButtonClass} disabled={form.mutation.isPending}>
          {member ? t('support.records.saveFamily') : t('support.records.addFamilySubmit')}
        </button>
        {member && (
          <button type="button" className={secondaryButtonClass} onClick={() => onDone(null)}>
            {t('support.person.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
