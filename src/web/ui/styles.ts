/**
 * Class lists shared by the small design-system components, following the Digital Agency design
 * system (デジタル庁デザインシステム) tokens from @digital-go-jp/tailwind-theme-plugin.
 * Focus rings are global (styles.css) so no focusable element can forget one.
 */

/** Text links: underlined, visited colour, thicker underline on hover (DA "リンクテキスト"). */
export const linkClass =
  'text-blue-1000 underline underline-offset-[3px] hover:decoration-[3px] visited:text-magenta-1000 active:text-orange-800';

/** At least 44 × 44 CSS px (WCAG 2.5.5 / 2.5.8 with margin) for everything tapped on public pages. */
export const touchTarget = 'min-h-11 min-w-11';

export const primaryButtonClass = `${touchTarget} inline-flex items-center justify-center gap-2 rounded-8 border-4 border-double border-transparent bg-blue-900 px-6 py-2 text-oln-16B-100 text-white hover:bg-blue-1000 hover:underline active:bg-blue-1200 disabled:bg-solid-gray-300 disabled:text-solid-gray-50`;

export const secondaryButtonClass = `${touchTarget} inline-flex items-center justify-center gap-2 rounded-8 border border-blue-900 bg-white px-6 py-2 text-oln-16B-100 text-blue-900 hover:bg-blue-50 hover:underline active:bg-blue-100 disabled:border-solid-gray-300 disabled:text-solid-gray-420`;

export const inputClass =
  'block w-full min-h-14 rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170 text-solid-gray-900 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1';

export const pageContainer = 'mx-auto w-full max-w-5xl px-4 md:px-8';

/*
 * Staff console: dense but still 44 px tall for touch on a tablet (WCAG 2.5.8 has margin to spare).
 */
export const compactButtonClass = `${touchTarget} inline-flex items-center justify-center gap-1 rounded-6 border border-blue-900 bg-white px-3 py-1 text-dns-16B-130 text-blue-900 hover:bg-blue-50 hover:underline active:bg-blue-100 disabled:border-solid-gray-300 disabled:text-solid-gray-420`;

export const dangerButtonClass = `${touchTarget} inline-flex items-center justify-center gap-2 rounded-8 border-4 border-double border-transparent bg-error-1 px-6 py-2 text-oln-16B-100 text-white hover:bg-error-2 hover:underline disabled:bg-solid-gray-300 disabled:text-solid-gray-50`;

export const compactDangerButtonClass = `${touchTarget} inline-flex items-center justify-center gap-1 rounded-6 border border-error-1 bg-white px-3 py-1 text-dns-16B-130 text-error-2 hover:bg-red-50 hover:underline disabled:border-solid-gray-300 disabled:text-solid-gray-420`;

export const selectClass =
  'block w-full min-h-11 rounded-8 border border-solid-gray-600 bg-white px-3 py-2 text-dns-16N-130 text-solid-gray-900 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1';

/** Inputs in dense console forms (filters, rows of a list being edited). */
export const compactInputClass =
  'block w-full min-h-11 rounded-6 border border-solid-gray-600 bg-white px-3 py-2 text-dns-16N-130 text-solid-gray-900 hover:border-black aria-[invalid=true]:border-2 aria-[invalid=true]:border-error-1';

export const checkboxClass = 'size-6 shrink-0 accent-blue-900';

export const cardClass = 'flex flex-col gap-4 rounded-8 border border-solid-gray-420 bg-white p-4 md:p-6';

/** On a phone a table keeps readable columns and scrolls inside its DataTable region instead. */
export const tableClass = 'w-full min-w-[40rem] border-collapse text-left text-dns-16N-130';
export const thClass =
  'border-b-2 border-solid-gray-600 bg-solid-gray-50 px-3 py-2 align-bottom text-dns-16B-130 whitespace-nowrap';
export const tdClass = 'border-b border-solid-gray-420 px-3 py-2 align-middle';

/** Identifiers (uuid, codes) in a face where 0/O and 1/l differ. */
export const monoClass = 'font-mono text-dns-14N-130 break-all';
