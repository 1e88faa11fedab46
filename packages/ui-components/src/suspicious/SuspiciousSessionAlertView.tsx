import { highestRisk, type RiskSignal } from '@sessionkit/core/browser';
import { useId, useState } from 'react';
import { cx } from '../internal/className.js';
import { Dialog } from '../internal/Dialog.js';
import { formatDateTime } from '../internal/intlFormat.js';
import { deviceName, placeLabel, softwareLine } from '../internal/sessionLabels.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { usePlural, useText, type Text } from '../internal/useText.js';
import type { SessionRecord } from '@sessionkit/core/browser';

export interface SuspiciousSessionAlertViewProps {
  /** Sessions with at least one risk signal; the riskiest comes first. */
  sessions: SessionRecord[];
  locale: string;
  loading?: boolean;
  error?: { message?: string } | null;
  canSignOut?: boolean;
  onSignOutSession?: (session: SessionRecord) => Promise<unknown>;
  onSignOutAll?: () => Promise<unknown>;
  /** A link to the host's change-password page, or a callback. */
  changePasswordHref?: string;
  onChangePassword?: () => void;
  auditLogHref?: string;
  onReviewAuditLog?: () => void;
  /** When true nothing is shown while there is nothing to warn about; default shows a quiet "all clear". */
  hideWhenClear?: boolean;
  className?: string;
}

function levelLabel(level: RiskSignal['level'], t: Text): string {
  return level === 'high'
    ? t('risk.high', 'High risk')
    : level === 'medium'
      ? t('risk.medium', 'Medium risk')
      : t('risk.low', 'Low risk');
}

const WARNING_ICON =
  'M12 9v4m0 3.5h.01M10.3 3.9 2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z';

