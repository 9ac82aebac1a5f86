import { Trans, useTranslation } from 'react-i18next';
import { isoDateInTokyo } from '../../shared/text/wareki.ts';
import { formatDate } from './datetime.ts';

/** Today's date in 和暦 (令和8年11月26日) in Japanese, as official documents do. */
export function TodayDate({ now = new Date() }: { now?: Date }) {
  const { i18n } = useTranslation();
  return (
    <p>
      <Trans
        i18nKey="footer.today"
        values={{ date: formatDate(now, i18n.language) }}
        components={{ time: <time dateTime={isoDateInTokyo(now)} /> }}
      />
    </p>
  );
}
