import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toBankKana } from '../../../shared/bank-kana.ts';
import type { Bank, Branch } from '../../api/lookups.ts';
import { BankPicker } from '../../ui/BankPicker.tsx';
import { TextAreaField } from '../../ui/Fields.tsx';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { cardClass, compactButtonClass, primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  type Bank as BankAccount,
  createProgramme,
  createSupporter,
  type Programme,
  programmesQuery,
  putSupporterBank,
  type Shift,
  type Supporter,
  type SupporterInput,
  supportersQuery,
  updateProgramme,
  updateSupporter,
} from './api.ts';
import { ShiftActions, ShiftSection } from './coordinator.shifts.tsx';
import { Problem } from './parts.tsx';
import { usePickerTexts } from './pickerTexts.ts';

/**
 * The peer coordinator's tools (permission peers.manage): the registry (create and edit a supporter,
 * bank details), programmes (rates), shifts at published places, cancelling and re-assigning swaps.
 * Lived experience is sent only when the coordinator typed it; the API decides who may read it.
 */
export function CoordinatorSections({ shifts }: { shifts: Shift[] | undefined }) {
  return (
    <>
      <SupporterSection />
      <BankSection />
      <ProgrammeSection />
      <ShiftSection />
      {shifts && <ShiftActions shifts={shifts} />}
    </>
  );
}

const STATUSES = ['active', 'paused', 'ended'] as const;
const QUALIFICATIONS = ['trainee', 'certified', 'lead'] as const;
const blank: SupporterInput = {
  displayName: '',
  status: 'active',
  qualification: 'trainee',
  availabilityMask: 0,
  availabilityNote: null,
  livedExperience: null,
};

function SupporterSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const supporters = useQuery(supportersQuery());
  const [editing, setEditing] = useState<string>('');
  const [form, setForm] = useState<SupporterInput>(blank);
  const [experience, setExperience] = useState('');
  const [done, setDone] = useState('');
  const pick = (id: string) => {
    setEditing(id);
    setDone('');
    const s = supporters.data?.items.find((x) => x.id === id);
    if (!s) {
      setForm(blank);
      setExperience('');
      return;
    }
    setForm({
      displayName: s.displayName,
      status: s.status,
      qualification: s.qualification,
      availabilityMask: s.availabilityMask ?? 0,
      availabilityNote: s.availabilityNote,
    });
    setExperience(s.livedExperience ?? '');
  };
  const save = useMutation({
    mutationFn: async () => {
      const current = supporters.data?.items.find((x) => x.id === editing);
      // Lived experience is only sent when the coordinator can read it (or types a new one).
      const body: SupporterInput = {
        ...form,
        availabilityNote: form.availabilityNote?.trim() ? form.availabilityNote : null,
      };
      if (!current?.livedExperienceHidden || experience.trim())
        body.livedExperience = experience.trim() || null;
      if (current) await updateSupporter(current.id, { ...body, version: current.version });
      else await createSupporter(body);
    },
    onSuccess: async () => {
      setDone(editing ? t('payments.coord.saved') : t('payments.coord.created', { name: form.displayName }));
      setEditing('');
      setForm(blank);
      setExperience('');
      await client.invalidateQueries({ queryKey: ['peers'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="coord-supporter-heading" className={cardClass}>
      <h2 id="coord-supporter-heading" className="text-std-20B-150">
        {t('payments.coord.supporterHeading')}
      </h2>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <SelectField
          id="coord-supporter-pick"
          label={t('payments.coord.pickSupporter')}
          value={editing}
          onChange={(e) => pick(e.target.value)}
          options={[
            { value: '', label: t('payments.coord.newSupporter') },
            ...(supporters.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName })),
          ]}
        />
        <TextField
          id="coord-displayName"
          label={t('payments.coord.displayName')}
          required
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
        />
        <SelectField
          id="coord-status"
          label={t('payments.coord.status')}
          value={form.status}
          onChange={(e) => setForm({ ...form, status: e.target.value as Supporter['status'] })}
          options={STATUSES.map((v) => ({ value: v, label: t(`payments.registry.status.${v}`) }))}
        />
        <SelectField
          id="coord-qualification"
          label={t('payments.coord.qualification')}
          value={form.qualification}
          onChange={(e) => setForm({ ...form, qualification: e.target.value as Supporter['qualification'] })}
          options={QUALIFICATIONS.map((v) => ({
            value: v,
            label: t(`payments.registry.qualification.${v}`),
          }))}
        />
        <TextField
          id="coord-availability"
          label={t('payments.coord.availability')}
          hint={t('payments.coord.availabilityHint')}
          value={form.availabilityNote ?? ''}
          onChange={(e) => setForm({ ...form, availabilityNote: e.target.value })}
        />
        <TextAreaField
          id="coord-experience"
          label={t('payments.coord.experience')}
          hint={t('payments.coord.experienceHint')}
          value={experience}
          onChange={(e) => setExperience(e.target.value)}
        />
        <Problem error={save.error} />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
            {editing ? t('payments.coord.save') : t('payments.coord.create')}
          </button>
        </div>
        <LiveStatus message={done} />
      </form>
    </section>
  );
}

function BankSection() {
  const { t } = useTranslation();
  const pickerTexts = usePickerTexts();
  const client = useQueryClient();
  const supporters = useQuery(supportersQuery());
  const [supporterId, setSupporterId] = useState('');
  const [bank, setBank] = useState<Bank | null>(null);
  const [branch, setBranch] = useState<Branch | null>(null);
  const [accountType, setAccountType] = useState<BankAccount['accountType']>('1');
  const [accountNumber, setAccountNumber] = useState('');
  const [holder, setHolder] = useState('');
  const [done, setDone] = useState('');
  const kana = toBankKana(holder);
  const holderError =
    holder && !kana.ok
      ? t('payments.picker.holderInvalid', { chars: kana.invalidCharacters.join(' ') })
      : undefined;
  const save = useMutation({
    mutationFn: () => {
      if (!bank || !branch) throw new Error(t('payments.coord.bankMissing'));
      return putSupporterBank(supporterId, {
        bankCode: bank.code,
        branchCode: branch.code,
        accountType,
        accountNumber,
        holderName: kana.value,
      });
    },
    onSuccess: async () => {
      setDone(t('payments.coord.bankSaved'));
      setBank(null);
      setBranch(null);
      setAccountNumber('');
      setHolder('');
      await client.invalidateQueries({ queryKey: ['peers'] });
    },
  });
  return (
    <section aria-labelledby="coord-bank-heading" className={cardClass}>
      <h2 id="coord-bank-heading" className="text-std-20B-150">
        {t('payments.coord.bankHeading')}
      </h2>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (kana.ok) save.mutate();
        }}
      >
        <SelectField
          id="coord-bank-supporter"
          label={t('payments.claims.supporter')}
          value={supporterId}
          onChange={(e) => setSupporterId(e.target.value)}
          options={[
            { value: '', label: t('payments.coord.choose') },
            ...(supporters.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName })),
          ]}
        />
        <BankPicker bank={bank} branch={branch} onBank={setBank} onBranch={setBranch} texts={pickerTexts} />
        <SelectField
          id="coord-bank-type"
          label={t('payments.coord.accountType')}
          value={accountType}
          // The options are the account types the API takes.
          onChange={(e) => setAccountType(e.target.value as BankAccount['accountType'])}
          options={[
            { value: '1', label: t('payments.coord.ordinary') },
            { value: '2', label: t('payments.coord.current') },
          ]}
        />
        <TextField
          id="coord-bank-number"
          label={t('payments.coord.accountNumber')}
          hint={t('payments.coord.accountNumberHint')}
          inputMode="numeric"
          autoComplete="off"
          value={accountNumber}
          onChange={(e) => setAccountNumber(e.target.value.normalize('NFKC').replace(/\D/gu, '').slice(0, 7))}
        />
        <TextField
          id="coord-bank-holder"
          label={t('payments.picker.holder')}
          hint={t('payments.picker.holderHint')}
          autoComplete="off"
          value={holder}
          error={holderError}
          onChange={(e) => setHolder(e.target.value)}
        />
        {holder && (
          <p className="text-std-16N-170" aria-live="polite" data-testid="coord-holder-preview">
            {t('payments.picker.holderPreview', { value: kana.value })}
          </p>
        )}
        <Problem error={save.error} />
        <div>
          <button
            type="submit"
            className={primaryButtonClass}
            disabled={save.isPending || !supporterId || !bank || !branch || !kana.ok || !holder}
          >
            {t('payments.coord.bankSave')}
          </button>
        </div>
        <LiveStatus message={done} />
      </form>
    </section>
  );
}

function ProgrammeSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const programmes = useQuery(programmesQuery());
  const [name, setName] = useState('');
  const [rate, setRate] = useState('1200');
  const [withholding, setWithholding] = useState('10.21');
  const [done, setDone] = useState('');
  const create = useMutation({
    mutationFn: () =>
      createProgramme({
        name,
        hourlyRate: Number(rate),
        withholdingRateBp: Math.round(Number(withholding) * 100),
      }),
    onSuccess: async () => {
      setDone(t('payments.coord.programmeCreated', { name }));
      setName('');
      await client.invalidateQueries({ queryKey: ['peers', 'programmes'] });
    },
  });
  return (
    <section aria-labelledby="coord-programme-heading" className={cardClass}>
      <h2 id="coord-programme-heading" className="text-std-20B-150">
        {t('payments.coord.programmeHeading')}
      </h2>
      <Problem error={programmes.error} />
      <ul className="flex flex-col gap-3">
        {(programmes.data?.items ?? []).map((p) => (
          <ProgrammeRow key={`${p.id}-${p.hourlyRate}-${p.withholdingRateBp}-${p.active}`} programme={p} />
        ))}
      </ul>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h3 className="text-std-17B-170">{t('payments.coord.programmeNew')}</h3>
        <TextField
          id="coord-programme-name"
          label={t('payments.coord.programmeName')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          id="coord-programme-rate"
          label={t('payments.coord.hourlyRate')}
          inputMode="numeric"
          value={rate}
          onChange={(e) => setRate(e.target.value.replace(/\D/gu, ''))}
        />
        <TextField
          id="coord-programme-withholding"
          label={t('payments.coord.withholding')}
          inputMode="decimal"
          value={withholding}
          onChange={(e) => setWithholding(e.target.value)}
        />
        <Problem error={create.error} />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={create.isPending}>
            {t('payments.coord.programmeCreate')}
          </button>
        </div>
        <LiveStatus message={done} />
      </form>
    </section>
  );
}

function ProgrammeRow({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [rate, setRate] = useState(String(programme.hourlyRate));
  const [withholding, setWithholding] = useState(String(programme.withholdingRateBp / 100));
  const [active, setActive] = useState(programme.active);
  const save = useMutation({
    mutationFn: () =>
      updateProgramme(programme.id, {
        hourlyRate: Number(rate),
        withholdingRateBp: Math.round(Number(withholding) * 100),
        active,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['peers', 'programmes'] }),
  });
  const base = `coord-programme-${programme.id}`;
  return (
    <li className="flex flex-col gap-2 border-b border-solid-gray-200 pb-3">
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label={programme.name}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <p className="w-full text-std-17B-170">{programme.name}</p>
        <TextField
          id={`${base}-rate`}
          label={t('payments.coord.hourlyRate')}
          inputMode="numeric"
          value={rate}
          onChange={(e) => setRate(e.target.value.replace(/\D/gu, ''))}
        />
        <TextField
          id={`${base}-withholding`}
          label={t('payments.coord.withholding')}
          inputMode="decimal"
          value={withholding}
          onChange={(e) => setWithholding(e.target.value)}
        />
        <label className="flex items-center gap-2 text-std-16N-170">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('payments.coord.active')}
        </label>
        <button type="submit" className={compactButtonClass} disabled={save.isPending}>
          {t('payments.coord.programmeSave', { name: programme.name })}
        </button>
      </form>
      <Problem error={save.error} />
    </li>
  );
}
