import './i18n.ts';
import { useTranslation } from 'react-i18next';
import { MunicipalitySearch } from '../../ui/MunicipalitySearch.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';

/** `/navigator`: choose the town first (its windows are part of the plan). */
export function ChooseTownPage() {
  const { t } = useTranslation();
  const title = t('navigator.choose.title');
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="text-std-16N-170">{t('navigator.entry.lead')}</p>
      <p className="text-std-16N-170">{t('navigator.choose.lead')}</p>
      <MunicipalitySearch />
    </div>
  );
}