/** Warning signs of suspicious sessions with their level, and the four ways to respond. */
export function SuspiciousSessionAlertView({
  sessions,
  locale,
  loading = false,
  error,
  canSignOut = true,
  onSignOutSession,
  onSignOutAll,
  changePasswordHref,
  onChangePassword,
  auditLogHref,
  onReviewAuditLog,
  hideWhenClear = false,
  className,
}: SuspiciousSessionAlertViewProps) {
  const t = useText();
  const p = usePlural(locale);
  const titleId = useId();
  const [confirm, setConfirm] = useState<'one' | 'all' | null>(null);
  const { busy, actionError, clearActionError, run } = useDialogAction();
  const [announcement, setAnnouncement] = useState('');

  if (loading) {
    return (
      <div className={cx('sk-root sk-risk sk-risk--quiet', className)} role="status">
        {t('risk.checking', 'Checking your sessions for warning signs…')}
      </div>
    );
  }
  if (error) {
    return (
      <div className={cx('sk-root sk-risk sk-risk--quiet', className)} role="alert">
        {t('risk.error', 'Warning signs could not be checked: {{message}}', { message: error.message ?? '' })}
      </div>
    );
  }
  const session = sessions[0];
  if (!session) {
    if (hideWhenClear) return null;
    return (
      <div className={cx('sk-root sk-risk sk-risk--clear', className)} role="status">
        <span className="sk-dot sk-dot--live" aria-hidden="true" />
        {t('risk.clear', 'No warning signs on your sessions.')}
        <span className="sk-visually-hidden">{announcement}</span>
      </div>
    );
  }
  const signals = session.risk ?? [];
  const level = highestRisk(signals) ?? 'medium';
  const name = deviceName(session);

  const signOut = () =>
    run(async () => {
      if (confirm === 'one') {
        await onSignOutSession?.(session);
        setAnnouncement(t('sessionList.signedOutOne', 'Signed out of {{device}}', { device: name }));
      } else {
        await onSignOutAll?.();
        setAnnouncement(t('sessionList.signedOutOthers', 'Signed out of all other sessions'));
      }
      setConfirm(null);
    });

  return (
    <section
      className={cx('sk-root sk-risk', `sk-risk--${level}`, className)}
      aria-labelledby={titleId}
      role="region"
    >
      <span className="sk-risk__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d={WARNING_ICON} strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      <div className="sk-risk__body">
        <h2 id={titleId} className="sk-risk__title">
          {t('risk.title', 'Unusual sign-in on {{device}}', { device: name })}
        </h2>
        <p className="sk-risk__meta">
          {softwareLine(session)} · {placeLabel(session.location, t)} ·{' '}
          <span className="sk-mono">{session.ip}</span> ·{' '}
          {t('risk.signedIn', 'signed in {{when}}', { when: formatDateTime(session.createdAt, locale) })}
        </p>
        <ul className="sk-risk__signals">
          {signals.map((signal) => (
            <li key={signal.kind}>
              <span
                className={cx('sk-badge', signal.level === 'high' ? 'sk-badge--danger' : 'sk-badge--warning')}
              >
                {levelLabel(signal.level, t)}
              </span>
              <span>{t(`risk.${signal.kind}`, signal.message)}</span>
            </li>
          ))}
        </ul>
        {sessions.length > 1 && (
          <p className="sk-risk__more">
            {p(
              'risk.more',
              {
                one: '{{count}} more session shows warning signs.',
                other: '{{count}} more sessions show warning signs.',
              },
              sessions.length - 1,
            )}
          </p>
        )}
        <div className="sk-risk__actions">
          {canSignOut && onSignOutSession && (
            <button
              type="button"
              className="sk-button sk-button--danger sk-button--small"
              onClick={() => setConfirm('one')}
            >
              {t('risk.signOutThis', 'Sign out this session')}
            </button>
          )}
          {canSignOut && onSignOutAll && (
            <button type="button" className="sk-button sk-button--small" onClick={() => setConfirm('all')}>
              {t('risk.signOutAll', 'Sign out all other sessions')}
            </button>
          )}
          {changePasswordHref ? (
            <a className="sk-button sk-button--small" href={changePasswordHref}>
              {t('risk.changePassword', 'Change password')}
            </a>
          ) : (
            onChangePassword && (
              <button type="button" className="sk-button sk-button--small" onClick={onChangePassword}>
                {t('risk.changePassword', 'Change password')}
              </button>
            )
          )}
          {auditLogHref ? (
            <a className="sk-button sk-button--small" href={auditLogHref}>
              {t('risk.reviewAudit', 'Review audit log')}
            </a>
          ) : (
            onReviewAuditLog && (
              <button type="button" className="sk-button sk-button--small" onClick={onReviewAuditLog}>
                {t('risk.reviewAudit', 'Review audit log')}
              </button>
            )
          )}
        </div>
        <p className="sk-visually-hidden" aria-live="polite">
          {announcement}
        </p>
      </div>
      <Dialog
        open={confirm !== null}
        title={
          confirm === 'one'
            ? t('sessionList.confirmOneTitle', 'Sign out of {{device}}?', { device: name })
            : t('risk.confirmAllTitle', 'Sign out of every other session?')
        }
        confirmLabel={
          confirm === 'one'
            ? t('sessionList.signOut', 'Sign out')
            : t('risk.signOutAll', 'Sign out all other sessions')
        }
        cancelLabel={t('common.cancel', 'Cancel')}
        busy={busy}
        error={actionError}
        onConfirm={() => void signOut()}
        onCancel={() => {
          setConfirm(null);
          clearActionError();
        }}
      >
        <p>
          {confirm === 'one'
            ? t(
                'risk.confirmOneText',
                'Whoever is using {{device}} in {{place}} will be signed out at once.',
                {
                  device: name,
                  place: placeLabel(session.location, t),
                },
              )
            : t(
                'risk.confirmAllText',
                'Every device but this one will have to sign in again. If you don’t recognise a sign-in, change your password too.',
              )}
        </p>
      </Dialog>
    </section>
  );
}
