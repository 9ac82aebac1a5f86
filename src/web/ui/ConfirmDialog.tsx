import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { dangerButtonClass, primaryButtonClass, secondaryButtonClass } from './styles.ts';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Destructive actions get the red button. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A modal confirmation on the native <dialog> (react-aria-components is not installed): the browser
 * traps focus, Escape cancels, the rest of the page is inert. Labelled by its heading and described by
 * its body; focus starts on "cancel" (the safe choice) and returns to the opener when it closes.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={children ? `${id}-body` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-8 border border-solid-gray-420 bg-white p-0 text-solid-gray-900 shadow-lg backdrop:bg-black/50"
    >
      <div className="flex flex-col gap-4 p-6">
        <h2 id={`${id}-title`} className="text-std-20B-150">
          {title}
        </h2>
        {children && (
          <div id={`${id}-body`} className="flex flex-col gap-3 text-std-16N-170">
            {children}
          </div>
        )}
        <div className="flex flex-wrap justify-end gap-3">
          <button
            ref={cancelRef}
            type="button"
            className={secondaryButtonClass}
            disabled={busy}
            onClick={onCancel}
          >
            {t('dialog.cancel')}
          </button>
          <button
            type="button"
            className={danger ? dangerButtonClass : primaryButtonClass}
            disabled={busy}
            onClick={onConfirm}
          >
            {busy ? t('dialog.working') : confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
