import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { linkClass, pageContainer } from './styles.ts';
import { TodayDate } from './TodayDate.tsx';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="mt-16 border-t border-solid-gray-420 bg-solid-gray-50 text-std-16N-170 text-solid-gray-800">
      <div className={`${pageContainer} flex flex-col gap-4 py-8`}>
        <nav aria-label={t('footer.nav')}>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <Link to="/login" className={`${linkClass} inline-flex min-h-11 items-center`}>
                {t('footer.staffLogin')}
              </Link>
            </li>
          </ul>
        </nav>
        <p>{t('footer.openSource')}</p>
        <TodayDate />
      </div>
    </footer>
  );
}
