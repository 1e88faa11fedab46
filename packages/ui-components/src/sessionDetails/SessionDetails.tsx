import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { deviceName } from '../internal/sessionLabels.js';
import { useText } from '../internal/useText.js';
import { useSignOutSession } from '../sessionList/useMySessions.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import { SessionDetailsView } from './SessionDetailsView.js';
import { DeviceNameForm } from '../deviceNames/DeviceNameForm.js';
import { useSessionDetails } from './useSessionDetails.js';

export interface SessionDetailsProps extends ConnectedProps {
  sessionId: string;
  /** A record already loaded (e.g. a row of an admin list); no request is made then. */
  session?: SessionRecord;
}

/** The detail view of one session: versions, device model, city, country, ISP, times, id, activity. */
export function SessionDetails({
  sessionId,
  session,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
}: SessionDetailsProps) {
  const t = useText();
  const details = useSessionDetails(sessionId, { dataProviderName, session });
  const { signOut } = useSignOutSession(dataProviderName);
  const canSignOut = useAccess(SESSIONKIT_ACCESS.signOutSession) === 'allowed';
  return (
    <>
      <SessionDetailsView
        session={details.session}
        loading={details.loading}
        error={details.error}
        onRetry={details.refetch}
        onSignOut={
          canSignOut
            ? (s) =>
                signOut(
                  s,
                  t('sessionList.signedOutOne', 'Signed out of {{device}}', { device: deviceName(s) }),
                )
            : undefined
        }
        now={useNow(now)}
        locale={useLocale(locale)}
        className={className}
      />
      {/* Only the person names their devices: a record an administrator's list passed in is someone else's. */}
      {!session && details.session && (
        <DeviceNameForm session={details.session} dataProviderName={dataProviderName} />
      )}
    </>
  );
}
