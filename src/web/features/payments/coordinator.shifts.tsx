import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PlaceHit, searchPlaces } from '../../api/lookups.ts';
import { meQuery } from '../../api/me.ts';
import { Finder } from '../../ui/BankPicker.tsx';
import { formatTimeRange } from '../../ui/datetime.ts';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { cardClass, compactButtonClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import {
  acceptSwap,
  assignSwap,
  cancelShift,
  createShift,
  type PeerMe,
  requestSwap,
  type Shift,
  type Supporter,
  supportersQuery,
} from './api.ts';
import { Problem } from './parts.tsx';
import { usePickerTexts } from './pickerTexts.ts';

/** The coordinator's shift tools and the supporters' swap requests (peers.manage / peers.self). */
export function ShiftSection() {
  const { t } = useTranslation();
  const pickerTexts = usePickerTexts();
  const client = useQueryClient();
  const supporters = useQuery(supportersQuery());
  const me = useQuery(meQuery());
  const [supporterId, setSupporterId] = useState('');
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<PlaceHit[] | null>(null);
  const [place, setPlace] = useState<PlaceHit | null>(null);
  const [date, setDate] = useState('');
  const [start, setStart] = useState('13:00');
  const [end, setEnd] = useState('16:00');
  const [done, setDone] = useState('');
  const municipality = me.data?.account.tenant ?? '';
  const find = async () => setHits((await searchPlaces(municipality, q).catch(() => ({ items: [] }))).items);
  const save = useMutation({
    mutationFn: () => {
      if (!place) throw new Error(t('payments.coord.placeMissing'));
      return createShift({
        supporterId,
        placeId: place.id,
        startsAt: `${date}T${start}:00+09:00`,
        endsAt: `${date}T${end}:00+09:00`,
      });
    },
    onSuccess: async () => {
      setDone(t('payments.coord.shiftCreated'));
      setPlace(null);
      setHits(null);
      await client.invalidateQueries({ queryKey: ['peers'] });
    },
  });
  return (
    <section aria-labelledby="coord-shift-heading" className={cardClass}>
      <h2 id="coord-shift-heading" className="text-std-20B-150">
        {t('payments.coord.shiftHeading')}
      </h2>
      <form
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <SelectField
          id="coord-shift-supporter"
          label={t('payments.claims.supporter')}
          value={supporterId}
          onChange={(e) => setSupporterId(e.target.value)}
          options={[
            { value: '', label: t('payments.coord.choose') },
            ...(supporters.data?.items ?? [])
              .filter((s) => s.status === 'active')
              .map((s) => ({ value: s.id, label: s.displayName })),
          ]}
        />
        {place ? (
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-std-16B-170">{t('payments.coord.placeChosen', { name: place.name })}</p>
            <button type="button" className={secondaryButtonClass} onClick={() => setPlace(null)}>
              {t('payments.picker.change')}
            </button>
          </div>
        ) : (
          <Finder
            id="coord-shift-place"
            label={t('payments.coord.place')}
            hint={t('payments.coord.placeHint')}
            value={q}
            onChange={setQ}
            onSearch={() => void find()}
            hits={hits?.map((h) => ({ key: h.id, label: h.name, pick: () => setPlace(h) })) ?? null}
            texts={pickerTexts}
          />
        )}
        <TextField
          id="coord-shift-date"
          type="date"
          label={t('payments.coord.date')}
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <div className="flex flex-wrap gap-3">
          <TextField
            id="coord-shift-start"
            type="time"
            label={t('payments.coord.start')}
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
          <TextField
            id="coord-shift-end"
            type="time"
            label={t('payments.coord.end')}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
          />
        </div>
        <Problem error={save.error} />
        <div>
          <button
            type="submit"
            className={primaryButtonClass}
            disabled={save.isPending || !supporterId || !place || !date}
          >
            {t('payments.coord.shiftCreate')}
          </button>
        </div>
        <LiveStatus message={done} />
      </form>
    </section>
  );
}

export function ShiftActions({ shifts }: { shifts: Shift[] }) {
  const { t, i18n } = useTranslation();
  const supporters = useQuery(supportersQuery());
  // The message lives here: a cancelled shift leaves the list, and its row with it.
  const [done, setDone] = useState('');
  const live = shifts.filter((s) => s.status === 'scheduled');
  return (
    <section aria-labelledby="coord-shift-actions" className={cardClass}>
      <h2 id="coord-shift-actions" className="text-std-20B-150">
        {t('payments.coord.shiftActions')}
      </h2>
      {live.length === 0 ? (
        <p>{t('payments.peersMe.noShifts')}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {live.map((s) => (
            <ShiftActionRow
              key={s.id}
              shift={s}
              label={`${formatTimeRange(s.startsAt, s.endsAt, i18n.language)} ${s.placeName} ${s.supporterName}`}
              supporters={supporters.data?.items ?? []}
              onDone={setDone}
            />
          ))}
        </ul>
      )}
      <LiveStatus message={done} />
    </section>
  );
}

function ShiftActionRow({
  shift,
  label,
  supporters,
  onDone: setDone,
}: {
  shift: Shift;
  label: string;
  supporters: Supporter[];
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [to, setTo] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: ['peers'] });
  const cancel = useMutation({
    mutationFn: () => cancelShift(shift.id),
    onSuccess: async () => {
      setDone(t('payments.coord.cancelled'));
      await refresh();
    },
  });
  const assign = useMutation({
    mutationFn: () => assignSwap(shift.openSwap?.id ?? '', to),
    onSuccess: async () => {
      setDone(t('payments.coord.assigned'));
      await refresh();
    },
  });
  return (
    <li className="flex flex-col gap-2 border-b border-solid-gray-200 pb-3">
      <p className="text-std-16B-170">{label}</p>
      {shift.openSwap && <p>{t('payments.coord.swapOpen')}</p>}
      <div className="flex flex-wrap items-end gap-3">
        {shift.openSwap && (
          <>
            <SelectField
              id={`coord-assign-${shift.id}`}
              label={t('payments.coord.assignTo')}
              compact
              value={to}
              onChange={(e) => setTo(e.target.value)}
              options={[
                { value: '', label: t('payments.coord.choose') },
                ...supporters
                  .filter((s) => s.status === 'active' && s.id !== shift.openSwap?.fromSupporterId)
                  .map((s) => ({ value: s.id, label: s.displayName })),
              ]}
            />
            <button
              type="button"
              className={compactButtonClass}
              disabled={!to || assign.isPending}
              onClick={() => assign.mutate()}
            >
              {t('payments.coord.assign')}
            </button>
          </>
        )}
        <button
          type="button"
          className={compactButtonClass}
          aria-label={`${t('payments.coord.cancel')}: ${label}`}
          disabled={cancel.isPending}
          onClick={() => cancel.mutate()}
        >
          {t('payments.coord.cancel')}
        </button>
      </div>
      <Problem error={cancel.error ?? assign.error} />
    </li>
  );
}

