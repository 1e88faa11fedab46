import { DEFAULT_DATA_PROVIDER_NAME, type ConnectedProps } from '../constants.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import { SessionDetailsView } from './SessionDetailsView.js';
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
  const details = useSessionDetails(sessionId, { dataProviderName, session });
  return (
    <SessionDetailsView
      session={details.session}
      loading={details.loading}
      error={details.error}
      onRetry={details.refetch}
      now={useNow(now)}
      locale={useLocale(locale)}
      className={className}
    />
  );
}
