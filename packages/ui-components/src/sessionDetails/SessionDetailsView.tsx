import { truncateSessionId } from '@sessionkit/core/browser';
import { useId, useState, type ReactNode } from 'react';
import { Dialog } from '../internal/Dialog.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { cx } from '../internal/className.js';
import { DeviceIcon } from '../internal/DeviceIcon.js';
import { EffectivePolicyFacts } from './EffectivePolicyFacts.js';
import { formatDateTime, formatNumber } from '../internal/intlFormat.js';
import { LastActive } from '../internal/LastActive.js';
import { QueryState } from '../internal/QueryState.js';
import { deviceName } from '../internal/sessionLabels.js';
import { useText, type Text } from '../internal/useText.js';
import type { SessionDetailsRecord, SessionRecord } from '@sessionkit/core/browser';

export interface SessionDetailsViewProps {
  /** With `deviceSignIns` (the person's own details route) the view also says how often that device signed in. */
  session: SessionRecord | SessionDetailsRecord | null;
  now: Date;
  locale: string;
  loading?: boolean;
  error?: { message?: string } | null;
  onRetry?: () => void;
  /** Ends this session after a confirmation; offered for an active session other than the current one. */
  onSignOut?: (session: SessionRecord) => Promise<unknown>;
  className?: string;
}

function endReasonLabel(reason: string, t: Text): string {
  const labels: Record<string, string> = {
    logout: t('endReason.logout', 'Signed out'),
    revoked: t('endReason.revoked', 'Signed out from another device'),
    revoked_others: t('endReason.revoked_others', 'Signed out with “all other sessions”'),
    force_logout: t('endReason.force_logout', 'Signed out by an administrator'),
    idle_timeout: t('endReason.idle_timeout', 'Timed out after inactivity'),
    expired: t('endReason.expired', 'Expired'),
    concurrency_limit: t('endReason.concurrency_limit', 'Replaced by a newer sign-in'),
    password_changed: t('endReason.password_changed', 'Password changed'),
    user_deactivated: t('endReason.user_deactivated', 'Account deactivated'),
  };
  return labels[reason] ?? reason;
}

export { endReasonLabel };

