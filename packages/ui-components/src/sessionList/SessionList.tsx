import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import { usePlural, useText } from '../internal/useText.js';
import { deviceName } from '../internal/sessionLabels.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import { SessionListView } from './SessionListView.js';
import { SignInAlertPrompt } from '../signInAlerts/SignInAlertPrompt.js';
import { useMySessions, useSignOutOtherSessions, useSignOutSession } from './useMySessions.js';

export interface SessionListProps extends ConnectedProps {
  /** Sessions a page; default 25. */
  pageSize?: number;
  /** Called with a session when its name is clicked, e.g. to open `SessionDetails`. */
  onSelect?: (session: SessionRecord) => void;
}

/** The signed-in user's devices with sign out one and sign out all others, over `GET /me/sessions`. */
export function SessionList({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
  pageSize,
  onSelect,
}: SessionListProps) {
  const t = useText();
  const p = usePlural(locale);
  const list = useMySessions({ dataProviderName, pageSize });
  const one = useSignOutSession(dataProviderName);
  const others = useSignOutOtherSessions(dataProviderName);
  const canSignOut = useAccess(SESSIONKIT_ACCESS.signOutSession) === 'allowed';
  const canSignOutOthers = useAccess(SESSIONKIT_ACCESS.signOutOtherSessions) === 'allowed';
  return (
    <>
      <SignInAlertPrompt sessions={list.sessions} dataProviderName={dataProviderName} locale={locale} />
      <SessionListView
        sessions={list.sessions}
        total={list.total}
        loading={list.loading}
        error={list.error}
        onRetry={list.refetch}
        page={list.page}
        pageSize={list.pageSize}
        onPageChange={list.setPage}
        now={useNow(now)}
        locale={useLocale(locale)}
        canSignOut={canSignOut}
        canSignOutOthers={canSignOutOthers}
        onSignOut={(session) =>
          one.signOut(
            session,
            t('sessionList.signedOutOne', 'Signed out of {{device}}', { device: deviceName(session) }),
          )
        }
        onSignOutOthers={() =>
          others.signOutOthers((ended) =>
            p(
              'sessionList.signedOutCount',
              {
                one: 'Signed out of {{count}} other session',
                other: 'Signed out of {{count}} other sessions',
              },
              ended,
            ),
          )
        }
        onSelect={onSelect}
        className={className}
      />
    </>
  );
}
