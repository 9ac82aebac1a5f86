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
