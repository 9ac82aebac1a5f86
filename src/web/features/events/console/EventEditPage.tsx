import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../api/client.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { compactButtonClass, compactInputClass, primaryButtonClass } from '../../../ui/styles.ts';
import {
  EVENT_AUDIENCES,
  EVENT_DELIVERIES,
  EVENT_KINDS,
  type EventAudience,
  type EventDelivery,
  type EventKind,
  type EventStatus,
  organisersQuery,
  type StaffEvent,
  staffEventQuery,
} from '../api.ts';
import { tokyoParts } from '../format.ts';

type SessionDraft = {
  id?: string;
  topic: string;
  date: string;
  start: string;
  end: string;
  cancelled: boolean;
};
type Draft = {
  organiserId: string;
  kind: EventKind;
  title: string;
  titleKana: string;
  titleEn: string;
  description: string;
  audience: EventAudience;
  delivery: EventDelivery;
  venueName: string;
  address: string;
  addressDetail: string;
  accessNote: string;
  parkingNote: string;
  onlineNote: string;
  capacity: string;
  feeYen: string;
  feeNote: string;
  accessibility: string;
  contactName: string;
  contactPhone: string;
  registrationClosesHoursBefore: string;
  registrationOpen: boolean;
  status: EventStatus;
  sessions: SessionDraft[];
};

const emptySession = (): SessionDraft => ({
  topic: '',
  date: '',
  start: '13:30',
  end: '15:30',
  cancelled: false,
});

function draftOf(e: StaffEvent | undefined, organiserId: string): Draft {
  if (!e)
    return {
      organiserId,
      kind: 'family_salon',
      title: '',
      titleKana: '',
      titleEn: '',
      description: '',
      audience: 'family',
      delivery: 'in_person',
      venueName: '',
      address: '',
      addressDetail: '',
      accessNote: '',
      parkingNote: '',
      onlineNote: '',
      capacity: '',
      feeYen: '0',
      feeNote: '',
      accessibility: '',
      contactName: '',
      contactPhone: '',
      registrationClosesHoursBefore: '0',
      registrationOpen: true,
      status: 'draft',
      sessions: [emptySession()],
    };
  return {
    organiserId: e.organiserId,
    kind: e.kind,
    title: e.title,
    titleKana: e.titleKana,
    titleEn: e.titleEn,
    description: e.description,
    audience: e.audience,
    delivery: e.delivery,
    venueName: e.venueName,
    address: e.address,
    addressDetail: e.addressDetail,
    accessNote: e.accessNote,
    parkingNote: e.parkingNote,
    onlineNote: e.onlineNote,
    capacity: e.capacity === null ? '' : String(e.capacity),
    feeYen: String(e.feeYen),
    feeNote: e.feeNote,
    accessibility: e.accessibility,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    registrationClosesHoursBefore: String(e.registrationClosesHoursBefore),
    registrationOpen: e.registrationOpen,
    status: e.status,
    sessions: e.sessions.map((s) => ({
      id: s.id,
      topic: s.topic,
      date: tokyoParts(s.startsAt).date,
      start: tokyoParts(s.startsAt).time,
      end: tokyoParts(s.endsAt).time,
      cancelled: s.status === 'cancelled',
    })),
  };
}

function bodyOf(d: Draft) {
  const { capacity, feeYen, registrationClosesHoursBefore, sessions, titleKana, ...rest } = d;
  return {
    ...rest,
    titleKana,
    capacity: capacity.trim() === '' ? null : Number(capacity),
    feeYen: Number(feeYen || 0),
    registrationClosesHoursBefore: Number(registrationClosesHoursBefore || 0),
    sessions: sessions.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      topic: s.topic,
      startsAt: `${s.date}T${s.start}:00+09:00`,
      endsAt: `${s.date}T${s.end}:00+09:00`,
      status: s.cancelled ? 'cancelled' : 'scheduled',
    })),
  };
}

