import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useProblemMessage } from '../api/useProblemMessage.ts';
import { ErrorSummary, type SummaryItem } from './ErrorSummary.tsx';

/**
 * Field errors by path inside the body: `/body/consultationNumbers/0/phone` → `consultationNumbers/0/phone`.
 * Forms give each input the id `${idPrefix}-${path with / as -}`, so an error finds its field.
 */
export function fieldErrorsByPath(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const { pointer, message } of error.problem.errors) {
    const path = pointer.replace(/^\/body\/?/, '');
    if (!(path in out)) out[path] = message;
  }
  return out;
}

export function fieldId(idPrefix: string, path: string): string {
  return `${idPrefix}-${path.replaceAll('/', '-')}`;
}

type FormProblemProps = {
  /** The failed request, if the last submit failed on the server. */
  error: unknown;
  /** Checks made before sending, by path. */
  local?: Record<string, string>;
  idPrefix: string;
  focusKey: number;
};

/**
 * The error summary of a form: the server's problem title and detail (in the page's language), then
 * every field error linking to its field. Renders nothing when there is nothing to say.
 */
export function FormProblem({ error, local = {}, idPrefix, focusKey }: FormProblemProps) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const byPath = error ? fieldErrorsByPath(error) : local;
  const items: SummaryItem[] = Object.entries(byPath).map(([path, message]) => {
    const id = fieldId(idPrefix, path);
    return typeof document !== 'undefined' && path && document.getElementById(id)
      ? { fieldId: id, message }
      : { message };
  });
  if (!error && items.length === 0) return null;
  if (error) {
    const problem = isApiError(error) && error.isProblem ? error.problem : null;
    return (
      <ErrorSummary
        heading={problem?.title || t('form.failedHeading')}
        detail={problem ? problem.detail : problemMessage(error)}
        items={items}
        focusKey={focusKey}
        headingId={`${idPrefix}-summary-heading`}
      />
    );
  }
  return (
    <ErrorSummary
      heading={t('form.checkHeading')}
      items={items}
      focusKey={focusKey}
      headingId={`${idPrefix}-summary-heading`}
    />
  );
}
