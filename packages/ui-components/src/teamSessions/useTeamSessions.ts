import { useCustom, useCustomMutation, useInvalidate, useList } from '@refinedev/core';
import { useState } from 'react';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import type { AdminSummaryRecord, AdminUserRecord, SessionRecord } from '@sessionkit/core/browser';
import { useRetry } from '../internal/useRetry.js';

export const ADMIN_USERS = 'admin/users';
export const ADMIN_SESSIONS = 'admin/sessions';

/** The login-management data: the summary cards and one row per signed-in user, filtered and paged. */
export function useTeamSessions({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  pageSize = 20,
  enabled = true,
}: { dataProviderName?: string; pageSize?: number; enabled?: boolean } = {}) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const retry = useRetry();
  const summary = useCustom<AdminSummaryRecord>({
    url: 'admin/summary',
    method: 'get',
    dataProviderName,
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  const users = useList<AdminUserRecord>({
    resource: ADMIN_USERS,
    dataProviderName,
    pagination: { currentPage: page, pageSize, mode: 'server' },
    sorters: [{ field: 'lastLoginAt', order: 'desc' }],
    filters: q.trim() ? [{ field: 'q', operator: 'eq', value: q.trim() }] : [],
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  const invalidate = useInvalidate();
  const { mutateAsync } = useCustomMutation<{ ended: number }>();
  return {
    summary: summary.query.isSuccess ? summary.result.data : null,
    users: users.result.data,
    total: users.result.total ?? users.result.data.length,
    loading: users.query.isPending,
    error: users.query.error ?? summary.query.error,
    refreshing: users.query.isFetching || summary.query.isFetching,
    q,
    setQ: (value: string) => {
      setQ(value);
      setPage(1);
    },
    page,
    pageSize,
    setPage,
    refresh: async () => {
      await Promise.all([
        summary.query.refetch(),
        users.query.refetch(),
        invalidate({ resource: ADMIN_SESSIONS, dataProviderName, invalidates: ['list'] }),
      ]);
    },
    signOutTeam: async (reason: string, successMessage: (ended: number) => string) => {
      const response = await mutateAsync({
        url: `${ADMIN_SESSIONS}/revoke-all`,
        method: 'post',
        values: { reason },
        dataProviderName,
        successNotification: (data) => ({
          type: 'success',
          message: successMessage(Number(data?.data.ended ?? 0)),
        }),
        errorNotification: false,
      });
      await Promise.all([
        summary.query.refetch(),
        invalidate({ resource: ADMIN_USERS, dataProviderName, invalidates: ['list'] }),
        invalidate({ resource: ADMIN_SESSIONS, dataProviderName, invalidates: ['list'] }),
      ]);
      return response.data;
    },
  };
}

/** One user's active sessions, for the expanded row: `GET /admin/sessions?userId=`. */
export function useUserSessions(userId: string, dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const retry = useRetry();
  const { result, query } = useList<SessionRecord>({
    resource: ADMIN_SESSIONS,
    dataProviderName,
    pagination: { mode: 'off' },
    filters: [{ field: 'userId', operator: 'eq', value: userId }],
    meta: { query: { status: 'active' } },
    queryOptions: { retry },
    errorNotification: false,
  });
  return { sessions: result.data, loading: query.isPending, error: query.error };
}
