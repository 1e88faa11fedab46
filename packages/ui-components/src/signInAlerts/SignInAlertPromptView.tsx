import { useId, useState } from 'react';
import type { SessionRecord } from '@sessionkit/core/browser';
import { cx } from '../internal/className.js';
import { formatDateTime } from '../internal/intlFormat.js';
import { deviceName, placeLabel } from '../internal/sessionLabels.js';
import { useText } from '../internal/useText.js';

export interface SignInAlertPromptViewProps {
  /** The person's sessions; those with an unanswered `alert` are asked about. */
  sessions: readonly SessionRecord[];
  /** The person said a sign-in wasn't them and hasn't changed their password since. */
  passwordChangeRequired?: boolean;
  /** Where the host's password page is; without it the ask has no link. */
  changePasswordHref?: string;
  onConfirm?: (session: SessionRecord) => Promise<unknown>;
  onDeny?: (session: SessionRecord) => Promise<unknown>;
  locale: string;
  className?: string;
}

/**
 * "Was this you?" for each session a sign-in alert waits on, with "Yes, it was me" and "No, sign it out", and
 * the ask for a new password once a sign-in was denied. Renders nothing when there is nothing to ask.
 */
export function SignInAlertPromptView({
  sessions,
  passwordChangeRequired = false,
  changePasswordHref,
  onConfirm,
  onDeny,
  locale,
  className,
}: SignInAlertPromptViewProps) {
  const t = useText();
  const titleId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const waiting = sessions.filter((s) => s.alert && s.status === 'active');
  if (waiting.length === 0 && !passwordChangeRequired) return null;

  const act = async (session: SessionRecord, action?: (s: SessionRecord) => Promise<unknown>) => {
    if (!action) return;
    setBusy(session.id);
    setFailure(null);
    try {
      await action(session);
    } catch (error) {
      setFailure(
        (error as { message?: string }).message ?? t('alerts.failed', 'That did not work; try again.'),
      );
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className={cx('sk-root sk-signin-alerts', className)} aria-labelledby={titleId} role="region">
      <h2 id={titleId} className="sk-visually-hidden">
        {t('alerts.regionTitle', 'Sign-ins to check')}
      </h2>
      {passwordChangeRequired && (
        <div className="sk-risk sk-risk--high" role="alert">
          <div className="sk-risk__body">
            <p className="sk-risk__title">{t('alerts.changePasswordTitle', 'Change your password')}</p>
            <p className="sk-risk__meta">
              {t(
                'alerts.changePasswordText',
                'You said a sign-in wasn’t you, and it was signed out. Choose a new password so it can’t happen again.',
              )}
            </p>
            {changePasswordHref && (
              <div className="sk-risk__actions">
                <a className="sk-button sk-button--danger sk-button--small" href={changePasswordHref}>
                  {t('alerts.changePassword', 'Change password')}
                </a>
              </div>
            )}
          </div>
        </div>
      )}
      {waiting.map((session) => {
        const name = deviceName(session);
        return (
          <article
            key={session.id}
            className="sk-risk sk-risk--high"
            aria-label={t('alerts.wasThisYouNamed', 'Was this you? {{device}}', { device: name })}
          >
            <div className="sk-risk__body">
              <p className="sk-risk__title">{t('alerts.wasThisYou', 'Was this you?')}</p>
              <p className="sk-risk__meta">
                {t('alerts.signedInFrom', 'A sign-in from {{device}} in {{place}}, {{when}}.', {
                  device: name,
                  place: placeLabel(session.location, t),
                  when: formatDateTime(session.createdAt, locale),
                })}
              </p>
              <ul className="sk-risk__signals">
                {(session.alert?.signals ?? []).map((kind) => (
                  <li key={kind}>
                    <span className="sk-badge sk-badge--danger">{signalLabel(kind, t)}</span>
                  </li>
                ))}
              </ul>
              <div className="sk-risk__actions">
                {onConfirm && (
                  <button
                    type="button"
                    className="sk-button sk-button--small"
                    disabled={busy !== null}
                    onClick={() => void act(session, onConfirm)}
                  >
                    {t('alerts.itWasMe', 'Yes, it was me')}
                  </button>
                )}
                {onDeny && (
                  <button
                    type="button"
                    className="sk-button sk-button--danger sk-button--small"
                    disabled={busy !== null}
                    onClick={() => void act(session, onDeny)}
                  >
                    {t('alerts.notMe', 'No, sign it out')}
                  </button>
                )}
              </div>
            </div>
          </article>
        );
      })}
      {failure && (
        <p className="sk-error-text" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}

function signalLabel(kind: string, t: ReturnType<typeof useText>): string {
  if (kind === 'new_country') return t('alerts.kind.new_country', 'New country');
  if (kind === 'new_device') return t('alerts.kind.new_device', 'New device');
  return t('alerts.kind.impossible_travel', 'Impossible travel');
}
