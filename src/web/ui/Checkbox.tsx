import type { InputHTMLAttributes, ReactNode } from 'react';
import { checkboxClass } from './styles.ts';

type CheckboxProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>;

/** A checkbox with its label beside it; the whole label is the click target (44 px tall). */
export function Checkbox({ id, label, hint, ...input }: CheckboxProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="flex min-h-11 cursor-pointer items-center gap-3 text-dns-16N-130">
        <input id={id} type="checkbox" className={checkboxClass} aria-describedby={hintId} {...input} />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={hintId} className="pl-9 text-dns-14N-130 text-solid-gray-700">
          {hint}
        </p>
      )}
    </div>
  );
}
