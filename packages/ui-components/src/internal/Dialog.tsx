import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { cx } from './className.js';

export interface DialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** `danger` paints the confirm button red: every confirmation here ends sessions. */
  tone?: 'danger' | 'default';
  busy?: boolean;
  /** A failure of the confirmed action, announced inside the dialog. */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  className?: string;
}

/**
 * A modal confirmation on the native `<dialog>`: the browser traps focus, makes the page behind it inert and
 * closes it on Escape. Focus starts on Cancel (the safe choice) unless a field inside asks for it, and goes back
 * to whatever opened the dialog when it closes.
 */
export function Dialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  tone = 'danger',
  busy = false,
  error,
  onConfirm,
  onCancel,
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement as HTMLElement | null;
      dialog.showModal();
      const wantsFocus = dialog.querySelector<HTMLElement>('[data-autofocus]');
      (wantsFocus ?? cancelRef.current)?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    if (open) return;
    const target = opener.current;
    opener.current = null;
    if (target?.isConnected) {
      target.focus();
      return;
    }
    if (!target) return;
    // The opener went away with what it acted on (a signed-out row): keyboard users resume at the heading of
    // the component rather than at the top of the page.
    const heading = ref.current?.closest('.sk-root')?.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onConfirm();
  };

  return (
    <dialog
      ref={ref}
      className={cx('sk-dialog', className)}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      // Escape is also handled here, before the browser's own cancel, so that it works the same whether the key
      // comes from a person or from a script (tests, assistive tools that synthesise key events).
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <form className="sk-dialog__form" onSubmit={submit} noValidate>
          <h2 id={titleId} className="sk-dialog__title">
            {title}
          </h2>
          <div id={bodyId} className="sk-dialog__body">
            {children}
          </div>
          {error && (
            <p className="sk-alert sk-alert--error" role="alert">
              {error}
            </p>
          )}
          <div className="sk-dialog__actions">
            <button ref={cancelRef} type="button" className="sk-button" onClick={onCancel} disabled={busy}>
              {cancelLabel}
            </button>
            <button
              type="submit"
              className={cx('sk-button', tone === 'danger' ? 'sk-button--danger' : 'sk-button--primary')}
              aria-busy={busy || undefined}
              disabled={busy}
            >
              {confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
