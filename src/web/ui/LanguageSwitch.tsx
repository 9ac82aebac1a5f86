import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, htmlLangOf, UI_LANGUAGES, type UiLanguage } from '../i18n/index.ts';

type Option = { language: UiLanguage; labelKey: 'language.ja' | 'language.en' | 'language.easyJa' };

const OPTIONS: Option[] = [
  { language: 'ja', labelKey: 'language.ja' },
  { language: 'en', labelKey: 'language.en' },
  { language: 'easy-ja', labelKey: 'language.easyJa' },
];

/**
 * Always visible; each name is written in its own language (and marked with `lang`) so it can be
 * found by someone who cannot read the current one.
 */
export function LanguageSwitch({ languages = UI_LANGUAGES }: { languages?: readonly UiLanguage[] }) {
  const { t, i18n } = useTranslation();
  const active = currentLanguage();
  return (
    <fieldset className="flex min-w-0 flex-wrap gap-1">
      <legend className="sr-only">{t('language.label')}</legend>
      {OPTIONS.filter((o) => languages.includes(o.language)).map(({ language, labelKey }) => (
        <button
          key={language}
          type="button"
          lang={htmlLangOf(language)}
          aria-pressed={active === language}
          onClick={() => void changeLanguage(language)}
          className="min-h-11 min-w-11 rounded-6 border border-transparent px-3 py-2 text-dns-16N-130 text-blue-1000 underline-offset-[3px] hover:bg-blue-50 hover:underline aria-pressed:border-blue-900 aria-pressed:bg-blue-50 aria-pressed:font-bold"
        >
          {i18n.getFixedT(language)(labelKey)}
        </button>
      ))}
    </fieldset>
  );
}
