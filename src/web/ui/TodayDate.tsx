import { Trans, useTranslation } from 'react-i18next';
import { formatWareki, isoDateInTokyo } from '../../shared/text/wareki.ts';

const englishDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Tokyo' });

/** Dates are shown in 和暦 (令和8年11月26日) in Japanese, as official documents do. */
export function formatDisplayDate(date: Date, language: string): string {
  return language === 'en' ? englishDate.format(date) : formatWareki(date);
}

export function TodayDate({ now = new Date() }: { now?: Date }) {
  const { i18n } = useTranslation();
  return (
    <p>
      <Trans
        i18nKey="footer.today"
        values={{ date: formatDisplayDate(now, i18n.language) }}
        components={{ time: <time dateTime={isoDateInTokyo(now)} /> }}
      />
    </p>
  );
}
