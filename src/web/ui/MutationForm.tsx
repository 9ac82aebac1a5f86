import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { FormProblem } from './FormProblem.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { primaryButtonClass } from './styles.ts';

type MutationFormState<TData> = {
  mutation: UseMutationResult<TData, Error, void>;
  /** Bumped on each failure so the error summary takes the focus again, even for the same error. */
  focusKey: number;
  status: string;
  /** What `validate` found on the last submit, by path (empty when it passed or there is none). */
  local: Record<string, string>;
  submit: (event: FormEvent) => void;
};

/**
 * A form that sends once per submit and says so in its live region: a new try clears the last
 * success message, so a screen reader hears the next one afresh.
 */
export function useMutationForm<TData>({
  mutationFn,
  successMessage,
  onSuccess,
  validate,
}: {
  mutationFn: () => Promise<TData>;
  /** Said in the live region after a success; a function when it names what the server answered. */
  successMessage?: string | ((data: TData) => string);
  onSuccess?: (data: TData) => Promise<unknown> | undefined;
  /**
   * Checks made before sending, by path (the field's id is `${idPrefix}-${path}`): when any fails,
   * nothing is sent, the summary lists these instead of an earlier server error and takes the focus.
   */
  validate?: () => Record<string, string>;
}): MutationFormState<TData> {
  const [focusKey, setFocusKey] = useState(0);
  const [status, setStatus] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn,
    onSuccess: async (data) => {
      setStatus(typeof successMessage === 'function' ? successMessage(data) : (successMessage ?? ''));
      await onSuccess?.(data);
    },
    onError: () => setFocusKey((k) => k + 1),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    if (validate) {
      const errors = validate();
      setLocal(errors);
      if (Object.keys(errors).length > 0) {
        mutation.reset();
        setFocusKey((k) => k + 1);
        return;
      }
    }
    mutation.mutate();
  };
  return { mutation, focusKey, status, local, submit };
}

/** The form around the fields: the error summary first, then one submit button and the live status. */
export function MutationForm<TData>({
  form,
  idPrefix,
  submitLabel,
  submitClassName = primaryButtonClass,
  children,
}: {
  form: MutationFormState<TData>;
  /** Prefix of the fields' ids, so a server error links to its field. */
  idPrefix: string;
  submitLabel: string;
  submitClassName?: string;
  children: ReactNode;
}) {
  return (
    <form onSubmit={form.submit} noValidate className="flex flex-col gap-4">
      <FormProblem
        error={form.mutation.error}
        local={form.local}
        idPrefix={idPrefix}
        focusKey={form.focusKey}
      />
      {children}
      <button type="submit" className={`${submitClassName} self-start`} disabled={form.mutation.isPending}>
        {submitLabel}
      </button>
      <LiveStatus message={form.status} />
    </form>
  );
}
