import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  compactButtonClass,
  compactDangerButtonClass,
  compactInputClass,
  linkClass,
  primaryButtonClass,
} from '../../../ui/styles.ts';
import {
  createPlace,
  FIRST_VISIT,
  LIFE_STAGES,
  lookUpPostalCode,
  OPERATOR_TYPES,
  PLACE_KINDS,
  type PlaceContent,
  placeAction,
  placeHistoryQuery,
  type StaffPlace,
  staffPlaceQuery,
  suggestReading,
  updatePlace,
} from '../api.ts';
import { OpeningHoursPicker } from './OpeningHoursPicker.tsx';
import { PointPicker } from './PointPicker.tsx';

const EMPTY: PlaceContent = {
  kind: 'ibasho',
  name: '',
  nameKana: '',
  aliasName: '',
  description: '',
  operator: { type: 'npo', name: '', corporateNumber: null },
  postalCode: null,
  address: '',
  addressDetail: '',
  location: null,
  delivery: 'in_person',
  lifeStages: ['working_age'],
  audience: 'person',
  openingHours: [],
  openingNote: '',
  cost: '',
  firstVisit: [],
  peerStaff: false,
  languages: ['ja'],
  accessibility: '',
  access: '',
  contact: { phone: null, email: null, url: null, hours: '', note: '' },
  status: 'active',
  verifiedOn: null,
  externalId: null,
  opportunity: null,
};

const ID = 'place-form';
/** Languages offered as checkboxes (their names are in places.detail.languageNames); others by code. */
const KNOWN_LANGUAGES: readonly string[] = [
  'ja',
  'en',
  'zh',
  'ko',
  'pt',
  'es',
  'vi',
  'tl',
  'ne',
  'id',
  'th',
  'jsl',
];

/** `/console/places/new` and `/console/places/{id}`: the working copy, the review workflow and history. */
export function PlaceEditPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const place = useQuery({ ...staffPlaceQuery(id ?? ''), enabled: id !== null });
  if (id !== null && !place.data) {
    return (
      <>
        <PageHeading title={t('places.edit.editTitle')}>{t('places.edit.editTitle')}</PageHeading>
        {place.isError ? <ProblemNotice error={place.error} /> : <p>{t('common.loading')}</p>}
      </>
    );
  }
  return <PlaceForm key={id ?? 'new'} place={place.data ?? null} />;
}

function ProblemNotice({ error }: { error: unknown }) {
  const problemMessage = useProblemMessage();
  return (
    <Notice tone="error">
      <p>{problemMessage(error)}</p>
    </Notice>
  );
}

function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-dns-16B-130">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

