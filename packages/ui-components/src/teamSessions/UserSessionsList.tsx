import { AccessDenied } from '../internal/AccessDenied.js';
import { DeviceIcon } from '../internal/DeviceIcon.js';
import { formatDateTimeSeconds } from '../internal/intlFormat.js';
import { LastActive } from '../internal/LastActive.js';
import { deviceName, placeLabel, softwareLine } from '../internal/sessionLabels.js';
import { useText } from '../internal/useText.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import type { ReactNode } from 'react';

export interface UserSessionsListProps {
  sessions: SessionRecord[];
  loading?: boolean;
  error?: { message?: string; statusCode?: number } | null;
  now: Date;
  locale: string;
  label: string;
  /** Why a 403 refused the viewer; default "You need the administrator right to see this." */
  deniedText?: string;
  /** A session's actions, e.g. a `SessionSignOutButton`. */
  renderActions?: (session: SessionRecord) => ReactNode;
}

/** A user's sessions inside the team view's expanded row: browser, device, sign-in time, place. */
export function UserSessionsList({
  sessions,
  loading,
  error,
  now,
  locale,
  label,
  deniedText,
  renderActions,
}: UserSessionsListProps) {
  const t = useText();
  if (loading)
    return (
      <p className="sk-muted" role="status">
        {t('common.loading', 'Loading…')}
      </p>
    );
  if (error?.statusCode === 403)
    return (
      <AccessDenied
        title={t('common.deniedTitle', 'You don’t have access to this')}
        text={deniedText ?? t('common.deniedText', 'You need the administrator right to see this.')}
      />
    );
  if (error)
    return (
      <p className="sk-field__error" role="alert">
        {error.message}
      </p>
    );
  if (!sessions.length) return <p className="sk-muted">{t('team.noSessions', 'No active sessions.')}</p>;
  return (
    <ul className="sk-user-sessions" aria-label={label}>
      {sessions.map((s) => (
        <li key={s.id}>
          <DeviceIcon type={s.device.type} kind={s.kind} />
          <span className="sk-device__text">
            <span className="sk-device__name">{deviceName(s)}</span>
            <span className="sk-device__meta">
              {softwareLine(s)} · {placeLabel(s.location, t)} · <span className="sk-mono">{s.lastIp}</span>
            </span>
          </span>
          <span className="sk-user-sessions__when">
            <span className="sk-device__meta">
              {t('team.signedInAt', 'Signed in {{when}}', {
                when: formatDateTimeSeconds(s.createdAt, locale),
              })}
            </span>
            <LastActive at={s.lastSeenAt} now={now} locale={locale} t={t} />
          </span>
          {renderActions?.(s)}
        </li>
      ))}
    </ul>
  );
}
