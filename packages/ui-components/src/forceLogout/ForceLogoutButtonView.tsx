import { useId, useState } from 'react';
import { cx } from '../internal/className.js';
import { Dialog } from '../internal/Dialog.js';
import { useText } from '../internal/useText.js';

/** How a force logout is confirmed: at once, with a yes/no dialog, or with a dialog that asks for a reason. */
export type ForceLogoutConfirmation = 'none' | 'dialog' | 'reason';

export interface ForceLogoutButtonViewProps {
  userName: string;
  /** Default `reason`: the reason lands in the audit trail. */
  confirmation?: ForceLogoutConfirmation;
  /** Ends the user's sessions; rejecting keeps the dialog open with the error. */
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  /** The button's text; default "Force logout". */
  label?: string;
  size?: 'small' | 'normal';
  className?: string;
}

/** A button that signs a user out everywhere, with the confirmation the host chose. */
export function ForceLogoutButtonView({
  userName,
  confirmation = 'reason',
  onConfirm,
  label,
  size = 'normal',
  className,
}: ForceLogoutButtonViewProps) {
  const t = useText();
  const reasonId = useId();
  const errorId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const run = async (given: string | undefined) => {
    setBusy(true);
    setActionError(null);
    try {
      await onConfirm(given);
      setOpen(false);
      setReason('');
      setAnnouncement(t('forceLogout.done', '{{name}} was signed out everywhere', { name: userName }));
    } catch (err) {
      const message = (err as Error).message || t('common.actionFailed', 'That did not work. Try again.');
      if (confirmation === 'none') setAnnouncement(message);
      else setActionError(message);
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    if (confirmation === 'reason') {
      const trimmed = reason.trim();
      if (!trimmed) {
        setReasonError(t('forceLogout.reasonRequired', 'Enter a reason: it is kept in the audit log.'));
        document.getElementById(reasonId)?.focus();
        return;
      }
      void run(trimmed);
      return;
    }
    void run(undefined);
  };

  return (
    <>
      <button
        type="button"
        className={cx('sk-button sk-button--danger', size === 'small' && 'sk-button--small', className)}
        aria-busy={(confirmation === 'none' && busy) || undefined}
        disabled={confirmation === 'none' && busy}
        onClick={() => (confirmation === 'none' ? void run(undefined) : setOpen(true))}
        aria-label={t('forceLogout.buttonNamed', 'Force logout {{name}}', { name: userName })}
      >
        {label ?? t('forceLogout.button', 'Force logout')}
      </button>
      <span className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </span>
      {confirmation !== 'none' && (
        <Dialog
          open={open}
          title={t('forceLogout.title', 'Sign {{name}} out everywhere?', { name: userName })}
          confirmLabel={t('forceLogout.confirm', 'Force logout')}
          cancelLabel={t('common.cancel', 'Cancel')}
          busy={busy}
          error={actionError}
          onConfirm={submit}
          onCancel={() => {
            setOpen(false);
            setReasonError(null);
            setActionError(null);
          }}
        >
          <p>
            {t(
              'forceLogout.text',
              'Every session of {{name}} ends now. Their next request fails and they must sign in again; the account itself stays usable.',
              { name: userName },
            )}
          </p>
          {confirmation === 'reason' && (
            <div className={cx('sk-field', reasonError && 'sk-field--invalid')}>
              <label htmlFor={reasonId} className="sk-field__label">
                {t('forceLogout.reason', 'Reason')}
                <span className="sk-required" aria-hidden="true">
                  {' '}
                  *
                </span>
              </label>
              <textarea
                id={reasonId}
                className="sk-input sk-textarea"
                rows={3}
                required
                aria-required="true"
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? errorId : undefined}
                data-autofocus
                value={reason}
                placeholder={t('forceLogout.reasonPlaceholder', 'e.g. Laptop reported stolen')}
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
      )}
    </>
  );
}