/** `/console/events/new` and the edit form inside `/console/events/{id}`. */
export function EventEditPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisers = useQuery(organisersQuery());
  const existing = useQuery({ ...staffEventQuery(id ?? ''), enabled: id !== null });
  const [d, setD] = useState<Draft | null>(null);
  const firstOrganiser = organisers.data?.items[0]?.id ?? '';
  useEffect(() => {
    if (d) return;
    if (id === null && organisers.data) setD(draftOf(undefined, firstOrganiser));
    if (id !== null && existing.data) setD(draftOf(existing.data, firstOrganiser));
  }, [d, id, organisers.data, existing.data, firstOrganiser]);

  // The form is only shown (and so only sent) once the draft is loaded.
  const form = useMutationForm({
    mutationFn: () =>
      id === null
        ? api<StaffEvent>('/api/events', { method: 'POST', body: bodyOf(d!) })
        : api<StaffEvent>(`/api/events/${id}`, {
            method: 'PUT',
            body: { ...bodyOf(d!), version: existing.data?.version },
          }),
    successMessage: t('events.console.saved'),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['events'] });
      if (id === null) await navigate({ to: '/console/events/$id', params: { id: saved.id } });
      else setD(draftOf(saved, firstOrganiser));
    },
  });

  const title =
    id === null
      ? t('events.console.newTitle')
      : t('events.console.editTitle', { title: existing.data?.title ?? '' });
  if (!d) return <p>{t('common.loading')}</p>;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setD((prev) => (prev ? { ...prev, [key]: value } : prev));
  const setSession = (i: number, patch: Partial<SessionDraft>) =>
    set(
      'sessions',
      d.sessions.map((s, j) => (j === i ? { ...s, ...patch } : s)),
    );
  const field = (key: keyof Draft, label: string, type = 'text') => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`ev-${key}`} className="text-dns-16B-130">
        {label}
      </label>
      <input
        id={`ev-${key}`}
        type={type}
        className={compactInputClass}
        value={d[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
      />
    </div>
  );
  const conflict = isApiError(form.mutation.error, 409);

  return (
    <>
      {id === null && <PageHeading title={title}>{title}</PageHeading>}
      {id !== null && <h2 className="text-std-24B-150">{t('events.console.edit')}</h2>}
      <LiveStatus message={form.status} />
      {conflict ? (
        <Notice tone="error">{t('events.console.conflict')}</Notice>
      ) : (
        <FormProblem error={form.mutation.error} idPrefix="ev" focusKey={form.focusKey} />
      )}
      <form onSubmit={form.submit} className="flex flex-col gap-4 rounded-8 bg-white p-4">
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            id="ev-organiserId"
            compact
            label={t('events.console.fields.organiser')}
            value={d.organiserId}
            onChange={(e) => set('organiserId', e.target.value)}
            options={(organisers.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
          <SelectField
            id="ev-kind"
            compact
            label={t('events.console.fields.kind')}
            value={d.kind}
            onChange={(e) => set('kind', e.target.value as EventKind)}
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))}
          />
          {field('title', t('events.console.fields.title'))}
          {field('titleKana', t('events.console.fields.titleKana'))}
          {field('titleEn', t('events.console.fields.titleEn'))}
          <SelectField
            id="ev-audience"
            compact
            label={t('events.console.fields.audience')}
            value={d.audience}
            onChange={(e) => set('audience', e.target.value as EventAudience)}
            options={EVENT_AUDIENCES.map((a) => ({ value: a, label: t(`events.audience.${a}`) }))}
          />
          <SelectField
            id="ev-delivery"
            compact
            label={t('events.console.fields.delivery')}
            value={d.delivery}
            onChange={(e) => set('delivery', e.target.value as EventDelivery)}
            options={EVENT_DELIVERIES.map((v) => ({ value: v, label: t(`events.delivery.${v}`) }))}
          />
          <SelectField
            id="ev-status"
            compact
            label={t('events.console.fields.status')}
            value={d.status}
            onChange={(e) => set('status', e.target.value as EventStatus)}
            options={(['draft', 'published', 'cancelled'] as const).map((s) => ({
              value: s,
              label: t(`events.console.status.${s}`),
            }))}
          />
        </div>
        <TextAreaField
          id="ev-description"
          compact
          label={t('events.console.fields.description')}
          value={d.description}
          onChange={(e) => set('description', e.target.value)}
        />
        <div className="grid gap-4 md:grid-cols-2">
          {field('venueName', t('events.console.fields.venueName'))}
          {field('address', t('events.console.fields.address'))}
          {field('addressDetail', t('events.console.fields.addressDetail'))}
          {field('accessNote', t('events.console.fields.accessNote'))}
          {field('parkingNote', t('events.console.fields.parkingNote'))}
          {field('onlineNote', t('events.console.fields.onlineNote'))}
          {field('capacity', t('events.console.fields.capacity'), 'number')}
          {field('feeYen', t('events.console.fields.feeYen'), 'number')}
          {field('feeNote', t('events.console.fields.feeNote'))}
          {field('accessibility', t('events.console.fields.accessibility'))}
          {field('contactName', t('events.console.fields.contactName'))}
          {field('contactPhone', t('events.console.fields.contactPhone'), 'tel')}
          {field('registrationClosesHoursBefore', t('events.console.fields.closesHours'), 'number')}
        </div>
        <Checkbox
          id="ev-registrationOpen"
          label={t('events.console.fields.registrationOpen')}
          checked={d.registrationOpen}
          onChange={(e) => set('registrationOpen', e.target.checked)}
        />
        <fieldset className="flex flex-col gap-3">
          <legend className="text-std-17B-170">{t('events.console.fields.sessions')}</legend>
          {d.sessions.map((s, i) => (
            <div
              key={s.id ?? `new-${i}`}
              className="grid gap-2 rounded-6 border border-solid-gray-420 p-3 md:grid-cols-4"
            >
              <div className="flex flex-col gap-1 md:col-span-4">
                <label htmlFor={`ev-s${i}-topic`} className="text-dns-16B-130">
                  {t('events.console.fields.topic')}（{i + 1}）
                </label>
                <input
                  id={`ev-s${i}-topic`}
                  className={compactInputClass}
                  value={s.topic}
                  onChange={(e) => setSession(i, { topic: e.target.value })}
                />
              </div>
              {(['date', 'start', 'end'] as const).map((part) => (
                <div key={part} className="flex flex-col gap-1">
                  <label htmlFor={`ev-s${i}-${part}`} className="text-dns-16B-130">
                    {t(`events.console.fields.${part}`)}（{i + 1}）
                  </label>
                  <input
                    id={`ev-s${i}-${part}`}
                    type={part === 'date' ? 'date' : 'time'}
                    className={compactInputClass}
                    value={s[part]}
                    onChange={(e) => setSession(i, { [part]: e.target.value })}
                  />
                </div>
              ))}
              <div className="flex flex-col justify-end gap-1">
                <Checkbox
                  id={`ev-s${i}-cancelled`}
                  label={t('events.console.fields.sessionCancelled')}
                  checked={s.cancelled}
                  onChange={(e) => setSession(i, { cancelled: e.target.checked })}
                />
                {d.sessions.length > 1 && (
                  <button
                    type="button"
                    className={compactButtonClass}
                    onClick={() =>
                      set(
                        'sessions',
                        d.sessions.filter((_, j) => j !== i),
                      )
                    }
                  >
                    {t('events.console.removeSession')}（{i + 1}）
                  </button>
                )}
              </div>
            </div>
          ))}
          <button
            type="button"
            className={`${compactButtonClass} self-start`}
            onClick={() => set('sessions', [...d.sessions, emptySession()])}
          >
            {t('events.console.addSession')}
          </button>
        </fieldset>
        <button
          type="submit"
          className={`${primaryButtonClass} self-start`}
          disabled={form.mutation.isPending}
        >
          {form.mutation.isPending ? t('events.console.saving') : t('events.console.save')}
        </button>
      </form>
    </>
  );
}
