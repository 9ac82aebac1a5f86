import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerDraft } from '../../../api/drafts.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { linkClass, primaryButtonClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import {
  type ConsultationDetail,
  closeConsultation,
  consultationKeys,
  consultationQuery,
  type QueueFilter,
  type QueueSort,
  queueQuery,
  replyToConsultation,
} from '../consultation-api.ts';
import { OpenRecord } from './OpenRecord.tsx';

const FILTERS: readonly QueueFilter[] = ['awaiting', 'open', 'closed', 'all'];

/** `/console/consultations`: the queue, longest waiting first; no content in the list. */
export function ConsultationQueuePage() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const [filter, setFilter] = useState<QueueFilter>('awaiting');
  const [sort, setSort] = useState<QueueSort | undefined>(undefined);
  const list = useQuery(queueQuery(filter, sort));
  const title = t('support.queue.title');

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('support.queue.lead')}</p>
      {/* Server-side order: the queue is paged. No text filter: the queue shows no names or content by design. */}
      <ListFilterBar
        id="queue"
        label={t('support.queue.barLabel')}
        sort={{
          label: t('support.queue.sortLabel'),
          value: sort ?? (filter === 'awaiting' ? 'oldest' : 'newest'),
          onChange: setSort,
          options: (['oldest', 'newest'] as const).map((value) => ({
            value,
            label: t(`support.queue.sorts.${value}`),
          })),
        }}
      >
        <div className="w-64 max-w-full">
          <SelectField
            id="queue-filter"
            compact
            label={t('support.queue.filter')}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as QueueFilter);
              setSort(undefined);
            }}
            options={FILTERS.map((f) => ({ value: f, label: t(`support.queue.filters.${f}`) }))}
          />
        </div>
      </ListFilterBar>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : list.isPending ? (
        <p>{t('common.loading')}</p>
      ) : list.data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('support.queue.none')}</p>
      ) : (
        <DataTable label={t('support.queue.caption', { count: list.data.total })}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('support.queue.receivedAt')}
                </th>
                <th scope="col" className={thClass}>
                  {t('support.queue.waiting')}
                </th>
                <th scope="col" className={thClass}>
                  {t('support.queue.writer')}
                </th>
                <th scope="col" className={thClass}>
                  {t('support.queue.messages')}
                </th>
                <th scope="col" className={thClass}>
                  {t('support.queue.record')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((c) => {
                const date = formatStaffInstant(c.receivedAt, i18n.language);
                return (
                  <tr key={c.id}>
                    <td className={tdClass}>
                      <Link
                        to="/console/consultations/$id"
                        params={{ id: c.id }}
                        aria-label={t('support.queue.openLabel', { date })}
                        className={`${linkClass} inline-flex min-h-11 items-center whitespace-nowrap`}
                      >
                        {date}
                      </Link>
                    </td>
                    <td className={tdClass} data-testid="unanswered">
                      {c.unansweredHours === null
                        ? t('support.queue.answered')
                        : t('support.queue.waitingHours', { count: c.unansweredHours })}
                    </td>
                    <td className={tdClass}>{t(`support.consult.writers.${c.writer}`)}</td>
                    <td className={tdClass}>{c.messageCount}</td>
                    <td className={tdClass}>
                      {c.personId ? t('support.queue.hasRecord') : t('support.queue.noRecord')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </DataTable>
      )}
    </>
  );
}

/** `/console/consultations/{id}`: read (audited), reply, and open a support record with consent. */
export function ConsultationDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const detail = useQuery(consultationQuery(id));
  const title = t('support.consultation.title');

  return (
    <>
      <Link
        to="/console/consultations"
        className={`${linkClass} inline-flex min-h-11 items-center self-start`}
      >
        {t('support.consultation.back')}
      </Link>
      <PageHeading title={title}>{title}</PageHeading>
      {detail.isError ? (
        <Notice tone="error">
          <p>{problemMessage(detail.error)}</p>
        </Notice>
      ) : detail.isPending ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <p className="text-std-16N-170">
            {t('support.consultation.writer', { writer: t(`support.consult.writers.${detail.data.writer}`) })}
            {detail.data.easyJapanese && ` ・ ${t('support.consultation.easyJapanese')}`}
          </p>
          <section aria-labelledby="messages-heading" className="flex max-w-3xl flex-col gap-3">
            <h2 id="messages-heading" className="text-std-20B-150">
              {t('support.consultation.messagesHeading')}
            </h2>
            <ol className="flex flex-col gap-3">
              {detail.data.messages.map((m) => (
                <li
                  key={m.id}
                  className={`rounded-8 border p-4 ${m.author === 'staff' ? 'border-blue-900 bg-blue-50' : 'border-solid-gray-420 bg-white'}`}
                >
                  <p className="text-dns-16B-130">
                    {m.author === 'staff'
                      ? t('support.consultation.staffLabel')
                      : t('support.consultation.writerLabel')}
                    <span className="ml-2 font-normal text-solid-gray-700">
                      {formatStaffInstant(m.at, i18n.language)}
                    </span>
                  </p>
                  <p lang="ja" className="whitespace-pre-wrap break-words text-std-16N-170">
                    {m.text}
                  </p>
                </li>
              ))}
            </ol>
          </section>
          <ReplyForm id={id} />
          <OpenRecord consultation={detail.data} />
          <CloseForm consultation={detail.data} />
        </>
      )}
    </>
  );
}

