import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type MunicipalitySummary,
  type Prefecture,
  prefectureMunicipalitiesQuery,
  prefecturesQuery,
} from '../../api/municipalities.ts';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { inLanguage, textLanguageOf } from '../../i18n/language.ts';
import { MunicipalityLink } from '../../ui/MunicipalityLink.tsx';
import { inputClass, secondaryButtonClass } from '../../ui/styles.ts';

/**
 * Choose a prefecture, then its municipalities appear as links below. Choosing in the select only
 * reveals content on the same page (no change of context, WCAG 3.2.2), so no extra button is needed.
 */
export function PrefecturePicker() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [prefecture, setPrefecture] = useState('');
  const prefectures = useQuery(prefecturesQuery());
  const problemMessage = useProblemMessage();
  const chosen = prefectures.data?.items.find((p) => p.code === prefecture);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <label htmlFor={`${id}-pref`} className="text-std-17B-170 text-solid-gray-900">
          {t('prefecture.label')}
        </label>
        <select
          id={`${id}-pref`}
          value={prefecture}
          onChange={(event) => setPrefecture(event.target.value)}
          disabled={!prefectures.data}
          className={`${inputClass} appearance-auto sm:max-w-xs`}
        >
          <option value="">{t('prefecture.placeholder')}</option>
          {prefectures.data?.items.map((p) => (
            // In English the romaji name leads (Yamanashi), the kanji follows for matching signs.
            <option key={p.code} value={p.code} lang={textLanguageOf(i18n.language)}>
              {inLanguage({ ja: p.name, en: `${p.nameRomaji} (${p.name})` }, i18n.language)}
            </option>
          ))}
        </select>
        {prefectures.isError && (
          <p className="text-std-16N-170 text-error-2">{problemMessage(prefectures.error)}</p>
        )}
      </div>
      {chosen && <PrefectureMunicipalities prefecture={chosen} />}
    </div>
  );
}

/**
 * The prefecture itself comes first: its ひきこもり地域支援センター is a tenant of its own
 * (BRIEF "Tenants"), reachable at its tenant code.
 */
function PrefectureMunicipalities({ prefecture }: { prefecture: Prefecture }) {
  const { t } = useTranslation();
  const name = prefecture.name;
  const list = useInfiniteQuery(prefectureMunicipalitiesQuery(prefecture.code));
  const prefectureItem: MunicipalitySummary = {
    code: prefecture.tenantCode,
    name: prefecture.name,
    nameKana: prefecture.nameKana,
    prefectureCode: prefecture.code,
    prefectureName: prefecture.name,
    nameRomaji: prefecture.nameRomaji,
    prefectureNameRomaji: prefecture.nameRomaji,
    kind: 'prefecture',
    parentCode: null,
  };
  const problemMessage = useProblemMessage();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  let status: string;
  if (list.isError) status = problemMessage(list.error);
  else if (!list.data) status = t('prefecture.loadingList');
  else status = t('prefecture.count', { prefecture: name, count: list.data.pages[0]?.total ?? items.length });

  return (
    <div className="flex flex-col gap-3">
      <p role="status" className="text-std-16N-170 text-solid-gray-900">
        {status}
      </p>
      {items.length > 0 && (
        <ul
          aria-label={t('prefecture.listLabel', { prefecture: name })}
          className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3"
        >
          <li>
            <MunicipalityLink item={prefectureItem} />
          </li>
          {items.map((item) => (
            <li key={item.code}>
              <MunicipalityLink item={item} showPrefecture={false} />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className={`${secondaryButtonClass} self-start`}
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('prefecture.showMore')}
        </button>
      )}
    </div>
  );
}
