import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { inputClass } from './styles.ts';

type TextFieldProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'required'>;

/** Label, optional hint, inline error and input wired together with aria-describedby. */
export function TextField({ id, label, hint, error, required, ...input }: TextFieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="flex flex-wrap items-center gap-2 text-std-17B-170 text-solid-gray-900">
        {label}
        {required && <span className="text-dns-16N-130 text-error-2">{t('common.required')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="text-std-16N-170 text-solid-gray-700">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-std-16B-170 text-error-2">
          <span className="sr-only">{t('common.errorPrefix')}</span>
          {error}
        </p>
      )}
      <input
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        className={inputClass}
        {...input}
      />
    </div>
  );
}
