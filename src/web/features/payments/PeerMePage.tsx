import { isoDateInTokyo } from '../../../shared/text/wareki.ts';
import '../training/i18n.ts';
import './i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CardSection } from '../../ui/CardSection.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatTimeRange } from '../../ui/datetime.ts';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { compactInputClass, linkClass, tableClass } from '../../ui/styles.ts';
import { peerMeQuery, recordActivity, submitClaim } from './api.ts';
import { SwapRequest, SwapsOffered } from './coordinator.shifts.tsx';
import {
  ClaimAmountCells,
  ClaimAmountHeadings,
  CompactInput,
  CompactMutationForm,
  ErrorNotice,
  labelClass,
  ProgrammeSelect,
  td,
  th,
} from './parts.tsx';

/** `/console/peers/me`: a peer supporter's shifts, activity records and monthly claims. */
export function PeerMePage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useQuery(peerMeQuery());
  const [status, setStatus] = useState<string | null>(null);
  const ids = {
    programme: useId(),
    date: useId(),
    minutes: useId(),
    kind: useId(),
    note: useId(),
    cprog: useId(),
    month: useId(),
  };
  const today = isoDateInTokyo(new Date());
  const [activity, setActivity] = useState({
    programmeId: '',
    activityDate: today,
    minutes: '120',
    kind: 'ibasho',
    note: '',
  });
  const [claim, setClaim] = useState({ programmeId: '', month: today.slice(0, 7) });
  const refresh = async (message: string) => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: ['peers'] });
  };
  const save = useMutation({
    mutationFn: () =>
      recordActivity({
        programmeId: activity.programmeId || (me.data?.programmes[0]?.id ?? ''),
        activityDate: activity.activityDate,
        minutes: Number(activity.minutes),
        kind: activity.kind,
        ...(activity.note ? { note: activity.note } : {}),
      }),
    onSuccess: () => refresh(t('payments.peersMe.saved')),
  });
  const submit = useMutation({
    mutationFn: () => submitClaim(claim.programmeId || (me.data?.programmes[0]?.id ?? ''), claim.month),
    onSuccess: () => refresh(t('payments.peersMe.submitted')),
  });
  const title = t('payments.peersMe.title');
  if (me.isError) return <ErrorNotice error={me.error} />;
  if (me.isPending) return <p>{t('common.loading')}</p>;
  const programmes = me.data.programmes;
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <LiveStatus message={status} />
      <CardSection headingId="shifts-heading" heading={t('payments.peersMe.shifts')}>
        {me.data.shifts.length === 0 ? (
          <p>{t('payments.peersMe.noShifts')}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {me.data.shifts.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center gap-2">
                <span>
                  {formatTimeRange(s.startsAt, s.endsAt, i18n.language)} {s.placeName}
                </span>
                <SwapRequest shift={s} mine={me.data.supporter.id} onDone={refresh} />
              </li>
            ))}
          </ul>
        )}
      </CardSection>
      <SwapsOffered swaps={me.data.swapsOpenToMe ?? []} onDone={refresh} />
      <CardSection headingId="activity-heading" heading={t('payments.peersMe.activity')}>
        <CompactMutationForm mutation={save} submitLabel={t('payments.peersMe.save')}>
          <ProgrammeSelect
            id={ids.programme}
            programmes={programmes}
            chosenId={activity.programmeId}
            onChoose={(programmeId) => setActivity({ ...activity, programmeId })}
          />
          <CompactInput
            id={ids.date}
            label={t('payments.peersMe.date')}
            type="date"
            required
            value={activity.activityDate}
            onChange={(e) => setActivity({ ...activity, activityDate: e.target.value })}
          />
          <CompactInput
            id={ids.minutes}
            label={t('payments.peersMe.minutes')}
            type="number"
            inputMode="numeric"
            min={1}
            max={1440}
            required
            value={activity.minutes}
            onChange={(e) => setActivity({ ...activity, minutes: e.target.value })}
          />
          <SelectField
            id={ids.kind}
            compact
            label={t('payments.peersMe.kind')}
            options={['ibasho', 'outreach', 'phone', 'online', 'meeting', 'training'].map((k) => ({
              value: k,
              label: t(`payments.activityKinds.${k}`),
            }))}
            value={activity.kind}
            onChange={(e) => setActivity({ ...activity, kind: e.target.value })}
          />
          <label htmlFor={ids.note} className={labelClass}>
            {t('payments.peersMe.note')}
            <textarea
              id={ids.note}
              className={compactInputClass}
              rows={3}
              value={activity.note}
              onChange={(e) => setActivity({ ...activity, note: e.target.value })}
            />
          </label>
        </CompactMutationForm>
      </CardSection>
      <CardSection headingId="claim-heading" heading={t('payments.peersMe.claim')}>
        <CompactMutationForm mutation={submit} submitLabel={t('payments.peersMe.submit')}>
          <ProgrammeSelect
            id={ids.cprog}
            programmes={programmes}
            chosenId={claim.programmeId}
            onChoose={(programmeId) => setClaim({ ...claim, programmeId })}
          />
          <CompactInput
            id={ids.month}
            label={t('payments.peersMe.month')}
            type="month"
            required
            value={claim.month}
            onChange={(e) => setClaim({ ...claim, month: e.target.value })}
          />
        </CompactMutationForm>
        <h3 className="text-std-18B-160">{t('payments.peersMe.claims')}</h3>
        <p>
          <Link
            to="/console/peers/statement/$year"
            params={{ year: today.slice(0, 4) }}
            className={linkClass}
          >
            {t('training.statement.link', { year: today.slice(0, 4) })}
          </Link>
        </p>
        <DataTable label={t('payments.peersMe.claims')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={th}>{t('payments.peersMe.month')}</th>
                <ClaimAmountHeadings />
                <th className={th}>{t('payments.batches.status')}</th>
                <th className={th}>{t('payments.peersMe.payment')}</th>
              </tr>
            </thead>
            <tbody>
              {me.data.claims.map((c) => (
                <tr key={c.id}>
                  <td className={td}>{c.month}</td>
                  <ClaimAmountCells claim={c} />
                  <td className={td}>{t(`payments.claimStatus.${c.status}`)}</td>
                  <td className={td}>{t(`payments.payment.${c.payment}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      </CardSection>
    </>
  );
}