/** `/console/peers/me`: asks for someone to take over one of the supporter's own scheduled shifts. */
export function SwapRequest({
  shift,
  mine,
  onDone,
}: {
  shift: PeerMe['shifts'][number];
  mine: string;
  onDone: (message: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const ask = useMutation({
    mutationFn: () => requestSwap(shift.id),
    onSuccess: () => onDone(t('payments.coord.swapRequested')),
  });
  if (shift.status !== 'scheduled') return <span>（{t('payments.coord.cancelledShort')}）</span>;
  if (shift.openSwap)
    return (
      <span>
        （
        {shift.openSwap.fromSupporterId === mine
          ? t('payments.coord.swapPending')
          : t('payments.coord.swapOpen')}
        ）
      </span>
    );
  return (
    <>
      <button
        type="button"
        className={compactButtonClass}
        aria-label={t('payments.coord.swapAsk', {
          when: formatTimeRange(shift.startsAt, shift.endsAt, i18n.language),
          place: shift.placeName,
        })}
        disabled={ask.isPending}
        onClick={() => ask.mutate()}
      >
        {t('payments.coord.swapAskShort')}
      </button>
      <Problem error={ask.error} />
    </>
  );
}

/** Swaps offered to this supporter (open to anyone, or to them by name): accept one. */
export function SwapsOffered({
  swaps,
  onDone,
}: {
  swaps: NonNullable<PeerMe['swapsOpenToMe']>;
  onDone: (message: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const accept = useMutation({
    mutationFn: (id: string) => acceptSwap(id),
    onSuccess: () => onDone(t('payments.coord.swapAccepted')),
  });
  if (swaps.length === 0) return null;
  return (
    <section aria-labelledby="swaps-offered-heading" className={cardClass}>
      <h2 id="swaps-offered-heading" className="text-std-20B-150">
        {t('payments.coord.swapsOffered')}
      </h2>
      <ul className="flex flex-col gap-2">
        {swaps.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-2">
            <span>{formatTimeRange(s.startsAt, s.endsAt, i18n.language)}</span>
            <button
              type="button"
              className={compactButtonClass}
              aria-label={t('payments.coord.swapAcceptLabel', {
                when: formatTimeRange(s.startsAt, s.endsAt, i18n.language),
              })}
              disabled={accept.isPending}
              onClick={() => accept.mutate(s.id)}
            >
              {t('payments.coord.swapAccept')}
            </button>
          </li>
        ))}
      </ul>
      <Problem error={accept.error} />
    </section>
  );
}
