import { useOne } from '@refinedev/core';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import type { SessionDetailsRecord, SessionRecord } from '@sessionkit/core/browser';
import { MY_SESSIONS } from '../sessionList/useMySessions.js';
import { useRetry } from '../internal/useRetry.js';

/**
 * One of the user's sessions in full: `GET /me/sessions/:id`, which also counts the sign-ins from that device.
 * Skips the request when a record is at hand (an administrator's row: the route is the person's own).
 */
export function useSessionDetails(
  sessionId: string,
  {
    dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
    session,
  }: { dataProviderName?: string; session?: SessionRecord } = {},
) {
  const retry = useRetry();
  const { result, query } = useOne<SessionDetailsRecord>({
    resource: MY_SESSIONS,
    id: sessionId,
    dataProviderName,
    queryOptions: { retry, enabled: !session },
    errorNotification: false,
  });
  return {
    session: (session ?? result ?? null) as SessionRecord | SessionDetailsRecord | null,
    loading: !session && query.isPending,
    error: session ? null : query.error,
    refetch: () => void query.refetch(),
  };
}
