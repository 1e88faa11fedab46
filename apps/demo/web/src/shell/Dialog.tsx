import type { FormEvent, ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Cancel, or Done when the dialog only shows a result. */
  closeLabel: string;
  onClose: () => void;
  /** The action's button; without it the dialog shows a result and has one button, `closeLabel`. */
  submitLabel?: string;
  onSubmit?: () => void;
  /** `danger` paints the action red, as the kit's dialogs do for what ends sessions. */
  tone?: 'danger' | 'default';
  busy?: boolean;
  /** The action's failure, announced inside the dialog. */
  error?: string | null;
}

/**
 * The demo's own dialogs in the kit's dress (its `sk-dialog` classes, so they look and theme like the kit's
 * Force logout): the native `<dialog>` opened as a modal is centred in the top layer, traps focus, makes the page
 * inert and closes on Escape. Focus starts on a field marked `data-autofocus`, else on the safe button, and goes
 * back to the opener on close.
 */
export function Dialog({
  open,
  title,
  children,
  closeLabel,
  onClose,
  submitLabel,
  onSubmit,
  tone = 'danger',
  busy = false,
  error,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? closeRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
      if (opener.current?.isConnected) opener.current.focus();
      opener.current = null;
    }
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit?.();
  };

  return (
    <dialog
      ref={ref}
      className="sk-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // The browser's own Escape would close the element behind React's back; the state closes it instead.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open ? (
        <form className="sk-dialog__form" onSubmit={submit} noValidate>
          <h2 id={titleId} className="sk-dialog__title">
            {title}
          </h2>
          <div id={bodyId} className="sk-dialog__body">
            {children}
          </div>
          {error ? (
            <p className="sk-alert sk-alert--error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="sk-dialog__actions">
            <button
              ref={closeRef}
              type="button"
              className={onSubmit ? 'sk-button' : 'sk-button sk-button--primary'}
              onClick={onClose}
              disabled={busy}
            >
              {closeLabel}
            </button>
            {onSubmit && submitLabel ? (
              <button
                type="submit"
                className={`sk-button ${tone === 'danger' ? 'sk-button--danger' : 'sk-button--primary'}`}
                aria-busy={busy || undefined}
                disabled={busy}
              >
                {submitLabel}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
