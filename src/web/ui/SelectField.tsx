import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { selectClass } from './styles.ts';

type SelectFieldProps = {
  id: string;
  label: string;
  error?: string | undefined;
  options: readonly { value: string; label: string }[];
  /** Dense forms put the label in small type. */
  compact?: boolean;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>;

export function SelectField({ id, label, error, options, compact = false, ...select }: SelectFieldProps) {
  const { t } = useTranslation();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label
        htmlFor={id}
        className={compact ? 'text-dns-16B-130 text-solid-gray-900' : 'text-std-17B-170 text-solid-gray-900'}
      >
        {label}
      </label>
      {error && (
        <p id={errorId} className="text-dns-16B-130 text-error-2">
          <span className="sr-only">{t('common.errorPrefix')}</span>
          {error}
        </p>
      )}
      <select
        id={id}
        aria-describedby={errorId}
        aria-invalid={error ? true : undefined}
        className={selectClass}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
