import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { MunicipalitySummary } from '../api/municipalities.ts';
import { inLanguage } from '../i18n/language.ts';

/** One municipality in a result list: name first, then prefecture and reading. */
export function MunicipalityLink({
  item,
  showPrefecture = true,
}: {
  item: MunicipalitySummary;
  showPrefecture?: boolean;
}) {
  const { t, i18n } = useTranslation();
  // Names and readings are Japanese data whatever the page language (WCAG 3.1.2).
  const kindLabel = item.kind === 'prefecture' ? t('kind.prefecture') : null;
  const place = [showPrefecture && !kindLabel ? item.prefectureName : null, item.nameKana]
    .filter(Boolean)
    .join('・');
  // English pages add the romaji name (Kofu-shi, Yamanashi) so a reader who cannot read kanji knows the link.
  const romaji = inLanguage<string | null>(
    {
      ja: null,
      en: [item.nameRomaji, showPrefecture && item.kind !== 'prefecture' ? item.prefectureNameRomaji : null]
        .filter(Boolean)
        .join(', '),
    },
    i18n.language,
  );
  return (
    <Link
      to="/m/$code"
      params={{ code: item.code }}
      className="group flex h-full min-h-14 flex-col justify-center rounded-8 border border-solid-gray-420 bg-white px-4 py-2 text-blue-1000 hover:border-blue-900 hover:bg-blue-50"
    >
      <span lang="ja" className="text-std-17B-170 group-hover:underline">
        {item.name}
      </span>
      {romaji && <span className="text-std-16N-170">{romaji}</span>}
      <span className="text-dns-14N-130 text-solid-gray-700">
        {kindLabel && `${kindLabel}・`}
        <span lang="ja">{place}</span>
      </span>
    </Link>
  );
}

/**
 * Arrow keys move between the links of a result list (and back up to the search box), so a
 * keyboard user does not have to Tab through every result.
 */
export function moveFocusInList(list: HTMLElement | null, from: Element | null, step: 1 | -1): boolean {
  if (!list) return false;
  const links = Array.from(list.querySelectorAll<HTMLAnchorElement>('a[href]'));
  if (links.length === 0) return false;
  const index = from ? links.indexOf(from as HTMLAnchorElement) : -1;
  const next = index === -1 ? (step === 1 ? 0 : links.length - 1) : index + step;
  const target = links[next];
  if (!target) return false;
  target.focus();
  return true;
}
