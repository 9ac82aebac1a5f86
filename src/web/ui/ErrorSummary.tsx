import { useEffect, useRef } from 'react';
import { linkClass } from './styles.ts';

export type SummaryItem = { fieldId?: string; message: string };

type ErrorSummaryProps = {
  heading: string;
  detail?: string | undefined;
  items: SummaryItem[];
  /** Changes on every failed submit, so focus moves to the summary again each time. */
  focusKey: number;
  /** Id of the heading; give one when a page has several forms. */
  headingId?: string;
};

/**
 * Error summary pattern: after a failed submit, focus moves here so screen-reader and keyboard
 * users learn what went wrong first; each item links to its field.
 */
export function ErrorSummary({
  heading,
  detail,
  items,
  focusKey,
  headingId = 'error-summary-heading',
}: ErrorSummaryProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={headingId}
      className="flex flex-col gap-3 rounded-8 border-2 border-error-1 bg-white p-4 md:p-6"
    >
      <h2 id={headingId} className="text-std-20B-150 text-error-2">
        {heading}
      </h2>
      {detail && <p className="text-std-16N-170 text-solid-gray-900">{detail}</p>}
      {items.length > 0 && (
        <ul className="flex list-disc flex-col gap-1 pl-6">
          {items.map((item) => (
            <li key={`${item.fieldId ?? ''}:${item.message}`} className="text-std-16N-170">
              {item.fieldId ? (
                <a
                  href={`#${item.fieldId}`}
                  className={`${linkClass} text-error-2 visited:text-error-2`}
                  onClick={(event) => {
                    // Move focus to the field itself; a bare #hash would only scroll.
                    event.preventDefault();
                    document.getElementById(item.fieldId!)?.focus();
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
