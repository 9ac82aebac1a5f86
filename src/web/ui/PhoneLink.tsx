import { telHref } from './national-numbers.ts';

/** A large tappable phone number; the accessible name carries what the number is for. */
export function PhoneLink({ number, label }: { number: string; label: string }) {
  return (
    <a
      href={telHref(number)}
      aria-label={`${number} ${label}`}
      className="inline-flex min-h-11 items-center gap-2 rounded-6 text-std-24B-150 text-blue-1000 underline underline-offset-[3px] hover:decoration-[3px]"
    >
      <PhoneIcon />
      <span>{number}</span>
    </a>
  );
}

function PhoneIcon() {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" className="shrink-0">
      <path
        fill="currentColor"
        d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
      />
    </svg>
  );
}
