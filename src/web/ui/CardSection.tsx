import type { ReactNode } from 'react';
import { cardClass } from './styles.ts';

/** A card that is a region named by its own h2, so a screen reader lists it among the landmarks. */
export function CardSection({
  headingId,
  heading,
  className,
  children,
}: {
  headingId: string;
  heading: ReactNode;
  /** More classes for the card (e.g. a form's `max-w-3xl`). */
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className={className ? `${cardClass} ${className}` : cardClass}>
      <h2 id={headingId} className="text-std-20B-150">
        {heading}
      </h2>
      {children}
    </section>
  );
}
