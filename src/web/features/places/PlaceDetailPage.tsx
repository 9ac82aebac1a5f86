import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicEventSummary } from '../../../shared/contracts/events.ts';
import { api, isApiError, type ListPage } from '../../api/client.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { formatDate } from '../../ui/datetime.ts';
import { LiveStatus } from '../../ui/LiveStatus.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { linkClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { type PublicPlace, publicPlaceQuery } from './api.ts';
import { describeHours, describeWorkHours, formatPostalCode } from './format.ts';

/**
 * Print layout: only the entry itself, in black on white, with its address (URL) written out so a
 * printed sheet handed to a family still leads back to the page. Site header, footer, buttons and
 * links' decoration are left out.
 */
const PRINT_CSS = `@media print {
  body > div header, body > div footer, .print-hidden, a[href^="#main"] { display: none !important; }
  main { padding-top: 0 !important; max-width: none !important; }
  .place-sheet { border: 0 !important; padding: 0 !important; }
  .place-sheet a { color: #000 !important; text-decoration: none !important; }
  .place-print-only { display: block !important; }
  section { break-inside: avoid; }
}
.place-print-only { display: none; }`;

/** `/places/{id}`: one published entry, with a print layout and a share link. */
export function PlaceDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const place = useQuery(publicPlaceQuery(id));
  const missing = isApiError(place.error, 404) || isApiError(place.error, 400);
  const p = place.data;
  const heading = p ? p.name : missing ? t('places.detail.notFoundHeading') : t('places.search.title');

  return (
    <>
      <style>{PRINT_CSS}</style>
      <nav aria-label={t('a11y.breadcrumb')} className="print-hidden -mb-6 text-dns-16N-130">
        <ol className="flex flex-wrap items-center gap-2">
          <li className="flex items-center gap-2">
            <Link to="/" className={`${linkClass} inline-flex min-h-11 items-center`}>
              {t('app.name')}
            </Link>
            <span aria-hidden="true">›</span>
          </li>
          <li className="flex items-center gap-2">
            <Link
              to="/places"
              search={(p ? { municipality: Number(p.municipalityCode) } : {}) as never}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('places.search.title')}
            </Link>
            <span aria-hidden="true">›</span>
          </li>
          <li aria-current="page" className="text-solid-gray-800">
            {heading}
          </li>
        </ol>
      </nav>
      <div className="flex flex-col gap-2">
        <PageHeading title={heading} lang={p ? 'ja' : undefined}>
          {heading}
        </PageHeading>
        {p ? (
          <p lang="ja" className="text-std-16N-170 text-solid-gray-700">
            {p.nameKana}
          </p>
        ) : (
          <p role="status" className="text-std-16N-170">
            {place.isPending ? t('common.loading') : ''}
          </p>
        )}
      </div>
      {place.isError && (
        <Notice tone={missing ? 'info' : 'error'}>
          <p>{missing ? t('places.detail.notFoundBody') : problemMessage(place.error)}</p>
        </Notice>
      )}
      {p && <PlaceSheet place={p} />}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <h2 id={id} className="text-std-20B-150 text-solid-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * Ways to get there in the person's own map app: a universal maps address with the coordinates (it
 * opens the installed map app on phones, the web map elsewhere) or, without coordinates, with the
 * address; and the GSI 地理院地図 (no account, no tracking) where the coordinates are known.
 */
export function mapLinks(
  p: Pick<PublicPlace, 'location' | 'address' | 'prefectureName' | 'municipalityName'>,
) {
  const query = p.location
    ? `${p.location.lat},${p.location.lng}`
    : p.address || `${p.prefectureName}${p.municipalityName}`;
  return {
    app: `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`,
    gsi: p.location ? `https://maps.gsi.go.jp/#17/${p.location.lat}/${p.location.lng}/` : null,
  };
}

/**
 * Upcoming events held at this entry or run by the organiser whose entry it is: a family
 * association's page lists its own salons and classes (issue 21 item 10). Left out when there are none.
 */
