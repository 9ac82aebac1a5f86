import './i18n.ts';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NATIONAL_NUMBERS } from '../../ui/national-numbers.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { primaryButtonClass } from '../../ui/styles.ts';
import { localQuery } from './api.ts';

/** One A4 page: the sheet alone, without the site's header and footer. */
const SHEET_PRINT_CSS = `@media print {
  @page { size: A4; margin: 10mm; }
  body:has(.employer-sheet) header, body:has(.employer-sheet) footer,
  body:has(.employer-sheet) a[href^="#main"] { display: none !important; }
  body:has(.employer-sheet) main { padding: 0 !important; gap: 0 !important; }
}`;

const SHOWN_KINDS = [
  'municipality_nhi',
  'municipality_pension',
  'hello_work',
  'jiritsu_soudan',
  'saposute',
] as const;
const LINES = NATIONAL_NUMBERS.filter((n) => n.id === 'mentalHealth' || n.id === 'yorisoi');

/**
 * `/navigator/employer/{code}`: the leaflet an employer's HR hands over with the 離職票 (issue 18):
 * what happens next, the town's windows, the phone lines and a QR code to the town's navigator.
 * Japanese or やさしい日本語 (the page's language); prints on one A4 page.
 */
export function EmployerSheetPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const local = useQuery(localQuery(code, 'sheet'));
  const [qr, setQr] = useState<string | null>(null);
  const target = `${window.location.origin}/m/${code}/navigator`;
  const name = local.data?.municipalityName ?? '';
  const title = t('navigator.employer.title');

  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(target, { margin: 2, width: 240, errorCorrectionLevel: 'M' }).then((url) => {
      if (live) setQr(url);
    });
    return () => {
      live = false;
    };
  }, [target]);

  const windows = (local.data?.windows ?? []).filter((w) =>
    (SHOWN_KINDS as readonly string[]).includes(w.kind),
  );
  return (
    <div className="employer-sheet flex flex-col gap-4 print:gap-2 print:text-[11pt]">
      <style>{SHEET_PRINT_CSS}</style>
      <div className="flex flex-col gap-2 print:hidden">
        <p className="text-std-16N-170">{t('navigator.employer.forStaff')}</p>
        <button type="button" className={`${primaryButtonClass} self-start`} onClick={() => window.print()}>
          {t('navigator.employer.print')}
        </button>
      </div>
      <PageHeading title={title}>{title}</PageHeading>
      <p lang="ja" className="text-std-17B-170">
        {name}
      </p>
      <p className="text-std-16N-170">{t('navigator.employer.noPressure')}</p>
      <section aria-labelledby="sheet-steps" className="flex flex-col gap-2">
        <h2 id="sheet-steps" className="text-std-20B-150">
          {t('navigator.employer.steps')}
        </h2>
        <ol className="flex list-decimal flex-col gap-1 pl-6 text-std-16N-170">
          <li>{t('navigator.employer.nhi')}</li>
          <li>{t('navigator.employer.pension')}</li>
          <li>{t('navigator.employer.ui')}</li>
          <li>{t('navigator.employer.living')}</li>
        </ol>
      </section>
      <div className="flex flex-col gap-4 sm:flex-row print:flex-row">
        <section aria-labelledby="sheet-windows" className="flex flex-1 flex-col gap-2">
          <h2 id="sheet-windows" className="text-std-20B-150" lang="ja">
            {t('navigator.employer.windows', { name })}
          </h2>
          <ul className="flex flex-col gap-1 text-dns-16N-130" lang="ja">
            {windows.map((w) => (
              <li key={w.id}>
                <strong>{w.name}</strong>
                {w.phone && ` ☎ ${w.phone}`}
                {w.hours && `（${w.hours}）`}
              </li>
            ))}
            {(local.data?.contacts.numbers ?? []).slice(0, 2).map((n) => (
              <li key={`${n.label}-${n.phone}`}>
                <strong>{n.label}</strong> ☎ {n.phone}
                {n.hours && `（${n.hours}）`}
              </li>
            ))}
          </ul>
          <h2 className="text-std-17B-170">{t('navigator.employer.phones')}</h2>
          <ul className="flex flex-col gap-1 text-dns-16N-130">
            {LINES.map((n) => (
              <li key={n.id}>
                <strong>{t(`national.${n.id}.name`)}</strong> ☎ {n.display}（
                {n.id === 'yorisoi'
                  ? t('navigator.gentle.yorisoiHours')
                  : t('navigator.gentle.hoursByPrefecture')}
                ）
              </li>
            ))}
          </ul>
        </section>
        <figure className="flex flex-col items-center gap-1 sm:w-56 print:w-56">
          {qr && (
            <img
              src={qr}
              width={200}
              height={200}
              alt={t('navigator.employer.qrAlt', { name })}
              className="employer-sheet-qr"
            />
          )}
          <figcaption className="text-center text-dns-14N-130">
            {t('navigator.employer.qr')}
            <br />
            <span className="break-all">{target}</span>
          </figcaption>
        </figure>
      </div>
      <p className="text-dns-14N-130 text-solid-gray-700" lang="ja">
        {t('navigator.employer.madeBy', { name })}
        {local.data?.isDemo && ` ${t('navigator.employer.demo')}`}
      </p>
    </div>
  );
}
