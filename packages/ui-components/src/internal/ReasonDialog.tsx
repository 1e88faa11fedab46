import type { ReactNode } from 'react';
import { Dialog } from './Dialog.js';
import { ReasonField, useReason } from './ReasonField.js';
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
  const reason = useReason();
  const { busy, actionError, clearActionError, run } = useDialogAction();

  const close = () => {
    reason.reset();
    clearActionError();
    onClose();
  };

  const submit = async () => {
    const trimmed = reason.check(
      askReason && requireReason,
      t('reason.required', 'Enter a reason: it is kept in the audit log.'),
    );
    if (trimmed === null) return;
    await run(async () => {
      await onConfirm(askReason && trimmed ? trimmed : undefined);
      reason.reset();
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
        <ReasonField
          reason={reason}
          label={requireReason ? t('reason.label', 'Reason') : t('reason.labelOptional', 'Reason (optional)')}
          required={requireReason}
          placeholder={t('reason.placeholder', 'e.g. Laptop reported stolen')}
        />
      )}
    </Dialog>
  );
}