function PlaceForm({ place }: { place: StaffPlace | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [c, setC] = useState<PlaceContent>(place?.content ?? EMPTY);
  const [otherLanguages, setOtherLanguages] = useState(() =>
    c.languages.filter((code) => !KNOWN_LANGUAGES.includes(code)).join(', '),
  );
  // One live region for the page: the workflow actions write to it too.
  const [status, setStatus] = useState<string | null>(null);
  const set = <K extends keyof PlaceContent>(key: K, value: PlaceContent[K]) =>
    setC((prev) => ({ ...prev, [key]: value }));
  const text = (key: keyof PlaceContent) => ({
    id: `${ID}-${key}`,
    className: compactInputClass,
    value: (c[key] as string | null) ?? '',
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
  });

  const save = useMutationForm({
    mutationFn: () => (place ? updatePlace(place.id, { ...c, version: place.version }) : createPlace(c)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['places'] });
      if (!place) await navigate({ to: '/console/places/$id', params: { id: saved.id } });
      else queryClient.setQueryData(staffPlaceQuery(saved.id).queryKey, saved);
      setStatus(t('places.edit.saved'));
    },
  });

  const reading = useMutation({
    mutationFn: () => suggestReading(c.name),
    onSuccess: (r) => set('nameKana', r.reading),
  });

  // Postal code → 都道府県・市区町村・町名 in the address, keeping whatever the staff typed after it.
  const postal = useMutation({
    mutationFn: () => lookUpPostalCode(c.postalCode ?? ''),
    onSuccess: (a) => {
      const prefix = `${a.prefectureName}${a.municipalityName}${a.district}`;
      setC((prev) => ({
        ...prev,
        postalCode: a.postalCode,
        address: prev.address.startsWith(prefix) ? prev.address : prefix,
      }));
      setStatus(t('places.edit.postalFilled', { address: prefix }));
    },
  });

  const hours = c.openingHours;
  const setHours = (i: number, patch: Partial<PlaceContent['openingHours'][number]>) =>
    set(
      'openingHours',
      hours.map((h, j) => (j === i ? { ...h, ...patch } : h)),
    );
  const opportunity = c.opportunity ?? {
    hoursPerWeekMin: null,
    hoursPerWeekMax: null,
    remoteOk: false,
    supportStaff: false,
    pay: 'none' as const,
    payNote: '',
    businessName: '',
    businessCorporateNumber: null,
  };
  const setOpportunity = (patch: Partial<typeof opportunity>) =>
    set('opportunity', { ...opportunity, ...patch });
  const title = place ? t('places.edit.editTitle') : t('places.edit.newTitle');
  const num = (value: string) => (value.trim() === '' ? null : Number(value));

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading title={title}>{place ? <span lang="ja">{place.name}</span> : title}</PageHeading>
        <Link to="/console/places" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('places.console.listTitle')}
        </Link>
      </div>
      <LiveStatus message={status} />
      {place && <Workflow place={place} onDone={setStatus} />}
      <FormProblem error={save.mutation.error} idPrefix={ID} focusKey={save.focusKey} />
      <form onSubmit={save.submit} className="flex flex-col gap-6 rounded-8 bg-white p-4" noValidate>
        <fieldset className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-std-20B-150">{t('places.edit.basics')}</legend>
          <SelectField
            id={`${ID}-kind`}
            label={t('places.console.kind')}
            compact
            value={c.kind}
            onChange={(e) => {
              const kind = e.target.value as PlaceContent['kind'];
              setC((prev) => ({ ...prev, kind, opportunity: kind === 'opportunity' ? opportunity : null }));
            }}
            options={PLACE_KINDS.map((k) => ({ value: k, label: t(`places.kind.${k}`) }))}
          />
          <SelectField
            id={`${ID}-status`}
            label={t('places.edit.status')}
            compact
            value={c.status}
            onChange={(e) => set('status', e.target.value as PlaceContent['status'])}
            options={(['active', 'paused', 'closed'] as const).map((v) => ({
              value: v,
              label: t(`places.console.statusState.${v}`),
            }))}
          />
          <Field id={`${ID}-name`} label={t('places.edit.name')}>
            <input {...text('name')} required maxLength={120} lang="ja" />
          </Field>
          <Field id={`${ID}-nameKana`} label={t('places.edit.nameKana')} hint={t('places.edit.nameKanaHint')}>
            <div className="flex flex-wrap gap-2">
              <input
                {...text('nameKana')}
                aria-describedby={`${ID}-nameKana-hint`}
                maxLength={200}
                lang="ja"
              />
              <button
                type="button"
                className={compactButtonClass}
                disabled={!c.name.trim() || reading.isPending}
                onClick={() => reading.mutate()}
              >
                {t('places.edit.suggestKana')}
              </button>
            </div>
          </Field>
          <Field id={`${ID}-aliasName`} label={t('places.edit.aliasName')}>
            <input {...text('aliasName')} maxLength={120} />
          </Field>
          <Field id={`${ID}-externalId`} label={t('places.edit.externalId')}>
            <input
              id={`${ID}-externalId`}
              className={compactInputClass}
              value={c.externalId ?? ''}
              maxLength={100}
              onChange={(e) => set('externalId', e.target.value.trim() || null)}
            />
          </Field>
          <div className="md:col-span-2">
            <Field
              id={`${ID}-description`}
              label={t('places.edit.description')}
              hint={t('places.edit.descriptionHint')}
            >
              <textarea
                id={`${ID}-description`}
                aria-describedby={`${ID}-description-hint`}
                className={`${compactInputClass} min-h-32`}
                maxLength={2000}
                value={c.description}
                onChange={(e) => set('description', e.target.value)}
              />
            </Field>
          </div>
          <SelectField
            id={`${ID}-operator-type`}
            label={t('places.edit.operatorType')}
            compact
            value={c.operator.type}
            onChange={(e) =>
              set('operator', { ...c.operator, type: e.target.value as PlaceContent['operator']['type'] })
            }
            options={OPERATOR_TYPES.map((o) => ({ value: o, label: t(`places.operator.${o}`) }))}
          />
          <Field id={`${ID}-operator-name`} label={t('places.edit.operatorName')}>
            <input
              id={`${ID}-operator-name`}
              className={compactInputClass}
              value={c.operator.name}
              maxLength={120}
              onChange={(e) => set('operator', { ...c.operator, name: e.target.value })}
            />
          </Field>
          <Field id={`${ID}-operator-corporateNumber`} label={t('places.edit.corporateNumber')}>
            <input
              id={`${ID}-operator-corporateNumber`}
              className={compactInputClass}
              inputMode="numeric"
              value={c.operator.corporateNumber ?? ''}
              maxLength={20}
              onChange={(e) =>
                set('operator', { ...c.operator, corporateNumber: e.target.value.trim() || null })
              }
            />
          </Field>
        </fieldset>

        <fieldset className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-std-20B-150">{t('places.edit.place')}</legend>
          <SelectField
            id={`${ID}-delivery`}
            label={t('places.edit.delivery')}
            compact
            value={c.delivery}
            onChange={(e) => set('delivery', e.target.value as PlaceContent['delivery'])}
            options={(['in_person', 'online', 'both'] as const).map((v) => ({
              value: v,
              label: t(`places.delivery.${v}`),
            }))}
          />
          <Field id={`${ID}-postalCode`} label={t('places.edit.postalCode')}>
            <input
              id={`${ID}-postalCode`}
              className={compactInputClass}
              inputMode="numeric"
              autoComplete="off"
              value={c.postalCode ?? ''}
              maxLength={10}
              onChange={(e) => set('postalCode', e.target.value.trim() || null)}
            />
            <button
              type="button"
              className={`${compactButtonClass} self-start`}
              disabled={!c.postalCode || postal.isPending}
              onClick={() => postal.mutate()}
            >
              {t('places.edit.fillAddress')}
            </button>
            {postal.isError && <ProblemNotice error={postal.error} />}
          </Field>
          <Field id={`${ID}-address`} label={t('places.edit.address')}>
            <input {...text('address')} maxLength={200} lang="ja" />
          </Field>
          <Field id={`${ID}-addressDetail`} label={t('places.edit.addressDetail')}>
            <input {...text('addressDetail')} maxLength={100} lang="ja" />
          </Field>
          <Field id={`${ID}-location-lat`} label={t('places.edit.lat')}>
            <input
              id={`${ID}-location-lat`}
              className={compactInputClass}
              inputMode="decimal"
              value={c.location?.lat ?? ''}
              onChange={(e) => {
                const lat = num(e.target.value);
                set(
                  'location',
                  lat === null && !c.location?.lng ? null : { lat: lat ?? 0, lng: c.location?.lng ?? 0 },
                );
              }}
            />
          </Field>
          <Field id={`${ID}-location-lng`} label={t('places.edit.lng')}>
            <input
              id={`${ID}-location-lng`}
              className={compactInputClass}
              inputMode="decimal"
              value={c.location?.lng ?? ''}
              onChange={(e) => {
                const lng = num(e.target.value);
                set(
                  'location',
                  lng === null && !c.location?.lat ? null : { lat: c.location?.lat ?? 0, lng: lng ?? 0 },
                );
              }}
            />
          </Field>
          <div className="md:col-span-2">
            <PointPicker
              id={`${ID}-location-map`}
              value={c.location}
              onChange={(location) => set('location', location)}
              address={c.address}
            />
          </div>
          <Field id={`${ID}-accessibility`} label={t('places.edit.accessibility')}>
            <input {...text('accessibility')} maxLength={500} />
          </Field>
          <Field id={`${ID}-access`} label={t('places.edit.access')}>
            <input {...text('access')} maxLength={300} />
          </Field>
          <Field id={`${ID}-cost`} label={t('places.edit.cost')}>
            <input {...text('cost')} maxLength={100} />
          </Field>
        </fieldset>

        <fieldset className="flex flex-col gap-3">
          <legend className="mb-2 text-std-20B-150">{t('places.edit.who')}</legend>
          <SelectField
            id={`${ID}-audience`}
            label={t('places.search.audience')}
            compact
            value={c.audience}
            onChange={(e) => set('audience', e.target.value as PlaceContent['audience'])}
            options={(['person', 'family', 'both'] as const).map((v) => ({
              value: v,
              label: t(`places.audience.${v}`),
            }))}
          />
          <fieldset id={`${ID}-lifeStages`} className="flex flex-col">
            <legend className="text-dns-16B-130">{t('places.search.lifeStage')}</legend>
            {LIFE_STAGES.map((s) => (
              <Checkbox
                key={s}
                id={`${ID}-stage-${s}`}
                label={t(`places.lifeStage.${s}`)}
                checked={c.lifeStages.includes(s)}
                onChange={(e) =>
                  set(
                    'lifeStages',
                    e.target.checked ? [...c.lifeStages, s] : c.lifeStages.filter((x) => x !== s),
                  )
                }
              />
            ))}
          </fieldset>
          <fieldset id={`${ID}-firstVisit`} className="flex flex-col">
            <legend className="text-dns-16B-130">{t('places.search.firstVisitLegend')}</legend>
            {FIRST_VISIT.map((f) => (
              <Checkbox
                key={f}
                id={`${ID}-fv-${f}`}
                label={t(`places.firstVisit.${f}`)}
                checked={c.firstVisit.includes(f)}
                onChange={(e) =>
                  set(
                    'firstVisit',
                    e.target.checked ? [...c.firstVisit, f] : c.firstVisit.filter((x) => x !== f),
                  )
                }
              />
            ))}
          </fieldset>
          <Checkbox
            id={`${ID}-peerStaff`}
            label={t('places.edit.peerStaff')}
            checked={c.peerStaff}
            onChange={(e) => set('peerStaff', e.target.checked)}
          />
          <fieldset id={`${ID}-languages`} className="flex flex-wrap gap-x-4">
            <legend className="text-dns-16B-130">{t('places.edit.languages')}</legend>
            {KNOWN_LANGUAGES.map((code) => (
              <Checkbox
                key={code}
                id={`${ID}-language-${code}`}
                label={t(`places.detail.languageNames.${code}`)}
                checked={c.languages.includes(code)}
                onChange={(e) =>
                  set(
                    'languages',
                    e.target.checked ? [...c.languages, code] : c.languages.filter((x) => x !== code),
                  )
                }
              />
            ))}
          </fieldset>
          <Field id={`${ID}-otherLanguages`} label={t('places.edit.otherLanguages')}>
            <input
              id={`${ID}-otherLanguages`}
              className={compactInputClass}
              lang="en"
              value={otherLanguages}
              onChange={(e) => {
                setOtherLanguages(e.target.value);
                const others = e.target.value
                  .split(/[,、\s]+/)
                  .map((v) => v.trim().toLowerCase())
                  .filter((v) => v && !KNOWN_LANGUAGES.includes(v));
                set('languages', [...c.languages.filter((x) => KNOWN_LANGUAGES.includes(x)), ...others]);
              }}
            />
          </Field>
        </fieldset>

        <fieldset className="flex flex-col gap-3" id={`${ID}-openingHours`}>
          <legend className="mb-2 text-std-20B-150">{t('places.edit.hours')}</legend>
          <p className="text-dns-14N-130 text-solid-gray-700">{t('places.edit.hoursHint')}</p>
          {hours.map((h, i) => (
            <div
              key={`hours-${i.toString()}`}
              className="flex flex-col gap-3 rounded-6 border border-solid-gray-420 p-3"
            >
              <OpeningHoursPicker
                id={`${ID}-openingHours-${i}-rrule`}
                rrule={h.rrule}
                start={h.start}
                end={h.end}
                onChange={(rrule) => setHours(i, { rrule })}
              />
              <div className="grid gap-2 md:grid-cols-[1fr_1fr_2fr_auto]">
                <Field id={`${ID}-openingHours-${i}-start`} label={t('places.edit.start')}>
                  <input
                    id={`${ID}-openingHours-${i}-start`}
                    type="time"
                    className={compactInputClass}
                    value={h.start}
                    onChange={(e) => setHours(i, { start: e.target.value })}
                  />
                </Field>
                <Field id={`${ID}-openingHours-${i}-end`} label={t('places.edit.end')}>
                  <input
                    id={`${ID}-openingHours-${i}-end`}
                    type="time"
                    className={compactInputClass}
                    value={h.end}
                    onChange={(e) => setHours(i, { end: e.target.value })}
                  />
                </Field>
                <Field id={`${ID}-openingHours-${i}-note`} label={t('places.edit.note')}>
                  <input
                    id={`${ID}-openingHours-${i}-note`}
                    className={compactInputClass}
                    value={h.note ?? ''}
                    onChange={(e) => setHours(i, { note: e.target.value || undefined })}
                  />
                </Field>
                <button
                  type="button"
                  className={`${compactDangerButtonClass} self-end`}
                  onClick={() =>
                    set(
                      'openingHours',
                      hours.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('places.edit.removeHours')}
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            className={`${compactButtonClass} self-start`}
            onClick={() => set('openingHours', [...hours, { rrule: '', start: '10:00', end: '16:00' }])}
          >
            {t('places.edit.addHours')}
          </button>
          <Field id={`${ID}-openingNote`} label={t('places.edit.openingNote')}>
            <input {...text('openingNote')} maxLength={300} />
          </Field>
        </fieldset>

        <fieldset className="grid gap-4 md:grid-cols-2">
          <legend className="mb-2 text-std-20B-150">{t('places.detail.contact')}</legend>
          {(['phone', 'email', 'url'] as const).map((k) => (
            <Field key={k} id={`${ID}-contact-${k}`} label={t(`places.edit.${k}`)}>
              <input
                id={`${ID}-contact-${k}`}
                type={k === 'email' ? 'email' : k === 'url' ? 'url' : 'tel'}
                className={compactInputClass}
                value={c.contact[k] ?? ''}
                onChange={(e) => set('contact', { ...c.contact, [k]: e.target.value.trim() || null })}
              />
            </Field>
          ))}
          <Field id={`${ID}-contact-hours`} label={t('places.edit.contactHours')}>
            <input
              id={`${ID}-contact-hours`}
              className={compactInputClass}
              value={c.contact.hours}
              maxLength={100}
              onChange={(e) => set('contact', { ...c.contact, hours: e.target.value })}
            />
          </Field>
        </fieldset>

        {c.kind === 'opportunity' && (
          <fieldset className="grid gap-4 md:grid-cols-2" id={`${ID}-opportunity`}>
            <legend className="mb-2 text-std-20B-150">{t('places.edit.opportunity')}</legend>
            <Field id={`${ID}-opportunity-hoursPerWeekMin`} label={t('places.edit.hoursMin')}>
              <input
                id={`${ID}-opportunity-hoursPerWeekMin`}
                className={compactInputClass}
                inputMode="decimal"
                value={opportunity.hoursPerWeekMin ?? ''}
                onChange={(e) => setOpportunity({ hoursPerWeekMin: num(e.target.value) })}
              />
            </Field>
            <Field id={`${ID}-opportunity-hoursPerWeekMax`} label={t('places.edit.hoursMax')}>
              <input
                id={`${ID}-opportunity-hoursPerWeekMax`}
                className={compactInputClass}
                inputMode="decimal"
                value={opportunity.hoursPerWeekMax ?? ''}
                onChange={(e) => setOpportunity({ hoursPerWeekMax: num(e.target.value) })}
              />
            </Field>
            <Checkbox
              id={`${ID}-opportunity-remoteOk`}
              label={t('places.edit.remoteOk')}
              checked={opportunity.remoteOk}
              onChange={(e) => setOpportunity({ remoteOk: e.target.checked })}
            />
            <Checkbox
              id={`${ID}-opportunity-supportStaff`}
              label={t('places.edit.supportStaff')}
              checked={opportunity.supportStaff}
              onChange={(e) => setOpportunity({ supportStaff: e.target.checked })}
            />
            <SelectField
              id={`${ID}-opportunity-pay`}
              label={t('places.edit.pay')}
              compact
              value={opportunity.pay}
              onChange={(e) => setOpportunity({ pay: e.target.value as typeof opportunity.pay })}
              options={(['none', 'allowance', 'wage'] as const).map((v) => ({
                value: v,
                label: t(`places.pay.${v}`),
              }))}
            />
            <Field id={`${ID}-opportunity-payNote`} label={t('places.edit.payNote')}>
              <input
                id={`${ID}-opportunity-payNote`}
                className={compactInputClass}
                value={opportunity.payNote}
                onChange={(e) => setOpportunity({ payNote: e.target.value })}
              />
            </Field>
            <Field id={`${ID}-opportunity-businessName`} label={t('places.edit.business')}>
              <input
                id={`${ID}-opportunity-businessName`}
                className={compactInputClass}
                value={opportunity.businessName}
                onChange={(e) => setOpportunity({ businessName: e.target.value })}
              />
            </Field>
          </fieldset>
        )}
        <button
          type="submit"
          className={`${primaryButtonClass} self-start`}
          disabled={save.mutation.isPending}
        >
          {t('places.edit.save')}
        </button>
      </form>
      {place && <History id={place.id} />}
    </>
  );
}

function Workflow({ place, onDone }: { place: StaffPlace; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const problemMessage = useProblemMessage();
  const [comment, setComment] = useState('');
  const act = useMutation({
    mutationFn: (action: 'submit' | 'publish' | 'withdraw' | 'verify' | 'return') =>
      placeAction(
        place.id,
        action,
        action === 'return' ? { version: place.version, comment } : { version: place.version },
      ),
    onSuccess: async (saved, action) => {
      queryClient.setQueryData(staffPlaceQuery(saved.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['places'] });
      onDone(t(`places.edit.done.${action}`));
    },
  });
  return (
    <section aria-labelledby="place-workflow-heading" className="flex flex-col gap-3 rounded-8 bg-white p-4">
      <h2 id="place-workflow-heading" className="text-std-20B-150">
        {t('places.edit.workflow')}
      </h2>
      <p className="text-dns-16N-130">
        {t(`places.console.publicationState.${place.publication}`)}
        {place.isPublic && ` ・ ${t('places.console.publicBadge')}`}
        {place.hasUnpublishedChanges && ` ・ ${t('places.console.pendingChanges')}`}
      </p>
      {place.reviewComment && (
        <Notice tone="warning">{t('places.edit.reviewComment', { comment: place.reviewComment })}</Notice>
      )}
      <p className="text-dns-14N-130 text-solid-gray-700">{t('places.edit.reviewNote')}</p>
      {place.publication === 'in_review' && !place.canReview && (
        <p className="text-dns-16N-130">{t('places.edit.cannotReviewOwn')}</p>
      )}
      {act.isError && (
        <Notice tone="error">
          <p>{problemMessage(act.error)}</p>
        </Notice>
      )}
      <div className="flex flex-wrap gap-3">
        {place.publication === 'draft' && (
          <button type="button" className={compactButtonClass} onClick={() => act.mutate('submit')}>
            {t('places.edit.submit')}
          </button>
        )}
        {place.publication === 'in_review' && place.canReview && (
          <button type="button" className={compactButtonClass} onClick={() => act.mutate('publish')}>
            {t('places.edit.publish')}
          </button>
        )}
        <button type="button" className={compactButtonClass} onClick={() => act.mutate('verify')}>
          {t('places.edit.verify')}
        </button>
        {place.isPublic && (
          <>
            <Link
              to="/places/$id"
              params={{ id: place.id }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('places.edit.viewPublic')}
            </Link>
            <button type="button" className={compactDangerButtonClass} onClick={() => act.mutate('withdraw')}>
              {t('places.edit.withdraw')}
            </button>
          </>
        )}
      </div>
      {place.publication === 'in_review' && place.canReview && (
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
            <label htmlFor="place-return-comment" className="text-dns-16B-130">
              {t('places.edit.returnComment')}
            </label>
            <input
              id="place-return-comment"
              className={compactInputClass}
              value={comment}
              maxLength={500}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <button
            type="button"
            className={compactButtonClass}
            disabled={!comment.trim()}
            onClick={() => act.mutate('return')}
          >
            {t('places.edit.returnTitle')}
          </button>
        </div>
      )}
    </section>
  );
}

function History({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const history = useQuery(placeHistoryQuery(id));
  return (
    <section aria-labelledby="place-history-heading" className="flex flex-col gap-3 rounded-8 bg-white p-4">
      <h2 id="place-history-heading" className="text-std-20B-150">
        {t('places.edit.history')}
      </h2>
      {!history.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <ol className="flex flex-col gap-2">
          {history.data.items.map((h) => (
            <li key={h.id} className="border-b border-solid-gray-420 pb-2 text-dns-16N-130">
              <span className="font-bold">{t(`places.edit.historyAction.${h.action}`)}</span>{' '}
              <time dateTime={h.at}>{formatStaffInstant(h.at, i18n.language)}</time>
              {h.changedFields.length > 0 && (
                <span className="block text-solid-gray-700">
                  {t('places.edit.changed', { fields: h.changedFields.join(', ') })}
                </span>
              )}
              {h.comment && <span className="block">{h.comment}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
