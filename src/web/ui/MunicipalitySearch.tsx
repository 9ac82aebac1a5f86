import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { municipalitySearchQuery } from '../api/municipalities.ts';
import { useProblemMessage } from '../api/useProblemMessage.ts';
import { JobLeaverHint } from './JobLeaverHint.tsx';
import { MunicipalityLink, moveFocusInList } from './MunicipalityLink.tsx';
import { inputClass, secondaryButtonClass } from './styles.ts';

/** Wait for a pause in typing (IME composition included) before asking the server. */
const DEBOUNCE_MS = 250;

/**
 * Search by name in kanji or kana (こうふ, コウフ, ｺｳﾌ, 甲府): the server folds readings and
 * widths, so the query is sent as typed. Results are plain links (not a combobox): they work
 * with every screen reader, and arrow keys move into the list as a shortcut.
 */
export function MunicipalitySearch() {
  const { t } = useTranslation();
  const id = useId();
  const inputId = `${id}-q`;
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const next = text.trim();
    if (next === query) return;
    const timer = window.setTimeout(() => setQuery(next), next === '' ? 0 : DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, query]);

  const result = useQuery({ ...municipalitySearchQuery(query), placeholderData: keepPreviousData });
  const problemMessage = useProblemMessage();
  const items = query === '' ? [] : (result.data?.items ?? []);
  const total = result.data?.total ?? 0;

  let status = '';
  if (query !== '') {
    if (result.isError) status = problemMessage(result.error);
    else if (!result.data || result.isPlaceholderData) status = t('search.searching');
    else if (total === 0) status = t('search.none', { query });
    else {
      status = t('search.count', { count: total, query });
      if (total > items.length) status += ` ${t('search.more', { count: total - items.length })}`;
    }
  }

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && moveFocusInList(listRef.current, null, 1)) event.preventDefault();
  };
  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const moved = moveFocusInList(
        listRef.current,
        document.activeElement,
        event.key === 'ArrowDown' ? 1 : -1,
      );
      if (!moved && event.key === 'ArrowUp') inputRef.current?.focus();
    } else if (event.key === 'Escape') {
      inputRef.current?.focus();
    }
  };

  return (
    <div className="flex flex-col gap-4">
      {/* <search> is the search landmark (HTML 2023); older browsers simply show its content. */}
      <search aria-label={t('search.landmark')}>
        <form
          className="flex flex-col gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(text.trim());
          }}
        >
          <label htmlFor={inputId} className="text-std-17B-170 text-solid-gray-900">
            {t('search.label')}
          </label>
          <p id={`${id}-hint`} className="text-std-16N-170 text-solid-gray-700">
            {t('search.hint')}
            <span className="sr-only"> {t('search.keyboardHint')}</span>
          </p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              ref={inputRef}
              id={inputId}
              type="search"
              name="q"
              autoComplete="off"
              enterKeyHint="search"
              aria-describedby={`${id}-hint`}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={onInputKeyDown}
              className={inputClass}
            />
            <button type="submit" className={`${secondaryButtonClass} shrink-0`}>
              {t('search.button')}
            </button>
          </div>
        </form>
      </search>
      <p role="status" className="text-std-16N-170 text-solid-gray-900">
        {status}
      </p>
      {/* Someone typing 離職, 失業, ハローワーク… is looking for help after a job, not for a town. */}
      <JobLeaverHint text={query} />
      {items.length > 0 && (
        <ul
          ref={listRef}
          aria-label={t('search.resultsLabel')}
          onKeyDown={onListKeyDown}
          className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3"
        >
          {items.map((item) => (
            <li key={item.code}>
              <MunicipalityLink item={item} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
