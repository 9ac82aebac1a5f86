import '../i18n.ts';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { CheckboxGroup, TextAreaField } from '../../../ui/Fields.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { TextField } from '../../../ui/TextField.tsx';
import { AGE_GROUPS, CHANNELS, type Channel, PACES, type PersonInput } from '../api.ts';

export const emptyPerson = (nickname = ''): PersonInput => ({
  nickname,
  realName: null,
  realNameKana: null,
  birthDate: null,
  contact: null,
  ageGroup: 'unknown',
  familyOnly: false,
  contactPreferences: {
    channels: [],
    avoid: [],
    pace: 'as_person_wishes',
    noHomeVisits: false,
    times: '',
    note: '',
  },
  leadWorkerId: null,
  status: 'active',
});

const orNull = (v: string) => (v.trim() ? v : null);

/**
 * The fields of a person's record. Only the 呼び名 is required; the real name, birth date and contact
 * are optional and stored encrypted by the server. The contact wishes come first after the name: they
 * are what everyone who contacts the person must see.
 */
export function PersonFields({
  idPrefix,
  value,
  onChange,
  errors,
  showStatus = false,
}: {
  idPrefix: string;
  value: PersonInput;
  onChange: (v: PersonInput) => void;
  errors: Record<string, string>;
  showStatus?: boolean;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof PersonInput>(k: K, v: PersonInput[K]) => onChange({ ...value, [k]: v });
  const prefs = value.contactPreferences;
  const setPrefs = (p: Partial<PersonInput['contactPreferences']>) =>
    set('contactPreferences', { ...prefs, ...p });
  const contact = value.contact ?? { phone: '', email: '', address: '', note: '' };
  const setContact = (c: Partial<typeof contact>) => {
    const next = { ...contact, ...c };
    set('contact', Object.values(next).some((x) => x.trim()) ? next : null);
  };
  const channelOptions = CHANNELS.map((c) => ({ value: c, label: t(`support.person.channelNames.${c}`) }));
  return (
    <>
      <TextField
        id={`${idPrefix}-nickname`}
        label={t('support.consultation.nickname')}
        hint={t('support.records.nicknameHint')}
        required
        error={errors.nickname}
        maxLength={50}
        value={value.nickname}
        onChange={(e) => set('nickname', e.target.value)}
      />
      <Checkbox
        id={`${idPrefix}-familyOnly`}
        label={t('support.records.familyOnlyLabel')}
        hint={t('support.records.familyOnlyHint')}
        checked={value.familyOnly}
        onChange={(e) => set('familyOnly', e.target.checked)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={`${idPrefix}-ageGroup`}
          label={t('support.records.ageGroup')}
          value={value.ageGroup}
          onChange={(e) => set('ageGroup', e.target.value as PersonInput['ageGroup'])}
          options={AGE_GROUPS.map((a) => ({ value: a, label: t(`support.records.ageGroups.${a}`) }))}
        />
        {showStatus && (
          <SelectField
            id={`${idPrefix}-status`}
            label={t('support.records.status')}
            value={value.status}
            onChange={(e) => set('status', e.target.value as PersonInput['status'])}
            options={(['active', 'closed'] as const).map((s) => ({
              value: s,
              label: t(`support.records.statuses.${s}`),
            }))}
          />
        )}
      </div>
      <fieldset className="flex min-w-0 flex-col gap-4 rounded-8 border-2 border-blue-900 p-4">
        <legend className="px-1 text-std-17B-170">{t('support.person.preferencesHeading')}</legend>
        <Checkbox
          id={`${idPrefix}-noHomeVisits`}
          label={t('support.person.noHomeVisits')}
          checked={prefs.noHomeVisits}
          onChange={(e) => setPrefs({ noHomeVisits: e.target.checked })}
        />
        <CheckboxGroup
          id={`${idPrefix}-channels`}
          legend={t('support.person.channels')}
          value={prefs.channels}
          onChange={(v) => setPrefs({ channels: v as Channel[] })}
          options={channelOptions}
        />
        <CheckboxGroup
          id={`${idPrefix}-avoid`}
          legend={t('support.person.avoid')}
          value={prefs.avoid}
          onChange={(v) => setPrefs({ avoid: v as Channel[] })}
          options={channelOptions}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            id={`${idPrefix}-pace`}
            label={t('support.person.pace')}
            value={prefs.pace}
            onChange={(e) => setPrefs({ pace: e.target.value })}
            options={PACES.map((p) => ({ value: p, label: t(`support.person.paces.${p}`) }))}
          />
          <TextField
            id={`${idPrefix}-times`}
            label={t('support.person.times')}
            hint={t('support.records.timesHint')}
            maxLength={200}
            value={prefs.times}
            onChange={(e) => setPrefs({ times: e.target.value })}
          />
        </div>
        <TextAreaField
          id={`${idPrefix}-prefNote`}
          label={t('support.person.prefNote')}
          compact
          maxLength={500}
          value={prefs.note}
          onChange={(e) => setPrefs({ note: e.target.value })}
        />
      </fieldset>
      <details className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-4">
        <summary className="min-h-11 cursor-pointer py-2 text-dns-16B-130">
          {t('support.records.identityHeading')}
        </summary>
        <div className="flex flex-col gap-4">
          <p className="text-std-16N-170">{t('support.records.identityLead')}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id={`${idPrefix}-realName`}
              label={t('support.records.realName')}
              maxLength={100}
              value={value.realName ?? ''}
              onChange={(e) => set('realName', orNull(e.target.value))}
            />
            <TextField
              id={`${idPrefix}-realNameKana`}
              label={t('support.records.realNameKana')}
              maxLength={100}
              value={value.realNameKana ?? ''}
              onChange={(e) => set('realNameKana', orNull(e.target.value))}
            />
            <TextField
              id={`${idPrefix}-birthDate`}
              type="date"
              label={t('support.records.birthDate')}
              error={errors.birthDate}
              value={value.birthDate ?? ''}
              onChange={(e) => set('birthDate', orNull(e.target.value))}
            />
            <TextField
              id={`${idPrefix}-contact-phone`}
              type="tel"
              label={t('support.records.phone')}
              maxLength={30}
              value={contact.phone}
              onChange={(e) => setContact({ phone: e.target.value })}
            />
            <TextField
              id={`${idPrefix}-contact-email`}
              type="email"
              label={t('support.records.email')}
              maxLength={254}
              value={contact.email}
              onChange={(e) => setContact({ email: e.target.value })}
            />
            <TextField
              id={`${idPrefix}-contact-address`}
              label={t('support.records.address')}
              maxLength={200}
              value={contact.address}
              onChange={(e) => setContact({ address: e.target.value })}
            />
          </div>
        </div>
      </details>
    </>
  );
}