/** Everything known about one session: software and versions, device, place and network, times and activity. */
export function SessionDetailsView({
  session,
  now,
  locale,
  loading = false,
  error,
  onRetry,
  onSignOut,
  className,
}: SessionDetailsViewProps) {
  const t = useText();
  const titleId = useId();
  const [confirming, setConfirming] = useState(false);
  const { busy, actionError, clearActionError, run } = useDialogAction();
  const dash = '—';
  const s = session;
  const facts: [string, string | ReactNode][] = s
    ? [
        [
          t('details.browser', 'Browser'),
          [s.device.browser, s.device.browserVersion].filter(Boolean).join(' ') || s.client.name || dash,
        ],
        [
          t('details.os', 'Operating system'),
          [s.device.os, s.device.osVersion].filter(Boolean).join(' ') || dash,
        ],
        [
          t('details.device', 'Device'),
          [s.device.vendor, s.device.model].filter(Boolean).join(' ') || s.client.deviceName || dash,
        ],
        [
          t('details.city', 'City'),
          s.location?.local ? t('common.localNetwork', 'Local network') : (s.location?.city ?? dash),
        ],
        [t('details.country', 'Country'), s.location?.country ?? dash],
        [t('details.isp', 'Network provider'), s.location?.isp ?? dash],
        [
          t('details.ip', 'IP address'),
          <>
            <span className="sk-mono">{s.lastIp}</span>
            {s.lastIp !== s.ip && (
              <span className="sk-device__meta sk-block">
                {t('details.signedInFrom', 'Signed in from {{ip}}', { ip: s.ip })}
              </span>
            )}
          </>,
        ],
        ...('deviceSignIns' in s
          ? [
              [
                t('details.deviceSignIns', 'Sign-ins from this device'),
                t('details.deviceSignInsValue', '{{count}} in the last {{days}} days', {
                  count: formatNumber(s.deviceSignIns.count, locale),
                  days: formatNumber(s.deviceSignIns.days, locale),
                }),
              ] satisfies [string, string],
            ]
          : []),
        [
          t('details.created', 'Signed in'),
          <time dateTime={new Date(s.createdAt).toISOString()}>{formatDateTime(s.createdAt, locale)}</time>,
        ],
        [
          t('details.lastActive', 'Last active'),
          <LastActive at={s.lastSeenAt} now={now} locale={locale} t={t} ended={s.status === 'ended'} />,
        ],
        [
          t('details.sessionId', 'Session ID'),
          <span className="sk-mono" title={s.id}>
            {truncateSessionId(s.id)}
          </span>,
        ],
        [t('details.actions', 'Actions'), formatNumber(s.activity.actions, locale)],
        [
          t('details.lastPage', 'Last page'),
          s.activity.lastPath ? <span className="sk-mono">{s.activity.lastPath}</span> : dash,
        ],
        [
          t('details.rememberMe', 'Remember me'),
          s.rememberMe ? t('common.yes', 'Yes') : t('common.no', 'No'),
        ],
      ]
    : [];
  if (s?.status === 'ended' && s.endReason) {
    facts.push([
      t('details.ended', 'Ended'),
      `${endReasonLabel(s.endReason, t)}${s.endedAt ? ` · ${formatDateTime(s.endedAt, locale)}` : ''}`,
    ]);
  }
  return (
    <section className={cx('sk-root sk-card sk-details', className)} aria-labelledby={titleId}>
      <QueryState
        loading={loading}
        error={error}
        empty={!s}
        emptyTitle={t('details.notFound', 'Session not found')}
        emptyText={t('details.notFoundText', 'It may have ended and been cleared from the history.')}
        onRetry={onRetry}
        skeletonRows={2}
      >
        {s && (
          <>
            <header className="sk-card__header sk-details__header">
              <div className="sk-device">
                <DeviceIcon type={s.device.type} kind={s.kind} />
                <div className="sk-device__text">
                  <h2 id={titleId} className="sk-card__title sk-device__name">
                    {deviceName(s)}
                    {s.current && (
                      <span className="sk-badge sk-badge--accent">
                        {t('sessionList.thisDevice', 'This Device')}
                      </span>
                    )}
                    {s.status === 'ended' ? (
                      <span className="sk-badge">{t('details.statusEnded', 'Ended')}</span>
                    ) : (
                      <span className="sk-badge sk-badge--success">
                        {t('details.statusActive', 'Active')}
                      </span>
                    )}
                  </h2>
                  <span className="sk-device__meta">
                    {s.kind === 'browser'
                      ? t('details.kindBrowser', 'Browser session')
                      : s.kind === 'mobile'
                        ? t('details.kindMobile', 'Mobile app')
                        : t('details.kindApi', 'API client')}
                    {s.client.name ? ` · ${s.client.name}` : ''}
                  </span>
                </div>
              </div>
              {onSignOut && s.status === 'active' && !s.current && (
                <button
                  type="button"
                  className="sk-button sk-button--ghost-danger"
                  onClick={() => setConfirming(true)}
                >
                  {t('sessionList.signOut', 'Sign out')}
                </button>
              )}
            </header>
            <dl className="sk-facts sk-details__facts">
              {facts.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {'effectivePolicy' in s && s.effectivePolicy && (
              <EffectivePolicyFacts effective={s.effectivePolicy} />
            )}
          </>
        )}
        {!s && (
          <h2 id={titleId} className="sk-visually-hidden">
            {t('details.title', 'Session details')}
          </h2>
        )}
      </QueryState>
      {s && (
        <Dialog
          open={confirming}
          title={t('sessionList.confirmOneTitle', 'Sign out of {{device}}?', { device: deviceName(s) })}
          confirmLabel={t('sessionList.signOut', 'Sign out')}
          cancelLabel={t('common.cancel', 'Cancel')}
          busy={busy}
          error={actionError}
          onConfirm={() =>
            void run(async () => {
              await onSignOut?.(s);
              setConfirming(false);
            })
          }
          onCancel={() => {
            clearActionError();
            setConfirming(false);
          }}
        >
          <p>
            {t(
              'sessionList.confirmOneText',
              'Anyone using {{device}} will have to sign in again to get back into your account.',
              { device: deviceName(s) },
            )}
          </p>
        </Dialog>
      )}
    </section>
  );
}
