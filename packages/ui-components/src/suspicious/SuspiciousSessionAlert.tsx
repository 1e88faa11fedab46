import { useList } from '@refinedev/core';
import type { RiskSignal } from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { usePlural, useText } from '../internal/useText.js';
import { deviceName } from '../internal/sessionLabels.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import { MY_SESSIONS, useSignOutOtherSessions, useSignOutSession } from '../sessionList/useMySessions.js';
import { SuspiciousSessionAlertView } from './SuspiciousSessionAlertView.js';
import { useRetry } from '../internal/useRetry.js';

export interface SuspiciousSessionAlertProps extends Omit<ConnectedProps, 'now'> {
  changePasswordHref?: string;
  onChangePassword?: () => void;
  auditLogHref?: string;
  onReviewAuditLog?: () => void;
  hideWhenClear?: boolean;
}

const weight = (signals: RiskSignal[] | undefined) =>
  (signals ?? []).reduce((sum, s) => sum + (s.level === 'high' ? 10 : s.level === 'medium' ? 3 : 1), 0);

/** Warns about the user's sessions that core's risk rules flagged, riskiest first, with what to do about them. */
export function SuspiciousSessionAlert({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  className,
  ...links
}: SuspiciousSessionAlertProps) {
  const t = useText();
  const p = usePlural(locale);
  const retry = useRetry();
  const { result, query } = useList<SessionRecord>({
    resource: MY_SESSIONS,
    dataProviderName,
    pagination: { mode: 'off' },
    meta: { query: { status: 'active' } },
    queryOptions: { retry },
    errorNotification: false,
  });
  const one = useSignOutSession(dataProviderName);
  const others = useSignOutOtherSessions(dataProviderName);
  const canSignOut = useAccess(SESSIONKIT_ACCESS.signOutSession) === 'allowed';
  const risky = result.data
    .filter((s) => !s.current && (s.risk?.length ?? 0) > 0)
    .sort((a, b) => weight(b.risk) - weight(a.risk));
  return (
    <SuspiciousSessionAlertView
      sessions={risky}
      locale={useLocale(locale)}
      loading={query.isPending}
      error={query.error}
      canSignOut={canSignOut}
      onSignOutSession={(session) =>
        one.signOut(
          session,
          t('sessionList.signedOutOne', 'Signed out of {{device}}', { device: deviceName(session) }),
        )
      }
      onSignOutAll={() =>
        others.signOutOthers((ended) =>
          p(
            'sessionList.signedOutCount',
            { one: 'Signed out of {{count}} other session', other: 'Signed out of {{count}} other sessions' },
            ended,
          ),
        )
      }
      className={className}
      {...links}
    />
  );
}
