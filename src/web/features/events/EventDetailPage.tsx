import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { linkClass, primaryButtonClass } from '../../ui/styles.ts';
import { type PublicEvent, publicEventQuery } from './api.ts';
import { formatSession } from './format.ts';

/** `/events/{id}`: one event; a series lists every session with its topic and seats. */
export function EventDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const query = useQuery(publicEventQuery(id));
  const e = query.data;
  const missing = isApiError(query.error, 404) || isApiError(query.error, 400);
  const heading = e ? e.title : missing ? t('events.detail.notFound') : t('events.list.title');
  return (
    <>
      <nav aria-label={t('a11y.breadcrumb')} className="-mb-6 text-dns-16N-130">
        <ol className="flex flex-wrap items-center gap-2">
          <li className="flex items-center gap-2">
            <Link to="/" className={`${linkClass} inline-flex min-h-11 items-center`}>
              {t('app.name')}
            </Link>
            <span aria-hidden="true">›</span>
          </li>
          <li className="flex items-center gap-2">
            <Link
              to="/events"
              search={(e ? { municipality: Number(e.municipalityCode) } : {}) as never}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('events.list.title')}
            </Link>
            <span aria-hidden="true">›</span>
          </li>
          <li aria-current="page" className="text-solid-gray-800">
            {heading}
          </li>
        </ol>
      </nav>
      <PageHeading title={heading} lang={e ? 'ja' : undefined}>
        {heading}
      </PageHeading>
      {query.isPending && <p role="status">{t('common.loading')}</p>}
      {query.isError && !missing && (
        <Notice tone="error">
          <p>{problemMessage(query.error)}</p>
        </Notice>
      )}
      {e && <EventBody event={e} />}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1 border-solid-gray-420 border-b py-3 sm:flex-row sm:gap-4">
      <dt className="text-std-16B-170 sm:w-40 sm:shrink-0">{label}</dt>
      <dd className="text-std-16N-170">{children}</dd>
    </div>
  );
}

function EventBody({ event: e }: { event: PublicEvent }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="flex flex-wrap items-center gap-2 text-dns-14N-130">
        <span className="rounded-4 bg-blue-100 px-2 py-1 text-blue-1200">{t(`events.kind.${e.kind}`)}</span>
        <span className="rounded-4 border border-solid-gray-420 px-2 py-1">
          {t(`events.delivery.${e.delivery}`)}
        </span>
      </div>
      {e.status === 'cancelled' && <Notice tone="warning">{t('events.detail.cancelledEvent')}</Notice>}
      {e.description && (
        <p lang="ja" className="whitespace-pre-line text-std-16N-170">
          {e.description}
        </p>
      )}
      <section aria-labelledby="event-sessions" className="flex flex-col gap-3">
        <h2 id="event-sessions" className="text-std-24B-150">
          {t('events.detail.sessions')}
        </h2>
        {e.isSeries && <p className="text-std-16N-170">{t('events.detail.seriesNote')}</p>}
        <ol className="flex flex-col gap-2">
          {e.sessions.map((s) => (
            <li
              key={s.id}
              className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-3"
            >
              <p className="text-std-16B-170">
                {e.isSeries ? `${t('events.detail.session', { seq: s.seq })}　` : ''}
                {formatSession(s.startsAt, s.endsAt, t)}
              </p>
              {s.topic && (
                <p lang="ja" className="text-std-16N-170">
                  {s.topic}
                </p>
              )}
              <p className="text-dns-16N-130 text-solid-gray-700">
                {s.status === 'cancelled'
                  ? t('events.detail.cancelledSession')
                  : s.seatsLeft === null
                    ? t('events.detail.noLimit')
                    : s.seatsLeft > 0 && s.waitlisted === 0
                      ? t('events.detail.seatsLeft', { count: s.seatsLeft })
                      : t('events.detail.full')}
              </p>
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap items-center gap-4">
          {e.registrationOpen ? (
            <Link to="/events/$id/register" params={{ id: e.id }} className={primaryButtonClass}>
              {t('events.detail.register')}
            </Link>
          ) : (
            <p className="text-std-16N-170">{t('events.detail.registrationClosed')}</p>
          )}
          <Link
            to="/events/$id/cancel"
            params={{ id: e.id }}
            className={`${linkClass} inline-flex min-h-11 items-center`}
          >
            {t('events.byCode.entry')}
          </Link>
          <a
            href={`/api/public/events/${e.id}.ics`}
            className={`${linkClass} inline-flex min-h-11 items-center`}
          >
            {t('events.detail.ics')}
          </a>
        </div>
      </section>
      <section aria-labelledby="event-facts">
        <h2 id="event-facts" className="sr-only">
          {t('events.detail.place')}
        </h2>
        <dl lang="ja">
          <Row label={t('events.detail.organiser')}>{e.organiser.name}</Row>
          <Row label={t('events.detail.audience')}>{t(`events.audience.${e.audience}`)}</Row>
          <Row label={t('events.detail.fee')}>
            {e.feeYen === 0
              ? t('events.list.free')
              : t('events.list.fee', { fee: e.feeYen.toLocaleString('ja-JP') })}
            {e.feeNote ? `（${e.feeNote}）` : ''}
          </Row>
          <Row label={t('events.detail.capacity')}>
            {e.capacity === null
              ? t('events.detail.noLimit')
              : t('events.detail.capacityValue', { count: e.capacity })}
          </Row>
          {(e.venueName || e.address) && (
            <Row label={t('events.detail.place')}>
              {[e.venueName, e.address, e.addressDetail].filter(Boolean).join(' ')}
            </Row>
          )}
          {e.accessNote && <Row label={t('events.detail.access')}>{e.accessNote}</Row>}
          {e.parkingNote && <Row label={t('events.detail.parking')}>{e.parkingNote}</Row>}
          {e.onlineNote && <Row label={t('events.detail.online')}>{e.onlineNote}</Row>}
          {e.accessibility && <Row label={t('events.detail.accessibility')}>{e.accessibility}</Row>}
          {(e.contactName || e.contactPhone) && (
            <Row label={t('events.detail.contact')}>
              {e.contactName}{' '}
              {e.contactPhone && <PhoneLink number={e.contactPhone} label={t('a11y.opensInPhone')} />}
            </Row>
          )}
        </dl>
      </section>
    </>
  );
}
