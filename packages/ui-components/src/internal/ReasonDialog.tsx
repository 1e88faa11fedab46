import { useId, useRef, useState, type ReactNode } from 'react';
import { cx } from './className.js';
import { Dialog } from './Dialog.js';
import { useDialogAction } from './useDialogAction.js';
import { useText } from './useText.js';

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** When true the reason can't be sent empty (or only spaces): it goes to the audit trail. */
  requireReason: boolean;
  /** Whether to ask for a reason at all; default true. */
  askReason?: boolean;
  /** Runs the action; rejecting keeps the dialog open with the error. */
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

/** A confirmation for actions that end other people's sessions, with the reason an administrator gives. */
export function ReasonDialog({
  open,
  title,
  children,
  confirmLabel,
  requireReason,
  askReason = true,
  onConfirm,
  onClose,
}: ReasonDialogProps) {
  const t = useText();
  const reasonId = useId();
  const errorId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const { busy, actionError, clearActionError, run } = useDialogAction();

  const close = () => {
    setReason('');
    setReasonError(null);
    clearActionError();
    onClose();
  };

  const submit = async () => {
    const trimmed = reason.trim();
    if (askReason && requireReason && !trimmed) {
      setReasonError(t('reason.required', 'Enter a reason: it is kept in the audit log.'));
      field.current?.focus();
      return;
    }
    await run(async () => {
      await onConfirm(askReason && trimmed ? trimmed : undefined);
      setReason('');
      onClose();
    });
  };

  return (
    <Dialog
      open={open}
      title={title}
      confirmLabel={confirmLabel}
      cancelLabel={t('common.cancel', 'Cancel')}
      busy={busy}
      error={actionError}
      onConfirm={() => void submit()}
      onCancel={close}
    >
      {children}
      {askReason && (
        <div className={cx('sk-field', reasonError && 'sk-field--invalid')}>
          <label htmlFor={reasonId} className="sk-field__label">
            {requireReason ? t('reason.label', 'Reason') : t('reason.labelOptional', 'Reason (optional)')}
            {requireReason && (
              <span className="sk-required" aria-hidden="true">
                {' '}
                *
              </span>
            )}
          </label>
          <textarea
            ref={field}
            id={reasonId}
            className="sk-input sk-textarea"
            rows={3}
            required={requireReason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? errorId : undefined}
            data-autofocus
            value={reason}
            placeholder={t('reason.placeholder', 'e.g. Laptop reported stolen')}
            onChange={(event) => {
              setReason(event.target.value);
              if (reasonError && event.target.value.trim()) setReasonError(null);
            }}
          />
          {reasonError && (
            <p id={errorId} className="sk-field__error">
              {reasonError}
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}
