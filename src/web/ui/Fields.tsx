import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { checkboxClass } from './styles.ts';

/**
 * Form pieces many features need beside TextField and SelectField: a radio group and a checkbox
 * group (fieldset and legend, 44 px targets, error wired with aria-describedby) and a text area.
 */
type Option<T extends string> = { value: T; label: ReactNode; hint?: ReactNode };

export function RadioGroup<T extends string>({
  id,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  required,
  compact = false,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly Option<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string | undefined;
  required?: boolean;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      id={id}
      // The error summary links here; a fieldset is focusable only by script.
      tabIndex={-1}
      aria-describedby={describedBy || undefined}
      className="flex min-w-0 flex-col gap-2"
    >
      <legend
        className={`mb-2 flex flex-wrap items-center gap-2 ${compact ? 'text-dns-16B-130' : 'text-std-17B-170'} text-solid-gray-900`}
      >
        {legend}
        {required && <span className="text-dns-16N-130 text-error-2">{t('common.required')}</span>}
      </legend>
      {hint && (
        <p id={`${id}-hint`} className="text-std-16N-170 text-solid-gray-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-std-16B-170 text-error-2">
          <span className="sr-only">{t('common.errorPrefix')}</span>
          {error}
        </p>
      )}
      <div className={`flex ${compact ? 'flex-row flex-wrap gap-x-4' : 'flex-col'} gap-1`}>
        {options.map((option) => (
          <div key={option.value} className="flex flex-col">
            <label
              htmlFor={`${id}-${option.value}`}
              className={`flex min-h-11 cursor-pointer items-center gap-3 ${compact ? 'text-dns-16N-130' : 'text-std-16N-170'}`}
            >
              <input
                id={`${id}-${option.value}`}
                type="radio"
                name={id}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-invalid={error ? true : undefined}
                className={checkboxClass}
              />
              <span>{option.label}</span>
            </label>
            {option.hint && <p className="pl-9 text-dns-14N-130 text-solid-gray-700">{option.hint}</p>}
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function CheckboxGroup<T extends string>({
  id,
  legend,
  options,
  value,
  onChange,
  error,
  required,
}: {
  id: string;
  legend: ReactNode;
  options: readonly Option<T>[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  error?: string | undefined;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      aria-describedby={error ? `${id}-error` : undefined}
      className="flex min-w-0 flex-col gap-2"
    >
      <legend className="mb-2 flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-900">
        {legend}
        {required && <span className="text-dns-16N-130 text-error-2">{t('common.required')}</span>}
      </legend>
      {error && (
        <p id={`${id}-error`} className="text-std-16B-170 text-error-2">
          <span className="sr-only">{t('common.errorPrefix')}</span>
          {error}
        </p>
      )}
      <div className="flex flex-col gap-1">
        {options.map((option) => (
          <label
            key={option.value}
            htmlFor={`${id}-${option.value}`}
            className="flex min-h-11 cursor-pointer items-center gap-3 text-std-16N-170"
          >
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              checked={value.includes(option.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value),
                )
              }
              className={checkboxClass}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function TextAreaField({
  id,
  label,
  hint,
  error,
  compact = false,
  ...textarea
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  compact?: boolean;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="flex flex-col gap-2">
      <label
        htmlFor={id}
        className={compact ? 'text-dns-16B-130 text-solid-gray-900' : 'text-std-17B-170 text-solid-gray-900'}
      >
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-std-16N-170 text-solid-gray-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-std-16B-170 text-error-2">
          <span className="sr-only">{t('common.errorPrefix')}</span>
          {error}
        </p>
      )}
      <textarea
        id={id}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        rows={compact ? 3 : 6}
        className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-900 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1"
        {...textarea}
      />
    </div>
  );
}