function PlaceEvents({ place }: { place: PublicPlace }) {
  const { t, i18n } = useTranslation();
  const events = useQuery({
    queryKey: ['events', 'of-place', place.id],
    queryFn: ({ signal }) =>
      api<ListPage<PublicEventSummary>>('/api/public/events', {
        query: { place: place.id, limit: 10 },
        signal,
      }),
    staleTime: 60_000,
  });
  const items = events.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section
      id="place-events"
      title={t(place.kind === 'family_association' ? 'places.detail.eventsOwn' : 'places.detail.eventsHere')}
    >
      <ul className="flex flex-col gap-2">
        {items.map((event) => (
          <li key={event.id} className="flex flex-col">
            <Link
              to="/events/$id"
              params={{ id: event.id }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              <span lang="ja">{event.title}</span>
            </Link>
            {event.nextSession && (
              <span className="text-dns-16N-130 text-solid-gray-700">
                {t('places.detail.eventNext', {
                  date: formatDate(event.nextSession.startsAt, i18n.language),
                })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function MapLinks({ place }: { place: PublicPlace }) {
  const { t } = useTranslation();
  const links = mapLinks(place);
  return (
    <ul className="print-hidden flex flex-col gap-1">
      <li>
        <a
          className={`${linkClass} inline-flex min-h-11 items-center`}
          href={links.app}
          rel="noopener noreferrer"
        >
          {t('places.detail.openInMaps')}
        </a>
      </li>
      {links.gsi && (
        <li>
          <a
            className={`${linkClass} inline-flex min-h-11 items-center`}
            href={links.gsi}
            rel="noopener noreferrer"
          >
            {t('places.detail.gsiMap')}
          </a>
        </li>
      )}
    </ul>
  );
}

function PlaceSheet({ place: p }: { place: PublicPlace }) {
  const { t, i18n } = useTranslation();
  const [shareStatus, setShareStatus] = useState<string | null>(null);
  const url = typeof window === 'undefined' ? '' : `${window.location.origin}/places/${p.id}`;
  const share = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setShareStatus(t('places.detail.copied'));
    } catch {
      setShareStatus(t('places.detail.copyFailed'));
    }
  };
  const workHours = p.opportunity ? describeWorkHours(t, p.opportunity) : null;
  const languageName = (code: string) => {
    const key = `places.detail.languageNames.${code}`;
    const name = t(key);
    return name === key ? code : name;
  };

  return (
    <article className="place-sheet flex flex-col gap-6 rounded-8 border border-solid-gray-420 bg-white p-4 md:p-6">
      <div className="flex flex-wrap items-center gap-2 text-dns-16N-130">
        <span className="rounded-4 bg-blue-100 px-2 py-1 text-blue-1200">{t(`places.kind.${p.kind}`)}</span>
        <span lang="ja">
          {p.prefectureName} {p.municipalityName}
        </span>
      </div>
      {p.status === 'paused' && <Notice tone="warning">{t('places.detail.paused')}</Notice>}

      <Section id="place-what" title={t('places.detail.what')}>
        <p lang="ja" className="whitespace-pre-line text-std-16N-170">
          {p.description}
        </p>
        {p.peerStaff && <p className="text-std-16N-170">{t('places.detail.peerStaff')}</p>}
      </Section>

      <Section id="place-when" title={t('places.detail.when')}>
        {p.openingHours.length > 0 ? (
          <ul className="flex list-disc flex-col gap-1 pl-6 text-std-16N-170">
            {p.openingHours.map((h) => (
              <li key={`${h.rrule}-${h.start}`}>{describeHours(t, h)}</li>
            ))}
          </ul>
        ) : (
          <p className="text-std-16N-170">{t('places.detail.whenNone')}</p>
        )}
        {p.openingNote && (
          <p lang="ja" className="text-std-16N-170">
            {p.openingNote}
          </p>
        )}
      </Section>

      <Section id="place-where" title={t('places.detail.where')}>
        {p.delivery !== 'online' ? (
          <address lang="ja" className="not-italic text-std-16N-170">
            {p.postalCode && <>〒{formatPostalCode(p.postalCode)} </>}
            {p.address}
            {p.addressDetail && (
              <>
                <br />
                {p.addressDetail}
              </>
            )}
          </address>
        ) : (
          <p className="text-std-16N-170">{t('places.detail.onlineOnly')}</p>
        )}
        {p.delivery === 'both' && <p className="text-std-16N-170">{t('places.detail.online')}</p>}
        {p.accessibility && (
          <p lang="ja" className="text-std-16N-170">
            {t('common.termLabel', { term: t('places.detail.accessibility') })}
            {p.accessibility}
          </p>
        )}
      </Section>

      <PlaceEvents place={p} />

      {p.delivery !== 'online' && (
        <Section id="place-access" title={t('places.detail.access')}>
          {p.access ? (
            <p lang="ja" className="whitespace-pre-line text-std-16N-170">
              {p.access}
            </p>
          ) : (
            <p className="text-std-16N-170">{t('places.detail.accessNone')}</p>
          )}
          <MapLinks place={p} />
        </Section>
      )}

      <Section id="place-who" title={t('places.search.audience')}>
        <dl className="grid gap-x-4 gap-y-2 text-std-16N-170 sm:grid-cols-[auto_1fr]">
          <dt className="font-bold">{t('places.detail.forWhom')}</dt>
          <dd>{t(`places.audience.${p.audience}`)}</dd>
          <dt className="font-bold">{t('places.detail.lifeStages')}</dt>
          <dd>{p.lifeStages.map((s) => t(`places.lifeStage.${s}`)).join('、')}</dd>
          {p.cost && (
            <>
              <dt className="font-bold">{t('places.detail.cost')}</dt>
              <dd lang="ja">{p.cost}</dd>
            </>
          )}
          <dt className="font-bold">{t('places.detail.languages')}</dt>
          <dd>{p.languages.map(languageName).join('、')}</dd>
        </dl>
      </Section>

      {p.firstVisit.length > 0 && (
        <Section id="place-first" title={t('places.detail.firstVisit')}>
          <ul className="flex list-disc flex-col gap-1 pl-6 text-std-16N-170">
            {p.firstVisit.map((f) => (
              <li key={f}>{t(`places.firstVisit.${f}`)}</li>
            ))}
          </ul>
        </Section>
      )}

      {p.opportunity && (
        <Section id="place-work" title={t('places.detail.opportunity')}>
          <ul className="flex list-disc flex-col gap-1 pl-6 text-std-16N-170">
            {workHours && <li>{workHours}</li>}
            {p.opportunity.remoteOk && <li>{t('places.detail.remoteOk')}</li>}
            {p.opportunity.supportStaff && <li>{t('places.detail.supportStaff')}</li>}
            <li>
              {t('common.termLabel', { term: t('places.detail.pay') })}
              {t(`places.pay.${p.opportunity.pay}`)}
              {p.opportunity.payNote && <span lang="ja">（{p.opportunity.payNote}）</span>}
            </li>
            {p.opportunity.businessName && (
              <li lang="ja">
                {t('common.termLabel', { term: t('places.detail.business') })}
                {p.opportunity.businessName}
              </li>
            )}
          </ul>
        </Section>
      )}

      <Section id="place-contact" title={t('places.detail.contact')}>
        <div className="flex flex-col gap-2 text-std-16N-170">
          {p.contact.phone && <PhoneLink number={p.contact.phone} label={p.name} />}
          {p.contact.hours && (
            <p lang="ja">
              {t('common.termLabel', { term: t('places.detail.contactHours') })}
              {p.contact.hours}
            </p>
          )}
          {p.contact.email && (
            <p>
              {t('common.termLabel', { term: t('places.detail.email') })}
              <a className={`${linkClass} break-all`} href={`mailto:${p.contact.email}`}>
                {p.contact.email}
              </a>
            </p>
          )}
          {p.contact.url && (
            <p>
              {t('common.termLabel', { term: t('places.detail.website') })}
              <a className={`${linkClass} break-all`} href={p.contact.url} rel="noopener noreferrer">
                {p.contact.url}
              </a>
            </p>
          )}
          <p lang="ja" className="text-solid-gray-700">
            {t('common.termLabel', { term: t('places.detail.operator') })}
            {p.operator.name || t(`places.operator.${p.operator.type}`)}
            {p.operator.corporateNumber &&
              `（${t('places.detail.corporateNumber')} ${p.operator.corporateNumber}）`}
          </p>
        </div>
      </Section>

      {p.verifiedOn && (
        <p className="text-dns-16N-130 text-solid-gray-700">
          {t('places.detail.verifiedOn', {
            date: formatDate(`${p.verifiedOn}T00:00:00+09:00`, i18n.language),
          })}
        </p>
      )}

      <p className="place-print-only text-dns-14N-130">
        {t('places.detail.shareLinkLabel')}: {url}
      </p>

      <div className="print-hidden flex flex-col gap-3">
        <div className="flex flex-wrap gap-3">
          <button type="button" className={primaryButtonClass} onClick={() => window.print()}>
            {t('places.detail.print')}
          </button>
          <button type="button" className={secondaryButtonClass} onClick={() => void share()}>
            {t('places.detail.share')}
          </button>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="place-share-url" className="text-dns-16B-130">
            {t('places.detail.shareLinkLabel')}
          </label>
          <input
            id="place-share-url"
            readOnly
            value={url}
            className="block min-h-11 w-full rounded-6 border border-solid-gray-600 bg-solid-gray-50 px-3 py-2 text-dns-16N-130"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
        <LiveStatus message={shareStatus} />
      </div>
    </article>
  );
}
