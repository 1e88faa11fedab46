import { useDelete, useInvalidate, useList } from '@refinedev/core';
import { useState } from 'react';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import type { SessionRecord, TeamSessionRecord } from '@sessionkit/core/browser';
import { useRetry } from '../internal/useRetry.js';
import { MY_SESSIONS } from '../sessionList/useMySessions.js';
import { ADMIN_SESSIONS, ADMIN_USERS } from '../teamSessions/useTeamSessions.js';

export type SessionStatusFilter = 'active' | 'ended' | 'all';

/** The account's sessions for administrators, newest sign-in first: `GET /admin/sessions?status=`. */
export function useSessionHistory({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  pageSize = 20,
  initialStatus = 'all',
  userId,
  enabled = true,
}: {
  dataProviderName?: string;
  pageSize?: number;
  initialStatus?: SessionStatusFilter;
  /** Only this user's sessions (a user's page). */
  userId?: string;
  enabled?: boolean;
} = {}) {
  const [status, setStatus] = useState<SessionStatusFilter>(initialStatus);
  const [page, setPage] = useState(1);
  const retry = useRetry();
  const { result, query } = useList<TeamSessionRecord>({
    resource: ADMIN_SESSIONS,
    dataProviderName,
    pagination: { currentPage: page, pageSize, mode: 'server' },
    sorters: [{ field: 'createdAt', order: 'desc' }],
    filters: userId ? [{ field: 'userId', operator: 'eq', value: userId }] : [],
    meta: { query: { status } },
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  return {
    sessions: result.data,
    total: result.total ?? result.data.length,
    loading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
    status,
    setStatus: (next: SessionStatusFilter) => {
      setStatus(next);
      setPage(1);
    },
    page,
    pageSize,
    setPage,
  };
}

/** The signed-in person's ended sessions, the latest first: `GET /me/sessions?status=ended`. */
export function useMyEndedSessions({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  pageSize = 10,
}: { dataProviderName?: string; pageSize?: number } = {}) {
  const [page, setPage] = useState(1);
  const retry = useRetry();
  const { result, query } = useList<SessionRecord>({
    resource: MY_SESSIONS,
    dataProviderName,
    pagination: { currentPage: page, pageSize, mode: 'server' },
    sorters: [{ field: 'lastSeenAt', order: 'desc' }],
    meta: { query: { status: 'ended' } },
    queryOptions: { retry },
    errorNotification: false,
  });
  return {
    sessions: result.data,
    total: result.total ?? result.data.length,
    loading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
    page,
    pageSize,
    setPage,
  };
}

/** An administrator ends one session of someone: `DELETE /admin/sessions/:id { reason }`. */
export function useEndSession(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { mutateAsync, mutation } = useDelete<TeamSessionRecord>();
  const invalidate = useInvalidate();
  return {
    endSession: async (sessionId: string, reason: string | undefined, successMessage: string) => {
      const response = await mutateAsync({
        resource: ADMIN_SESSIONS,
        id: sessionId,
        values: reason ? { reason } : {},
        dataProviderName,
        // The reason dialog already asked; an "undoable" host default would leave the session alive for seconds.
        mutationMode: 'pessimistic',
        successNotification: { type: 'success', message: successMessage },
        errorNotification: false,
      });
      // The team view's counts and rows change with it.
      await invalidate({ resource: ADMIN_USERS, dataProviderName, invalidates: ['list'] });
      return response.data;
    },
    pending: mutation.isPending,
  };
}