/** Staff close a consultation with a reason (kept for staff, audited); writing again reopens it. */
function CloseForm({ consultation: c }: { consultation: ConsultationDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const form = useMutationForm({
    mutationFn: () => closeConsultation(c.id, c.version, reason),
    successMessage: t('support.consultation.closed'),
    onSuccess: async () => {
      setReason('');
      await queryClient.invalidateQueries({ queryKey: consultationKeys.all });
    },
    validate: (): Record<string, string> =>
      reason.trim() ? {} : { reason: t('support.consultation.closeReasonRequired') },
  });
  if (c.status === 'closed')
    return (
      <p className="max-w-3xl text-std-16N-170" data-testid="consultation-closed">
        {t('support.consultation.closedState', { reason: c.closeReason ?? '' })}
      </p>
    );
  return (
    <CardSection
      headingId="close-heading"
      heading={t('support.consultation.closeHeading')}
      className="max-w-3xl"
    >
      <p className="text-std-16N-170">{t('support.consultation.closeLead')}</p>
      <MutationForm form={form} idPrefix="close" submitLabel={t('support.consultation.closeSubmit')}>
        <TextAreaField
          id="close-reason"
          label={t('support.consultation.closeReason')}
          hint={t('support.consultation.closeReasonHint')}
          error={form.local.reason}
          maxLength={500}
          compact
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </MutationForm>
    </CardSection>
  );
}

/** The staff reply; what is typed is kept as a server-side draft of the writer's (issue 22) until sent. */
function ReplyForm({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const saved = useServerDraft(`reply:${id}`, text, setText, (v) => !v.trim());
  const form = useMutationForm({
    mutationFn: () => replyToConsultation(id, text),
    successMessage: t('support.consultation.replied'),
    onSuccess: async () => {
      await saved.discard();
      setText('');
      return queryClient.invalidateQueries({ queryKey: consultationKeys.all });
    },
    validate: (): Record<string, string> =>
      text.trim() ? {} : { message: t('support.consultation.replyRequired') },
  });

  return (
    <section aria-labelledby="reply-heading" className="flex max-w-3xl flex-col gap-4">
      <h2 id="reply-heading" className="text-std-20B-150">
        {t('support.consultation.replyHeading')}
      </h2>
      <LiveStatus message={form.status} />
      {saved.restoredAt && (
        <Notice tone="info">
          {t('support.consultation.replyDraftRestored', {
            time: formatStaffInstant(saved.restoredAt, i18n.language),
          })}
        </Notice>
      )}
      <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
        <FormProblem
          error={form.mutation.error}
          local={form.local}
          idPrefix="reply"
          focusKey={form.focusKey}
        />
        <TextAreaField
          id="reply-message"
          label={t('support.consultation.replyLabel')}
          hint={t('support.consultation.replyHint')}
          error={form.local.message}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <p className="text-dns-14N-130 text-solid-gray-700">{t('support.records.draftHint')}</p>
        <div>
          <button type="submit" className={primaryButtonClass} disabled={form.mutation.isPending}>
            {t('support.consultation.replySubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
