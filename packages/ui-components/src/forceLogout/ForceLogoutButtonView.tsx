import { useState } from 'react';
import { cx } from '../internal/className.js';
import { ReasonDialog } from '../internal/ReasonDialog.js';
import { usePlural, useText } from '../internal/useText.js';

/** How a force logout is confirmed: at once, with a yes/no dialog, or with a dialog that asks for a reason. */
export type ForceLogoutConfirmation = 'none' | 'dialog' | 'reason';

export interface ForceLogoutButtonViewProps {
  userName: string;
  /** How many sessions of the user are active, said in the confirmation when known. */
  activeSessions?: number;
  /** Default `reason`: the reason lands in the audit trail. */
  confirmation?: ForceLogoutConfirmation;
  /** Ends the user's sessions; rejecting keeps the dialog open with the error. */
  onConfirm: (reason: string | undefined) => Promise<unknown>;
  /** The button's text; default "Force logout". */
  label?: string;
  size?: 'small' | 'normal';
  /** `subtle` suits a button repeated on every row of a table; default `solid`. */
  tone?: 'solid' | 'subtle';
  className?: string;
}

/** A button that signs a user out everywhere, with the confirmation the host chose. */
export function ForceLogoutButtonView({
  userName,
  activeSessions,
  confirmation = 'reason',
  onConfirm,
  label,
  size = 'normal',
  tone = 'solid',
  className,
}: ForceLogoutButtonViewProps) {
  const t = useText();
  const p = usePlural();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const done = () =>
    setAnnouncement(t('forceLogout.done', '{{name}} was signed out everywhere', { name: userName }));

  const runAtOnce = async () => {
    setBusy(true);
    try {
      await onConfirm(undefined);
      done();
    } catch (err) {
      setAnnouncement((err as Error).message || t('common.actionFailed', 'That did not work. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className={cx(
          'sk-button',
          tone === 'subtle' ? 'sk-button--ghost-danger' : 'sk-button--danger',
          size === 'small' && 'sk-button--small',
          className,
        )}
        aria-busy={busy || undefined}
        disabled={busy}
        onClick={() => (confirmation === 'none' ? void runAtOnce() : setOpen(true))}
        aria-label={t('forceLogout.buttonNamed', 'Force logout {{name}}', { name: userName })}
      >
        {label ?? t('forceLogout.button', 'Force logout')}
      </button>
      <span className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </span>
      {confirmation !== 'none' && (
        <ReasonDialog
          open={open}
          title={t('forceLogout.title', 'Sign {{name}} out everywhere?', { name: userName })}
          confirmLabel={t('forceLogout.confirm', 'Force logout')}
          askReason={confirmation === 'reason'}
          requireReason={confirmation === 'reason'}
          onConfirm={async (reason) => {
            await onConfirm(reason);
            done();
          }}
          onClose={() => setOpen(false)}
        >
          <p>
            {activeSessions === undefined
              ? t('forceLogout.textUnknownCount', 'Every active session of {{name}} ends now.', {
                  name: userName,
                })
              : p(
                  'forceLogout.textCount',
                  {
                    one: '{{count}} active session of {{name}} ends now.',
                    other: '{{count}} active sessions of {{name}} end now.',
                  },
                  activeSessions,
                  { name: userName },
                )}{' '}
            {t(
              'forceLogout.next',
              'Their next request fails and they see the reason on the login page; they can sign in again, as the account itself stays usable.',
            )}
          </p>
        </ReasonDialog>
      )}
    </>
  );
}
